/**
 * Chromium with the built extension (dist/chrome), headless, over Playwright; cards read from the
 * accessibility tree, which sees into closed shadow roots as a screen reader does.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, type CDPSession, chromium, type Page } from 'playwright-core';
import type { CardSeen } from '../../shared/driver';
import { locatePhrase, messageTabAt, poll } from '../../shared/page-probes';
import { ROOT } from '../server';

/** The built extension (BACKSTORY_EXT points elsewhere, e.g. to compare two builds side by side). */
export const EXT = process.env.BACKSTORY_EXT || path.join(ROOT, 'dist/chrome');

/** Debian's Chromium (CHROMIUM points elsewhere). */
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Flags every test Chromium starts with: no sandbox (containers), no GPU, nothing fetched or synced by the browser itself. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  extensionId: string;
  profile: string;
  close(): Promise<void>;
}

export async function launch(opts: { profile?: string; colorScheme?: 'light' | 'dark'; reducedMotion?: boolean; args?: string[] } = {}): Promise<Browser> {
  if (!existsSync(path.join(EXT, 'manifest.json'))) throw new Error('dist/chrome is missing: run `npm run build` first');
  const profile = opts.profile ?? mkdtempSync(path.join(tmpdir(), 'backstory-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    colorScheme: opts.colorScheme ?? 'light',
    reducedMotion: opts.reducedMotion ? 'reduce' : 'no-preference',
    args: [...CHROMIUM_FLAGS, `--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`, ...(opts.args ?? [])],
  });
  // tsx compiles test files with keepNames, so functions passed to page.evaluate reference __name.
  await context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker', { timeout: 20_000 });
  const extensionId = new URL(worker.url()).host;
  const b: Browser = {
    context,
    extensionId,
    profile,
    async close() {
      await context.close();
      if (!opts.profile) rmSync(profile, { recursive: true, force: true });
    },
  };
  await waitForPacks(b);
  return b;
}

/** Wait until the worker has the bundled default pack installed (first run imports it). */
export async function waitForPacks(b: Browser, minPacks = 1): Promise<void> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/src/popup/index.html`);
  const n = await poll(async () => {
    const count = await page.evaluate(async () => {
      const r = (await chrome.runtime.sendMessage({ kind: 'listPacks', payload: {} })) as { ok: boolean; value?: unknown[] };
      return r?.ok ? (r.value?.length ?? 0) : 0;
    });
    return count >= minPacks ? count : null;
  }, 30_000);
  await page.close();
  if (n === null) throw new Error(`the worker did not list ${minPacks} pack(s)`);
}

/** Send a tab message from the worker to the tab showing `pageUrl` (see messageTabAt); the reply, or null. */
export async function sendToTab(b: Browser, pageUrl: string, message: unknown): Promise<unknown> {
  const worker = b.context.serviceWorkers()[0] ?? (await b.context.waitForEvent('serviceworker', { timeout: 20_000 }));
  return worker.evaluate(messageTabAt, { url: pageUrl, message });
}

export const extensionPage = (b: Browser, p: 'popup' | 'options') => `chrome-extension://${b.extensionId}/src/${p}/index.html`;

/** Open dialogs/tooltips from the accessibility tree, with their names and visible text. */
export async function readCards(cdp: CDPSession): Promise<CardSeen[]> {
  // Only Backstory's layer (the children of <html> beside head and body) is asked, not the whole
  // page: serialising a 50,000-node page's tree takes seconds on a busy machine.
  const { root } = (await cdp.send('DOM.getDocument', { depth: 2 })) as { root: DomNode };
  const html = root.children?.find((n) => n.nodeName === 'HTML');
  const hosts = (html?.children ?? []).filter((n) => n.nodeType === 1 && n.nodeName !== 'HEAD' && n.nodeName !== 'BODY');
  const out: CardSeen[] = [];
  for (const host of hosts) {
    for (const role of ['dialog', 'tooltip']) {
      const { nodes } = (await cdp.send('Accessibility.queryAXTree', { backendNodeId: host.backendNodeId, role })) as { nodes: AXNode[] };
      for (const n of nodes) {
        if (n.ignored) continue;
        // Its text, in tree order (ignored nodes too, as a full tree lists them).
        const { nodes: texts } = (await cdp.send('Accessibility.queryAXTree', { backendNodeId: n.backendDOMNodeId, role: 'StaticText' })) as {
          nodes: AXNode[];
        };
        const text = texts.flatMap((t) => (t.name?.value ? [t.name.value] : []));
        out.push({ role, name: n.name?.value ?? '', text });
      }
    }
  }
  return out;
}

interface DomNode {
  nodeType: number;
  nodeName: string;
  backendNodeId: number;
  children?: DomNode[];
}

interface AXNode {
  nodeId: string;
  backendDOMNodeId: number;
  ignored?: boolean;
  role?: { value: string };
  name?: { value: string };
  childIds?: string[];
}

/** Point of the nth occurrence of `text` in a Playwright page's body text (like the black-box judge). */
export async function pointAt(page: Page, text: string, nth = 1): Promise<{ x: number; y: number }> {
  const at = await page.evaluate(locatePhrase, { text, nth });
  if (!at) throw new Error(`"${text}" #${nth} is not on the page`);
  return at;
}

/** Chromium without the extension, on `url` (what a page is like without Backstory); close it after. */
export async function openBareChromium(url: string): Promise<{ page: Page; close(): Promise<void> }> {
  const plain = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  const ctx = await plain.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  await ctx.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
  const page = await ctx.newPage();
  await page.goto(url, { waitUntil: 'load' });
  return { page, close: () => plain.close() };
}
