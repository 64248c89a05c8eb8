/**
 * The journeys' Driver over Playwright and the DevTools protocol: the built extension
 * (dist/chrome) in Debian's Chromium. Cards are read from the accessibility tree, which sees into
 * closed shadow roots as a screen reader does; card boxes and the side panel come from CDP.
 */
import type { CDPSession, Page } from 'playwright-core';
import type { CardBoxes, Driver, Panel, Tab } from '../../shared/driver';
import { poll } from '../../shared/page-probes';
import { boxOf, cardElements, evaluateIn, panelText, waitForSidePanel } from '../card-geometry';
import { type Browser, extensionPage, launch, readCards, sendToTab } from '../harness';

export function chromiumTab(b: Browser, page: Page): Tab {
  let session: Promise<CDPSession> | null = null;
  const cdp = () => {
    session ??= b.context.newCDPSession(page);
    return session;
  };
  const boxOfFirst = async (tag: string, cls?: string) => {
    const [n] = await cardElements(await cdp(), tag, cls);
    return n ? boxOf(await cdp(), n) : undefined;
  };
  return {
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
  };
}

export function chromiumDriver(b: Browser): Driver {
  const d: Driver = {
    browser: 'chromium',
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
      await page.goto(`chrome-extension://${b.extensionId}/${p}`);
      return chromiumTab(b, page);
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
    close: () => b.close(),
  };
  return d;
}

export async function launchChromium(opts: { colorScheme?: 'light' | 'dark'; localNames?: string[] } = {}): Promise<Driver> {
  const args = opts.localNames?.length ? [`--host-resolver-rules=${opts.localNames.map((n) => `MAP ${n} 127.0.0.1`).join(', ')}`] : [];
  return chromiumDriver(await launch({ colorScheme: opts.colorScheme, args }));
}
