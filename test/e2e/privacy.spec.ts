/**
 * What a page can learn of Backstory's work, in Chromium: nothing about which names were found or
 * which card is open, and a name slid under a resting pointer opens nothing. The journeys are
 * shared with Firefox (test/shared/privacy-journey.ts).
 */
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { curiousPageLearnsNothing, type JourneyDriver, type JourneyPage, restingPointerOpensNothing } from '../shared/privacy-journey';
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
        await popup.evaluate(async (on) => {
          const send = (kind: string, payload: unknown) => chrome.runtime.sendMessage({ kind, payload }) as Promise<{ ok: boolean; value: { id: string }[] }>;
          const packs = await send('listPacks', {});
          for (const p of packs.value) await send('setPackEnabled', { id: p.id, enabled: on });
        }, enabled);
        await popup.close();
      },
    };
  });
  after(async () => {
    await b?.close();
    srv?.close();
  });

  it('a page that plants visible and hidden names and watches everything learns nothing about which were found or which card opened', async () => {
    await curiousPageLearnsNothing(driver, `${srv.url}/pages/privacy-probe.html`);
  });

  it('a page that slides a name under a resting pointer opens no card; a real move then does', async () => {
    await restingPointerOpensNothing(driver, `${srv.url}/pages/scroll-under-pointer.html`);
  });
});
