/** A reader's first hour in Firefox: the shared journeys of test/shared/shell-journeys.ts. */
import { after, before, describe, it } from 'node:test';
import type { ElementHandle, Page } from 'puppeteer-core';
import { type Site, serveSite } from '../e2e/publisher-site';
import { poll } from '../shared/page-probes';
import * as J from '../shared/shell-journeys';
import { EXT_FIREFOX, extensionUrl, type FirefoxSession, launchFirefox, newPage, openExtensionPage, readCards, type Server, serve } from './harness-firefox';

const DEFINE_NAME = 'globalThis.__name ??= (f) => f;';

function tabOf(page: Page): J.Tab {
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
  };
}

/** A page the extension opened itself (no navigation of ours to wait for): find it, then wait for its document. */
async function pageWithUrl(s: FirefoxSession, match: (url: string) => boolean, ms = 15_000): Promise<Page | null> {
  // puppeteer never sees a moz-extension navigation (its url() stays about:blank): ask each document.
  const page = await poll(async () => {
    for (const p of await s.browser.pages()) {
      const href = await p.evaluate(() => location.href).catch(() => '');
      if (match(href)) return p;
    }
    return null;
  }, ms);
  if (!page) return null;
  await poll(async () => ((await page.evaluate(() => document.readyState === 'complete').catch(() => false)) ? true : null), ms);
  await page.evaluate(DEFINE_NAME);
  return page;
}

function driver(s: FirefoxSession, control: () => Page): J.Driver {
  return {
    async tabOpenedAtInstall(part) {
      const page = await pageWithUrl(s, (u) => u.includes(part));
      return page ? tabOf(page) : null;
    },
    async openExtensionPage(p) {
      const name = p.split('/')[1] as 'options' | 'popup' | 'welcome';
      return tabOf(await openExtensionPage(s, name));
    },
    async openPopup() {
      const url = extensionUrl(s, 'popup');
      // From a background tab of ours, so the reader's tab stays the active one.
      await control().evaluate(async (u) => {
        await browser.windows.create({ url: u, type: 'popup', width: 420, height: 600 });
      }, url);
      const page = await pageWithUrl(s, (u) => u === url);
      if (!page) throw new Error('the popup window did not open');
      return tabOf(page);
    },
    async openPage(url) {
      const page = await newPage(s);
      await page.goto(url, { waitUntil: 'load' });
      return tabOf(page);
    },
    async keyboardCommand(pageUrl) {
      // WebDriver cannot press a browser-level shortcut; send what the background sends on `commands.onCommand`.
      await control().evaluate(async (url) => {
        for (const tab of await browser.tabs.query({})) {
          if (tab.id === undefined) continue;
          const info = (await browser.tabs.sendMessage(tab.id, { kind: 'siteInfo' }).catch(() => null)) as { url?: string } | null;
          if (info?.url === url) await browser.tabs.sendMessage(tab.id, { kind: 'openAtSelection' });
        }
      }, pageUrl);
    },
  };
}

declare const browser: typeof chrome;

describe('Firefox: a reader’s first hour', () => {
  let s: FirefoxSession;
  let srv: Server;
  let site: Site;
  let control: Page;
  let world: ReturnType<typeof J.ensureWorldPack>;
  before(async () => {
    world = J.ensureWorldPack(EXT_FIREFOX);
    srv = await serve();
    site = await serveSite();
    s = await launchFirefox();
    control = await openExtensionPage(s, 'options');
  });
  after(async () => {
    await s?.close();
    srv?.close();
    site?.close();
    world?.cleanup();
  });

  it('install opens the welcome page, its sample card works, the world pack installs from the gallery', async () => {
    const welcome = await J.welcomeOpensWithLiveCard(driver(s, () => control));
    await J.worldPackFromGallery(welcome, world);
    await welcome.close();
  });

  it('the popup’s site switch turns marks off and on in the open tab without a reload', async () => {
    await J.siteSwitchIsLive(
      driver(s, () => control),
      `${srv.url}/demo/`,
    );
  });

  it('the shortcut with no selection opens the name nearest the centre, a second press moves on', async () => {
    await J.shortcutWithoutSelection(
      driver(s, () => control),
      `${srv.url}/demo/`,
    );
  });

  it('a bad file, a broken link and a tampered update each get one plain sentence and Details', async () => {
    const d = driver(s, () => control);
    await J.plainErrorsForBadFiles(d);
    await J.plainErrorForBrokenLink(d, `${site.url}/no-such-pack/index.json`);
    await J.plainErrorForTamperedUpdate(d, `${site.url}/index.json`, await J.riverSiteWithTamperedUpdate(site));
  });
});
