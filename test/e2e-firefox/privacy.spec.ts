/**
 * What a page can learn of Backstory's work, in Firefox: the same journeys as in Chromium
 * (test/shared/privacy-journey.ts), driven over WebDriver BiDi.
 */
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { curiousPageLearnsNothing, type JourneyDriver, type JourneyPage, restingPointerOpensNothing } from '../shared/privacy-journey';
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
    await s?.close();
    srv?.close();
  });

  it('a page that plants visible and hidden names and watches everything learns nothing about which were found or which card opened', async () => {
    await curiousPageLearnsNothing(driver, `${srv.url}/pages/privacy-probe.html`);
  });

  it('a page that slides a name under a resting pointer opens no card; a real move then does', async () => {
    await restingPointerOpensNothing(driver, `${srv.url}/pages/scroll-under-pointer.html`);
  });
});
