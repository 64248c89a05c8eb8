/** A reader's first hour in Chromium: the shared journeys of test/shared/shell-journeys.ts. */
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import * as J from '../shared/shell-journeys';
import { type Browser, EXT, extensionPage, launch, readCards, type Server, serve } from './harness';
import { type Site, serveSite } from './publisher-site';

function tabOf(b: Browser, page: Page): J.Tab {
  return {
    eval: (fn, arg) => page.evaluate(fn as never, arg),
    click: (x, y) => page.mouse.click(x, y),
    type: (text) => page.keyboard.type(text),
    chooseFile: (selector, file) => page.setInputFiles(selector, file),
    readCards: async () => readCards(await b.context.newCDPSession(page)),
    close: () => page.close(),
  };
}

function driver(b: Browser): J.Driver {
  return {
    async tabOpenedAtInstall(part) {
      const found = await (async () => {
        const deadline = Date.now() + 15_000;
        while (Date.now() < deadline) {
          const p = b.context.pages().find((x) => x.url().includes(part));
          if (p) return p;
          await b.context.waitForEvent('page', { timeout: 1000 }).catch(() => null);
        }
        return null;
      })();
      return found ? tabOf(b, found) : null;
    },
    async openExtensionPage(p) {
      const page = await b.context.newPage();
      await page.goto(`chrome-extension://${b.extensionId}/${p}`);
      return tabOf(b, page);
    },
    async openPopup() {
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
      return tabOf(b, page);
    },
    async openPage(url) {
      const page = await b.context.newPage();
      await page.goto(url);
      await page.bringToFront();
      return tabOf(b, page);
    },
    async keyboardCommand(pageUrl) {
      // Headless Chromium has no browser UI to route an extension shortcut; send what the worker
      // sends on `commands.onCommand` to the reader's tab.
      const worker = b.context.serviceWorkers()[0];
      await worker.evaluate(async (url) => {
        for (const tab of await chrome.tabs.query({})) {
          if (tab.id === undefined) continue;
          const info = await chrome.tabs.sendMessage(tab.id, { kind: 'siteInfo' }).catch(() => null);
          if (info?.url === url) await chrome.tabs.sendMessage(tab.id, { kind: 'openAtSelection' });
        }
      }, pageUrl);
    },
  };
}

describe('Chromium: a reader’s first hour', () => {
  let b: Browser;
  let srv: Server;
  let site: Site;
  let world: ReturnType<typeof J.ensureWorldPack>;
  before(async () => {
    world = J.ensureWorldPack(EXT);
    srv = await serve();
    site = await serveSite();
    b = await launch();
  });
  after(async () => {
    await b?.close();
    srv?.close();
    site?.close();
    world?.cleanup();
  });

  it('install opens the welcome page, its sample card works, the world pack installs from the gallery', async () => {
    const welcome = await J.welcomeOpensWithLiveCard(driver(b));
    await J.worldPackFromGallery(welcome, world);
    await welcome.close();
  });

  it('the popup’s site switch turns marks off and on in the open tab without a reload', async () => {
    await J.siteSwitchIsLive(driver(b), `${srv.url}/demo/`);
  });

  it('the shortcut with no selection opens the name nearest the centre, a second press moves on', async () => {
    await J.shortcutWithoutSelection(driver(b), `${srv.url}/demo/`);
  });

  it('a bad file, a broken link and a tampered update each get one plain sentence and Details', async () => {
    const d = driver(b);
    await J.plainErrorsForBadFiles(d);
    await J.plainErrorForBrokenLink(d, `${site.url}/no-such-pack/index.json`);
    await J.plainErrorForTamperedUpdate(d, `${site.url}/index.json`, await J.riverSiteWithTamperedUpdate(site));
  });
});
