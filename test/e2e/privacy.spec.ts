/**
 * What a page can learn of Backstory's work, in Chromium: nothing about which names were found or
 * which card is open, and a name slid under a resting pointer opens nothing. The journeys are
 * shared with Firefox (test/shared/privacy-journey.ts).
 */
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { type JourneyDriver, type JourneyPage, privacyTests, setAllPacks } from '../shared/privacy-journey';
import { type Browser, extensionPage, hover, launch, openArticle, readCards, type Server, serve } from './harness';

describe('privacy: what a page can see', () => {
  let b: Browser;
  let srv: Server;
  let driver: JourneyDriver;
  before(async () => {
    srv = await serve();
    b = await launch();
    const cdpOf = (page: JourneyPage) => b.context.newCDPSession(page as unknown as Page);
    driver = {
      async open(url) {
        return (await openArticle(b, url)).page as unknown as JourneyPage;
      },
      close: (page) => (page as unknown as Page).close(),
      async hover(page, text, ms) {
        const cdp = await cdpOf(page);
        const card = await hover(page as unknown as Page, cdp, text, 1, ms);
        await cdp.detach();
        return card?.name ?? null;
      },
      async cards(page) {
        const cdp = await cdpOf(page);
        const names = (await readCards(cdp)).map((c) => c.name);
        await cdp.detach();
        return names;
      },
      async setPacksEnabled(enabled) {
        const popup = await b.context.newPage();
        await popup.goto(extensionPage(b, 'popup'));
        await popup.evaluate(setAllPacks, enabled);
        await popup.close();
      },
    };
  });
  after(async () => {
    await b?.close();
    srv?.close();
  });

  privacyTests(
    () => driver,
    () => srv.url,
  );
});
