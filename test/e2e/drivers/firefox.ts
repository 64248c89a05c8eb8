/**
 * The journeys' Driver over Puppeteer and WebDriver BiDi: dist/firefox in Debian's Firefox ESR
 * (firefox-browser.ts launches it and reads cards through BiDi).
 */
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import type { Driver, Panel, Tab } from '../../shared/driver';
import { poll } from '../../shared/page-probes';
import {
  cardBoxes,
  contextOf,
  downloadsFolder,
  extensionTabs,
  extensionUrl,
  type FirefoxOptions,
  type FirefoxSession,
  launchFirefox,
  newPage,
  openExtensionPage,
  piercedElements,
  readCards,
  sendToTab,
} from './firefox-browser';
import { inBrowserWindow } from './firefox-window';

const DEFINE_NAME = 'globalThis.__name ??= (f) => f;';

/** Uncaught errors and console errors of a page, from now on. */
function errorsOf(page: Page): () => string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`error: ${(e as Error).message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  return () => [...errors];
}

export function firefoxTab(page: Page, errors = errorsOf(page)): Tab {
  return {
    eval: (fn, arg) => page.evaluate(fn as never, arg as never) as never,
    click: (x, y) => page.mouse.click(x, y),
    type: (text) => page.keyboard.type(text),
    async chooseFile(selector, file) {
      // Firefox's BiDi has no file-dialog event for moz-extension pages; input.setFiles is what accepting the chooser does.
      const input = (await page.$(selector)) as ElementHandle<HTMLInputElement> | null;
      if (!input) throw new Error(`${selector} is not on the page`);
      await input.uploadFile(file);
    },
    readCards: () => readCards(page),
    close: () => page.close(),
    move: (x, y, steps) => page.mouse.move(x, y, { steps }),
    dblclick: (x, y) => page.mouse.click(x, y, { count: 2 }),
    press: (key) => page.keyboard.press(key as never),
    tap: (x, y) => page.touchscreen.tap(x, y),
    cardBoxes: () => cardBoxes(page),
    bringToFront: () => page.bringToFront(),
    async screenshot(clip, fullPage) {
      // puppeteer's clip is in document pixels.
      const at = clip && !fullPage ? await page.evaluate(() => ({ x: scrollX, y: scrollY })) : { x: 0, y: 0 };
      return Buffer.from(await page.screenshot(clip ? { clip: { ...clip, x: clip.x + at.x, y: clip.y + at.y } } : { fullPage }));
    },
    setViewport: (width, height) => page.setViewport({ width, height }),
    errors,
    piercedElements: () => piercedElements(page),
    async download(action) {
      // Firefox saves without a dialog into the profile's downloads folder (prefs at launch): the
      // new file, once its ".part" twin is gone.
      const dir = downloadsFolder(page.browser());
      const before = new Set(readdirSync(dir));
      await action();
      const saved = await poll(async () => {
        const added = readdirSync(dir).filter((f) => !before.has(f));
        return added.length && !added.some((f) => f.endsWith('.part')) ? added[0] : null;
      }, 15_000);
      if (!saved) throw new Error(`no download arrived in ${dir}`);
      return path.join(dir, saved);
    },
  };
}

/**
 * A page the extension opened itself (no navigation of ours to wait for), found by address in
 * Firefox's own list of tabs (`extensionTabs`), then its document; `skip` passes over tabs already
 * handed out.
 */
async function pageWithUrl(s: FirefoxSession, match: (url: string) => boolean, ms = 15_000, skip?: (context: string) => boolean): Promise<Page | null> {
  const page = await poll(async () => (await extensionTabs(s, match)).find((t) => t.page && !skip?.(t.context))?.page ?? null, ms);
  if (!page) return null;
  await poll(async () => ((await page.evaluate(() => document.readyState === 'complete').catch(() => false)) ? true : null), ms);
  await page.evaluate(DEFINE_NAME);
  return page;
}

declare const browser: typeof chrome;

/** Every browser window's tabs (address, loading state) and sidebar, read from the browser itself: a failure's context. */
async function whatIsOpen(s: FirefoxSession): Promise<string> {
  return String(
    await inBrowserWindow(
      s,
      `JSON.stringify([...Services.wm.getEnumerator('navigator:browser')].map((w) => ({
        tabs: w.gBrowser.tabs.map((t) => [t.linkedBrowser.currentURI.spec, t.getAttribute('busy') ? 'loading' : 'loaded']),
        sidebar: { open: w.SidebarController?.isOpen, showing: w.SidebarController?.currentID },
      })))`,
    ).catch((e) => `(could not read the browser windows: ${e})`),
  );
}

export function firefoxDriver(first: FirefoxSession, relaunch?: (again: FirefoxSession) => Promise<FirefoxSession>): Driver {
  let s = first;
  // The panel tabs already handed out, by browsing context (one tab may get a second Page object).
  const opened = new Set<string>();
  return {
    browser: 'firefox',
    get extensionOrigin() {
      return s.origin;
    },
    async tabOpenedAtInstall(part) {
      const page = await pageWithUrl(s, (u) => u.includes(part));
      return page ? firefoxTab(page) : null;
    },
    async openExtensionPage(p) {
      let errors = (): string[] => [];
      const page = await openExtensionPage(s, p, (p) => {
        errors = errorsOf(p);
      });
      return firefoxTab(page, errors);
    },
    async openPopup() {
      const url = extensionUrl(s, 'popup');
      // From a background tab of ours, so the reader's tab stays the active one.
      await (await s.control()).evaluate(async (u) => {
        await browser.windows.create({ url: u, type: 'popup', width: 420, height: 600 });
      }, url);
      const page = await pageWithUrl(s, (u) => u === url);
      if (!page) throw new Error('the popup window did not open');
      return firefoxTab(page);
    },
    async openPage(url) {
      const page = await newPage(s);
      await page.goto(url, { waitUntil: 'load' });
      return firefoxTab(page);
    },
    async keyboardCommand(pageUrl) {
      // WebDriver cannot press a browser-level shortcut; send what the background sends on `commands.onCommand`.
      await sendToTab(s, pageUrl, { kind: 'openAtSelection' });
    },
    sendToTab: (pageUrl, message) => sendToTab(s, pageUrl, message),
    async waitForPanel(ms = 8000, entity?: string): Promise<Panel | null> {
      // Firefox opens `sidebarAction` only from its own user-input handlers; a click relayed by the
      // content script is not one, so the full backstory opens in a tab beside the article (and
      // the sidebar is set to the same entity). The panel page is the observable either way.
      const prefix = `${s.origin}src/panel/index.html?`;
      const wanted = (u: string) => u.startsWith(prefix) && (!entity || new URL(u).searchParams.get('entity') === entity);
      const page = await pageWithUrl(s, wanted, ms, (context) => opened.has(context));
      if (!page) {
        // The caller's assertion fails next: say what the browser had open instead.
        console.error(`no new panel tab within ${ms} ms: ${await whatIsOpen(s)}`);
        return null;
      }
      opened.add(contextOf(page));
      const text = await poll(async () => {
        const t = await page.evaluate(() => (document.querySelector('.backstory h2') ? document.body.textContent : '')).catch(() => '');
        return t || null;
      }, ms);
      return {
        url: await page.evaluate(() => location.href),
        text: text ?? '',
        inTab: true,
        evaluate: (expression) => page.evaluate(expression),
      };
    },
    async stopWorker() {
      // What about:debugging's "Terminate background script" does, and Firefox does to an idle event page.
      await inBrowserWindow(
        s,
        `(async () => {
          const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
          await ExtensionParent.GlobalManager.getExtension('backstory@backstory.example').terminateBackground();
        })()`,
      );
    },
    async inBackground(fn, arg) {
      // The background is an event page: its window is handed to the extension's other pages.
      return (await s.control()).evaluate(`(async () => (${fn})(await browser.runtime.getBackgroundPage(), ${JSON.stringify(arg)}))()`) as never;
    },
    async restart() {
      if (!relaunch) throw new Error('this browser cannot be restarted');
      s = await relaunch(s);
    },
    close: () => s.close(),
  };
}

export async function launchFirefoxDriver(opts: FirefoxOptions & { localNames?: string[] } = {}): Promise<Driver> {
  const start = async (again?: FirefoxSession) => {
    const s = await launchFirefox({ ...opts, again: again && { profile: again.profile, uuid: again.uuid } });
    // Firefox resolves the names in this pref to this machine.
    if (opts.localNames?.length)
      await inBrowserWindow(s, `Services.prefs.setStringPref('network.dns.localDomains', ${JSON.stringify(opts.localNames.join(','))})`);
    return s;
  };
  const first = await start();
  // A restart keeps the profile and the extension's address; the last close removes the profile.
  const relaunch = async (was: FirefoxSession) => {
    await was.browser.close();
    const again = await start(was);
    return { ...again, close: () => again.close().then(() => rmSync(was.profile, { recursive: true, force: true })) };
  };
  return firefoxDriver(first, relaunch);
}
