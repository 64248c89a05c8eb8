/**
 * What a page can learn of Backstory's work, in Firefox: the same journeys as in Chromium
 * (test/shared/privacy-journey.ts), driven over WebDriver BiDi.
 */
import { after, before, describe } from 'node:test';
import type { Page } from 'puppeteer-core';
import { type JourneyDriver, type JourneyPage, privacyTests, setAllPacks } from '../shared/privacy-journey';
import { type FirefoxSession, hover, launchFirefox, openArticle, openExtensionPage, readCards, type Server, serve } from './harness-firefox';

describe('Firefox privacy: what a page can see', () => {
  let s: FirefoxSession;
  let srv: Server;
  let driver: JourneyDriver;
  before(async () => {
    srv = await serve();
    s = await launchFirefox();
    driver = {
      open: async (url) => (await openArticle(s, url)) as unknown as JourneyPage,
      close: (page) => (page as unknown as Page).close(),
      hover: async (page, text, ms) => (await hover(page as unknown as Page, text, 1, ms))?.name ?? null,
      cards: async (page) => (await readCards(page as unknown as Page)).map((c) => c.name),
      async setPacksEnabled(enabled) {
        const popup = await openExtensionPage(s, 'popup');
        await popup.evaluate(setAllPacks, enabled);
        await popup.close();
      },
    };
  });
  after(async () => {
    await s?.close();
    srv?.close();
  });

  privacyTests(
    () => driver,
    () => srv.url,
  );
});
