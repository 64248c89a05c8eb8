/**
 * Attacks on the update channel, in Firefox: the shared journeys of
 * test/shared/sync-attack-journeys.ts (the same cases test/e2e/sync-faults.spec.ts runs in
 * Chromium), driven on the options page over WebDriver BiDi.
 */
import { after, before, describe } from 'node:test';
import type { ElementHandle, Page } from 'puppeteer-core';
import { type SyncDriver, type SyncTab, syncAttackTests } from '../shared/sync-attack-journeys';
import { inBrowserWindow } from './browser-window';
import { type FirefoxSession, hover, launchFirefox, openArticle, openExtensionPage, type Server, serve } from './harness-firefox';

const tabOf = (page: Page): SyncTab => ({
  eval: (fn, arg) => page.evaluate(fn as never, arg as never) as never,
  click: (x, y) => page.mouse.click(x, y),
  type: (text) => page.keyboard.type(text),
  async chooseFile(selector, file) {
    // Firefox's BiDi has no file-dialog event for moz-extension pages; input.setFiles is what accepting the chooser does.
    const input = (await page.$(selector)) as ElementHandle<HTMLInputElement> | null;
    if (!input) throw new Error(`${selector} is not on the page`);
    await input.uploadFile(file);
  },
  close: () => page.close(),
});

describe('Firefox: attacks on the update channel', () => {
  let s: FirefoxSession;
  let srv: Server;
  let driver: SyncDriver;
  before(async () => {
    srv = await serve();
    s = await launchFirefox();
    // The publisher's site under another name over plain HTTP: Firefox resolves these names to this machine.
    await inBrowserWindow(s, `Services.prefs.setStringPref('network.dns.localDomains', 'publisher.test')`);
    driver = {
      localName: 'publisher.test',
      // What about:debugging's "Terminate background script" does, and Firefox does to an idle event page.
      stopWorker: async () => {
        await inBrowserWindow(
          s,
          `(async () => {
            const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
            await ExtensionParent.GlobalManager.getExtension('backstory@backstory.example').terminateBackground();
          })()`,
        );
      },
      openOptions: async () => tabOf(await openExtensionPage(s, 'options')),
      async cardText(url, name) {
        const page = await openArticle(s, url);
        try {
          return (await hover(page, name, 1, 5000))?.text.join(' ') ?? '';
        } finally {
          await page.close();
        }
      },
    };
  });
  after(async () => {
    await s?.close();
    srv?.close();
  });

  syncAttackTests(
    () => driver,
    () => srv.url,
  );
});
