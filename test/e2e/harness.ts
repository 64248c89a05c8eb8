/**
 * End-to-end harness: the built extension (dist/chrome) in Debian's Chromium, headless, driven as
 * a person would (mouse, keyboard, file chooser). Cards are read from the accessibility tree, which
 * sees into closed shadow roots, exactly like a screen reader.
 */
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, type CDPSession, chromium, type Page } from 'playwright-core';
import { locatePhrase, messageTabAt, poll } from '../shared/page-probes';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** The built extension (BACKSTORY_EXT points elsewhere, e.g. to compare two builds side by side). */
export const EXT = process.env.BACKSTORY_EXT || path.join(ROOT, 'dist/chrome');

export interface Server {
  url: string;
  close(): void;
  /** Extra routes for tests (path → handler). */
  route(p: string, handler: http.RequestListener): void;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.gz': 'application/gzip',
};

/** Serve folders on 127.0.0.1: /demo → extension/demo, /pages → test/e2e/pages (nothing from outside the repository). */
export function serve(): Promise<Server> {
  const mounts: Record<string, string> = {
    '/demo/': path.join(ROOT, 'extension/demo'),
    '/pages/': path.join(ROOT, 'test/e2e/pages'),
  };
  const routes = new Map<string, http.RequestListener>();
  const srv = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const custom = routes.get(url.pathname);
    if (custom) return custom(req, res);
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (!url.pathname.startsWith(prefix)) continue;
      let p = path.join(dir, decodeURIComponent(url.pathname.slice(prefix.length)));
      if (existsSync(p) && statSync(p).isDirectory()) p = path.join(p, 'index.html');
      if (!p.startsWith(dir) || !existsSync(p)) break;
      res.setHeader('content-type', TYPES[path.extname(p)] ?? 'application/octet-stream');
      return createReadStream(p).pipe(res);
    }
    res.statusCode = 404;
    res.end('not found');
  });
  return new Promise((ok) =>
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      ok({ url: `http://127.0.0.1:${port}`, close: () => srv.close(), route: (p, h) => routes.set(p, h) });
    }),
  );
}

export interface Browser {
  context: BrowserContext;
  extensionId: string;
  profile: string;
  close(): Promise<void>;
}

export async function launch(opts: { profile?: string; colorScheme?: 'light' | 'dark'; args?: string[] } = {}): Promise<Browser> {
  if (!existsSync(path.join(EXT, 'manifest.json'))) throw new Error('dist/chrome is missing: run `npm run build` first');
  const profile = opts.profile ?? mkdtempSync(path.join(tmpdir(), 'backstory-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    colorScheme: opts.colorScheme ?? 'light',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      `--disable-extensions-except=${EXT}`,
      `--load-extension=${EXT}`,
      ...(opts.args ?? []),
    ],
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

/** Point of the nth occurrence of `text` in the page's body text (like the black-box judge). */
export async function pointAt(page: Page, text: string, nth = 1): Promise<{ x: number; y: number }> {
  const at = await page.evaluate(locatePhrase, { text, nth });
  if (!at) throw new Error(`"${text}" #${nth} is not on the page`);
  return at;
}

export interface CardSeen {
  role: string;
  name: string;
  text: string[];
}

/** Open dialogs/tooltips from the accessibility tree, with their names and visible text. */
export async function readCards(cdp: CDPSession): Promise<CardSeen[]> {
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AXNode[] };
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const out: CardSeen[] = [];
  for (const n of nodes) {
    const role = n.role?.value;
    if (n.ignored || (role !== 'dialog' && role !== 'tooltip')) continue;
    const text: string[] = [];
    const stack = [...(n.childIds ?? [])];
    while (stack.length) {
      const c = byId.get(stack.shift() as string);
      if (!c) continue;
      if (c.role?.value === 'StaticText' && c.name?.value) text.push(c.name.value);
      stack.push(...(c.childIds ?? []));
    }
    out.push({ role: role as string, name: n.name?.value ?? '', text });
  }
  return out;
}

interface AXNode {
  nodeId: string;
  ignored?: boolean;
  role?: { value: string };
  name?: { value: string };
  childIds?: string[];
}

export const waitForCard = (cdp: CDPSession, ms = 4000): Promise<CardSeen | null> => poll(async () => (await readCards(cdp))[0] ?? null, ms);

export const waitForNoCard = async (cdp: CDPSession, ms = 3000): Promise<boolean> =>
  (await poll(async () => ((await readCards(cdp)).length ? null : true), ms)) ?? false;

/** Hover a phrase the way a hand does (move there, rest) and return the card that opens, if any. */
export async function hover(page: Page, cdp: CDPSession, text: string, nth = 1, ms = 3000): Promise<CardSeen | null> {
  await page.mouse.move(1270, 890);
  await waitForNoCard(cdp);
  const p = await pointAt(page, text, nth);
  await page.mouse.move(p.x - 30, p.y + 40);
  await page.mouse.move(p.x, p.y, { steps: 4 });
  return waitForCard(cdp, ms);
}

/**
 * Wait until the content script has marked names on the page (what the popup's "On this page"
 * lists): each of `names` at least `minCount` times, or any name when none are given.
 */
export async function settle(b: Browser, page: Page, names: string[] = [], minCount = 1, ms = 30_000): Promise<void> {
  await page.waitForLoadState('load');
  const found = await poll(async () => {
    const items = (await sendToTab(b, page.url(), { kind: 'onThisPage' })) as { name: string; count: number }[] | null;
    if (!Array.isArray(items) || items.length === 0) return null;
    return names.every((n) => items.some((i) => i.name === n && i.count >= minCount)) ? true : null;
  }, ms);
  if (!found) throw new Error(`${names.join(', ') || 'no name'} not marked ${minCount}× on ${page.url()} within ${ms} ms`);
}

export async function openArticle(b: Browser, url: string, names: string[] = []): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await b.context.newPage();
  await page.goto(url);
  await settle(b, page, names);
  const cdp = await b.context.newCDPSession(page);
  return { page, cdp };
}

export const readText = (p: string) => readFileSync(p, 'utf8');
