/**
 * Firefox for the e2e tests: dist/firefox installed into Debian's firefox-esr, headless,
 * driven over WebDriver BiDi with puppeteer-core (real mouse, keyboard, file chooser).
 *
 * Firefox has no CDP accessibility tree, so cards are read through WebDriver BiDi's own node
 * serialization, which (by the BiDi spec) hands a client the card host's closed shadow root the
 * way the accessibility tree hands it to a screen reader. The page itself still cannot reach it.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { CardSeen, ElementSeen, Rect } from '../../shared/driver';
import { messageTabAt, poll } from '../../shared/page-probes';
import { ROOT } from '../server';

export { type Server, serve } from '../server';

export const EXT_FIREFOX = path.join(ROOT, 'dist/firefox');
export const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
const GECKO_ID = 'backstory@backstory.example';

export interface FirefoxSession {
  browser: Browser;
  profile: string;
  uuid: string;
  /** moz-extension://<uuid>/ of the installed extension. */
  origin: string;
  /** A background tab on one of the extension's pages, for talking to the worker and to tabs as the popup does. */
  control(): Promise<Page>;
  close(): Promise<void>;
}

const DOWNLOADS = new WeakMap<Browser, string>();

/** The folder where this Firefox saves downloads (set by prefs at launch). */
export function downloadsFolder(browser: Browser): string {
  const dir = DOWNLOADS.get(browser);
  if (!dir) throw new Error('not a Firefox launched by launchFirefox');
  return dir;
}

/** Headless Firefox ESR on a profile of its own, with the tests' viewport. */
const headlessFirefox = (profile: string) =>
  ({ browser: 'firefox', executablePath: FIREFOX, headless: true, userDataDir: profile, defaultViewport: { width: 1280, height: 900 } }) as const;

/** What a launch of Firefox is given (see inEachBrowser's options). */
export interface FirefoxOptions {
  colorScheme?: 'light' | 'dark';
  reducedMotion?: boolean;
  /** Start again on this profile with this extension UUID (a restart); the caller removes the profile. */
  again?: { profile: string; uuid: string };
}

export async function launchFirefox(opts: FirefoxOptions = {}): Promise<FirefoxSession> {
  if (!existsSync(path.join(EXT_FIREFOX, 'manifest.json'))) throw new Error('dist/firefox is missing: run `npm run build` first');
  if (!existsSync(FIREFOX)) throw new Error(`Firefox not found at ${FIREFOX} (Debian: apt-get install -y firefox-esr, or set FIREFOX)`);
  // Firefox picks a random moz-extension UUID per profile unless this pref already names one;
  // choosing it up front is how a test learns the address of the popup and options pages.
  const uuid = opts.again?.uuid ?? randomUUID();
  const profile = opts.again?.profile ?? mkdtempSync(path.join(tmpdir(), 'backstory-ff-'));
  const downloads = path.join(profile, 'downloads');
  mkdirSync(downloads, { recursive: true });
  const browser = await puppeteer.launch({
    ...headlessFirefox(profile),
    // Since Firefox 153 WebDriver may only navigate to http(s)/file/about:blank unless the session
    // is allowed system access; the popup and options pages are moz-extension:// URLs.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'xpinstall.signatures.required': false,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
      // The add-on is installed for the session only; a restart installs it again over the same data.
      'extensions.webextensions.keepStorageOnUninstall': true,
      'extensions.webextensions.keepUuidOnUninstall': true,
      // The system theme and motion preference pages see (prefers-color-scheme, prefers-reduced-motion).
      'ui.systemUsesDarkTheme': opts.colorScheme === 'dark' ? 1 : 0,
      'ui.prefersReducedMotion': opts.reducedMotion ? 1 : 0,
      // Downloads go straight to the profile's downloads folder, with no dialog (see downloadsFolder).
      'browser.download.dir': downloads,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      'browser.download.alwaysOpenPanel': false,
    },
  });
  DOWNLOADS.set(browser, downloads);
  let control: Promise<Page> | null = null;
  const s: FirefoxSession = {
    browser,
    profile,
    uuid,
    origin: `moz-extension://${uuid}/`,
    control() {
      control ??= openExtensionPage(s, 'src/options/index.html');
      return control;
    },
    async close() {
      await browser.close();
      if (!opts.again) rmSync(profile, { recursive: true, force: true });
    },
  };
  try {
    const id = await browser.installExtension(EXT_FIREFOX);
    if (id !== GECKO_ID) throw new Error(`installed add-on has id ${id}, expected ${GECKO_ID}`);
    await waitForPacks(s);
  } catch (e) {
    await s.close();
    throw e;
  }
  return s;
}

// tsx compiles test files with keepNames, so functions sent to a page reference __name.
const DEFINE_NAME = 'globalThis.__name ??= (f) => f;';

/** Firefox without the extension, on `url` (what a page is like without Backstory); close it after. */
export async function openBareFirefox(url: string): Promise<{ page: Page; close(): Promise<void> }> {
  const profile = mkdtempSync(path.join(tmpdir(), 'backstory-ff-bare-'));
  const browser = await puppeteer.launch(headlessFirefox(profile));
  const page = await browser.newPage();
  await page.evaluateOnNewDocument(DEFINE_NAME);
  await page.goto(url, { waitUntil: 'load' });
  return {
    page,
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function newPage(s: FirefoxSession): Promise<Page> {
  const page = await s.browser.newPage();
  await page.evaluateOnNewDocument(DEFINE_NAME);
  return page;
}

export const extensionUrl = (s: FirefoxSession, p: 'popup' | 'options' | 'welcome') => `${s.origin}src/${p}/index.html`;

/**
 * Open one of the extension's own pages in a new tab. puppeteer's goto never sees a moz-extension
 * navigation finish (no BiDi navigation events for it), so wait for the document instead.
 */
export async function openExtensionPage(s: FirefoxSession, p: string, onPage?: (page: Page) => void): Promise<Page> {
  const page = await newPage(s);
  onPage?.(page);
  const url = `${s.origin}${p}`;
  page.goto(url, { timeout: 15_000 }).catch(() => {});
  const ready = await poll(
    async () => ((await page.evaluate((u) => location.href === u && document.readyState === 'complete', url).catch(() => false)) ? true : null),
    15_000,
  );
  if (!ready) throw new Error(`${url} did not load`);
  await page.evaluate(DEFINE_NAME);
  return page;
}

/** Wait until the background has the bundled default pack installed (first run imports it). */
async function waitForPacks(s: FirefoxSession): Promise<void> {
  const page = await s.control();
  const n = await poll(async () => {
    const count = await page.evaluate(async () => {
      const r = (await chrome.runtime.sendMessage({ kind: 'listPacks', payload: {} })) as { ok: boolean; value?: unknown[] };
      return r?.ok ? (r.value?.length ?? 0) : 0;
    });
    return count >= 1 ? count : null;
  }, 30_000);
  if (n === null) throw new Error('the default pack was never installed');
}

/** Send a tab message from the extension (a background tab of its own) to the tab showing `pageUrl` (see messageTabAt). */
export async function sendToTab(s: FirefoxSession, pageUrl: string, message: unknown): Promise<unknown> {
  return (await s.control()).evaluate(messageTabAt, { url: pageUrl, message });
}

/** A top-level browsing context (a tab, or a window's only page) as Firefox lists it. */
export interface TabSeen {
  /** Its BiDi browsing context id. */
  context: string;
  /** The address of its current document (moz-extension ones included). */
  url: string;
  /** puppeteer's page for it, or null while puppeteer has none. */
  page: Page | null;
}

// BiDi commands are sent raw: puppeteer has no typed API for getTree, locateNodes, callFunction on a
// node, or script in the browser window; its connection also takes the events it relays.
type Bidi = (method: string, params: unknown) => Promise<{ result: any }>;
interface Connection {
  send: Bidi;
  emit(event: string, info: unknown): boolean;
}

/** puppeteer's WebDriver BiDi connection to the browser. */
export const connectionOf = (browser: Browser): Connection => (browser as unknown as { connection: Connection }).connection;

/** The BiDi browsing context id of a page's tab (puppeteer keeps it on the frame). */
export const contextOf = (page: Page): string => (page.mainFrame() as unknown as { _id: string })._id;

/** Per session: when each tab without a puppeteer page was first listed, and the ones replayed. */
const unknownSince = new WeakMap<FirefoxSession, Map<string, number>>();
const replayed = new WeakMap<FirefoxSession, Set<string>>();

/**
 * The tabs whose address matches, from Firefox's own list (`browsingContext.getTree`, every
 * window), each with puppeteer's page. The list, not puppeteer, is read for two reasons:
 * - puppeteer never sees a moz-extension navigation (a page's url() stays about:blank);
 * - under load Firefox ESR sometimes sends no `browsingContext.contextCreated` for a tab an
 *   extension opens (8 of 320 panel tabs, with two or three Firefox instances busy at once:
 *   getTree listed each, loaded, and the only event for it was `navigationStarted`), so puppeteer
 *   never makes a page for it.
 * A tab listed for a second with no page gets that event replayed once, on puppeteer's connection,
 * as puppeteer itself replays getTree's contexts when it connects; the replay is logged.
 */
export async function extensionTabs(s: FirefoxSession, match: (url: string) => boolean): Promise<TabSeen[]> {
  const tree = await connectionOf(s.browser).send('browsingContext.getTree', { maxDepth: 0 });
  const listed = (tree.result.contexts as { context: string; url: string }[]).filter((c) => match(c.url));
  const since = unknownSince.get(s) ?? new Map<string, number>();
  unknownSince.set(s, since);
  const done = replayed.get(s) ?? new Set<string>();
  replayed.set(s, done);
  const pageOf = async (context: string) => (await s.browser.pages()).find((p) => p && contextOf(p) === context) ?? null;
  const out: TabSeen[] = [];
  for (const info of listed) {
    let page = await pageOf(info.context);
    if (!page) {
      const first = since.get(info.context) ?? Date.now();
      since.set(info.context, first);
      // An event that is only late gets a second to arrive first.
      if (Date.now() - first >= 1000 && !done.has(info.context)) {
        done.add(info.context);
        connectionOf(s.browser).emit('browsingContext.contextCreated', info);
        page = await pageOf(info.context);
        console.error(`firefox harness: no contextCreated event came for ${info.url}; replayed it (${page ? 'page made' : 'still no page'})`);
      }
    }
    out.push({ context: info.context, url: info.url, page });
  }
  return out;
}

function bidi(page: Page): { send: Bidi; context: string } {
  const connection = connectionOf(page.browser());
  return { send: (m, p) => connection.send(m, p), context: contextOf(page) };
}

/**
 * Run `fn` (a function of the card's closed shadow root returning JSON text) in every Backstory
 * shadow root Backstory put on the page (its page layer), through WebDriver BiDi, which reaches
 * closed shadow roots. The layer host has no name or attribute to find it by: every child of
 * <html> with a shadow root is tried.
 */
async function inCardRoots<T>(page: Page, fn: (root: ShadowRoot) => string): Promise<T[]> {
  const { send, context } = bidi(page);
  const located = await send('browsingContext.locateNodes', { context, locator: { type: 'css', value: ':root > *' } });
  const out: T[] = [];
  for (const host of located.result.nodes) {
    const root = host.value?.shadowRoot?.sharedId;
    if (!root) continue;
    const r = await send('script.callFunction', {
      functionDeclaration: String(fn),
      arguments: [{ sharedId: root }],
      target: { context },
      awaitPromise: false,
      resultOwnership: 'none',
    });
    out.push(...(JSON.parse(r.result.result.value) as T[]));
  }
  return out;
}

/** Open dialogs/tooltips inside Backstory's card host, with their names and visible text lines. */
export function readCards(page: Page): Promise<CardSeen[]> {
  return inCardRoots<CardSeen>(page, function read(root: ShadowRoot) {
    const seen = [];
    for (const el of root.querySelectorAll<HTMLElement>('[role="dialog"], [role="tooltip"]')) {
      const box = el.getBoundingClientRect();
      if (!el.checkVisibility({ visibilityProperty: true }) || box.width === 0 || box.height === 0) continue;
      const label = (el.getAttribute('aria-labelledby') ?? '')
        .split(/\s+/)
        .map((id) => (id ? root.getElementById(id)?.textContent?.trim() : ''))
        .filter(Boolean)
        .join(' ');
      // biome-ignore lint/performance/useDomNodeTextContent: the visible text, as a reader sees it.
      const text = el.innerText
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      seen.push({ role: el.getAttribute('role'), name: label || el.getAttribute('aria-label') || '', text });
    }
    return JSON.stringify(seen);
  });
}

/** Viewport boxes of the open card's parts: the card, its scrolling body, first quote and date, and the "Full backstory" button. */
export async function cardBoxes(page: Page): Promise<Partial<Record<'card' | 'body' | 'quote' | 'date' | 'full', Rect>>> {
  const [boxes] = await inCardRoots<Partial<Record<'card' | 'body' | 'quote' | 'date' | 'full', Rect>>>(page, function boxes(root: ShadowRoot) {
    const at = (sel: string) => {
      const r = root.querySelector(sel)?.getBoundingClientRect();
      return r ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom } : undefined;
    };
    return JSON.stringify([
      { card: at('.card'), body: at('.card .body'), quote: at('.card blockquote'), date: at('.card .quote time'), full: at('.card button.full') },
    ]);
  });
  return boxes ?? {};
}

/**
 * Every element of the page, closed shadow roots included: the document as a page script walks it,
 * then what is inside the shadow roots of <html>'s children (Backstory's layer), through BiDi.
 */
export async function piercedElements(page: Page): Promise<ElementSeen[]> {
  const walk = function walk(start: Node, skipHostRoots: boolean): string {
    const out: { name: string; attrs: Record<string, string> }[] = [];
    const visit = (n: Node) => {
      if (n.nodeType === 1) {
        const el = n as Element;
        out.push({ name: el.localName, attrs: Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])) });
        const inLayer = skipHostRoots && el.parentElement === document.documentElement;
        if (el.shadowRoot && !inLayer) visit(el.shadowRoot);
      }
      for (const c of n.childNodes) visit(c);
    };
    visit(start);
    return JSON.stringify(out);
  };
  const light = JSON.parse((await page.evaluate(`(${walk})(document, true)`)) as string) as ElementSeen[];
  const layer = await inCardRoots<ElementSeen>(page, new Function('root', `return (${walk})(root, false);`) as (root: ShadowRoot) => string);
  return [...light, ...layer];
}
