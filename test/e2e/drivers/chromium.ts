/**
 * The journeys' Driver over Playwright and the DevTools protocol: the built extension
 * (dist/chrome) in Debian's Chromium. Cards are read from the accessibility tree, which sees into
 * closed shadow roots as a screen reader does; card boxes and the side panel come from CDP.
 */
import { rmSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import type { CardBoxes, Driver, ElementSeen, Panel, Tab } from '../../shared/driver';
import { poll } from '../../shared/page-probes';
import { boxOf, cardElements, evaluateIn, panelText, piercedElements, waitForSidePanel } from '../card-geometry';
import { type Browser, extensionPage, launch, readCards, sendToTab } from './chromium-browser';

/** What a launch of Chromium is given (see inEachBrowser's options). */
export interface ChromiumOptions {
  colorScheme?: 'light' | 'dark';
  reducedMotion?: boolean;
  localNames?: string[];
}

const pages = new WeakMap<Tab, { context: Browser['context']; page: Page }>();

/** The Playwright page behind a Chromium tab, for a Chromium-only check (chromium-quirks.ts). */
export function playwrightPageOf(tab: Tab): { context: Browser['context']; page: Page } {
  const got = pages.get(tab);
  if (!got) throw new Error('not a Chromium tab');
  return got;
}

export function chromiumTab(b: Browser, page: Page): Tab {
  let session: Promise<CDPSession> | null = null;
  const cdp = () => {
    session ??= b.context.newCDPSession(page);
    return session;
  };
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  const boxOfFirst = async (tag: string, cls?: string) => {
    const [n] = await cardElements(await cdp(), tag, cls);
    return n ? boxOf(await cdp(), n) : undefined;
  };
  const tab: Tab = {
    eval: (fn, arg) => page.evaluate(fn as never, arg),
    click: (x, y) => page.mouse.click(x, y),
    type: (text) => page.keyboard.type(text),
    chooseFile: (selector, file) => page.setInputFiles(selector, file),
    readCards: async () => readCards(await cdp()),
    close: () => page.close(),
    move: (x, y, steps) => page.mouse.move(x, y, { steps }),
    dblclick: (x, y) => page.mouse.dblclick(x, y),
    press: (key) => page.keyboard.press(key),
    async tap(x, y) {
      const s = await cdp();
      await s.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
      await s.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
      await s.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    },
    async cardBoxes(): Promise<CardBoxes> {
      return {
        card: await boxOfFirst('div', 'card'),
        body: await boxOfFirst('div', 'body'),
        quote: await boxOfFirst('blockquote'),
        date: await boxOfFirst('time'),
        full: await boxOfFirst('button', 'full'),
      };
    },
    bringToFront: () => page.bringToFront(),
    screenshot: (clip, fullPage) => page.screenshot({ clip, fullPage }),
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    errors: () => [...errors],
    piercedElements: async (): Promise<ElementSeen[]> => piercedElements(await cdp()),
    async download(action) {
      const [saved] = await Promise.all([page.waitForEvent('download'), action()]);
      return saved.path();
    },
  };
  pages.set(tab, { context: b.context, page });
  return tab;
}

export function chromiumDriver(first: Browser, relaunch?: (profile: string) => Promise<Browser>): Driver {
  let b = first;
  const d: Driver = {
    browser: 'chromium',
    get extensionOrigin() {
      return `chrome-extension://${b.extensionId}/`;
    },
    async tabOpenedAtInstall(part) {
      const found = await poll(async () => {
        const p = b.context.pages().find((x) => x.url().includes(part));
        if (p) return p;
        await b.context.waitForEvent('page', { timeout: 1000 }).catch(() => null);
        return null;
      }, 15_000);
      return found ? chromiumTab(b, found) : null;
    },
    async openExtensionPage(p) {
      const page = await b.context.newPage();
      const tab = chromiumTab(b, page);
      await page.goto(`chrome-extension://${b.extensionId}/${p}`);
      return tab;
    },
    async openPopup() {
      // The toolbar popup itself is not a page Playwright can drive: open the same page in a window
      // of its own, as the reader can; it then reports on the tab they were reading.
      const worker = b.context.serviceWorkers()[0];
      const opened = b.context.waitForEvent('page', { timeout: 15_000 });
      await worker.evaluate(
        async (url) => {
          await chrome.windows.create({ url, type: 'popup', width: 420, height: 600 });
        },
        extensionPage(b, 'popup'),
      );
      const page = await opened;
      await page.waitForLoadState();
      return chromiumTab(b, page);
    },
    async openPage(url) {
      const page = await b.context.newPage();
      await page.goto(url);
      await page.bringToFront();
      return chromiumTab(b, page);
    },
    async keyboardCommand(pageUrl) {
      // Headless Chromium has no browser UI to route an extension shortcut; send what the worker
      // sends on `commands.onCommand` to the reader's tab.
      await sendToTab(b, pageUrl, { kind: 'openAtSelection' });
    },
    sendToTab: (pageUrl, message) => sendToTab(b, pageUrl, message),
    async waitForPanel(ms = 8000, entity?: string): Promise<Panel | null> {
      // Headless Chromium does open the side panel: its page is a target of the browser.
      const page = b.context.pages()[0] ?? (await b.context.newPage());
      const cdp = await b.context.newCDPSession(page);
      const panel = await waitForSidePanel(cdp, b.extensionId, ms, entity);
      if (!panel) return null;
      return {
        url: panel.url,
        text: await panelText(cdp, panel.targetId, ms),
        inTab: b.context.pages().some((p) => p.url() === panel.url),
        evaluate: (expression) => evaluateIn(cdp, panel.targetId, expression),
      };
    },
    async stopWorker() {
      const cdp = await b.context.newCDPSession(b.context.pages()[0] ?? (await b.context.newPage()));
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
    },
    async inBackground(fn, arg) {
      const worker = b.context.serviceWorkers()[0] ?? (await b.context.waitForEvent('serviceworker', { timeout: 20_000 }));
      // tsx names functions with __name, which the worker does not define.
      return worker.evaluate(`globalThis.__name ??= (f) => f; (${fn})(globalThis, ${JSON.stringify(arg)})`);
    },
    async restart() {
      if (!relaunch) throw new Error('this browser cannot be restarted');
      const profile = b.profile;
      await b.context.close();
      b = await relaunch(profile);
    },
    close: () => b.close(),
  };
  return d;
}

export async function launchChromium(opts: ChromiumOptions = {}): Promise<Driver> {
  const args = opts.localNames?.length ? [`--host-resolver-rules=${opts.localNames.map((n) => `MAP ${n} 127.0.0.1`).join(', ')}`] : [];
  const start = (profile?: string) => launch({ colorScheme: opts.colorScheme, reducedMotion: opts.reducedMotion, args, profile });
  const first = await start();
  // A restarted browser keeps the profile; the last close removes it.
  const relaunch = async (profile: string): Promise<Browser> => {
    const again = await start(profile);
    return { ...again, close: () => again.close().then(() => rmSync(profile, { recursive: true, force: true })) };
  };
  return chromiumDriver(first, relaunch);
}
