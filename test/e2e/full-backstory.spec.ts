/**
 * Chromium: "Full backstory" in the side panel (test/shared/full-backstory-journey.ts), clicked
 * with the mouse; test/e2e-firefox/full-backstory.spec.ts runs the same journey in Firefox. The
 * side panel is a target of the browser (CDP), not a tab: tabs are the context's pages.
 */
import { after, before, describe, it } from 'node:test';
import type { CDPSession, Page } from 'playwright-core';
import { type FullBackstoryDriver, fullBackstoryInSidePanel } from '../shared/full-backstory-journey';
import { boxOf, cardElements, evaluateIn } from './card-geometry';
import { type Browser, hover, launch, openArticle, readCards, type Server, serve } from './harness';

describe('Chromium: Full backstory in the side panel', () => {
  let b: Browser;
  let srv: Server;
  before(async () => {
    srv = await serve();
    b = await launch();
  });
  after(async () => {
    await b?.close();
    srv?.close();
  });

  it('a mouse click on "Full backstory" opens the side panel on that card; another card’s click shows it there', async () => {
    let tab: { page: Page; cdp: CDPSession } | null = null;
    const on = () => {
      if (!tab) throw new Error('no article open');
      return tab;
    };
    const panelPrefix = `chrome-extension://${b.extensionId}/src/panel/index.html`;
    const d: FullBackstoryDriver = {
      async openArticle(url) {
        tab = await openArticle(b, url);
      },
      hover: async (name) => (await hover(on().page, on().cdp, name, 1, 5000))?.name ?? null,
      async fullBackstoryBox() {
        const [button] = await cardElements(on().cdp, 'button', 'full');
        return button ? boxOf(on().cdp, button) : null;
      },
      async click(x, y) {
        await on().page.mouse.move(x, y, { steps: 3 });
        await on().page.mouse.click(x, y);
      },
      cards: async () => (await readCards(on().cdp)).map((c) => c.name),
      async sidePanel() {
        if (!tab) return null;
        const { targetInfos } = (await tab.cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; url: string }[] };
        const tabs = new Set(b.context.pages().map((p) => p.url()));
        const panel = targetInfos.find((t) => t.url.startsWith(panelPrefix) && !tabs.has(t.url));
        if (!panel) return null;
        const text = (await evaluateIn(tab.cdp, panel.targetId, 'document.querySelector(".backstory h2") ? document.body.innerText : ""')) as string;
        return { url: panel.url, text };
      },
      panelTabs: async () =>
        b.context
          .pages()
          .filter((p) => p.url().startsWith(panelPrefix))
          .map((p) => p.url()),
    };
    await fullBackstoryInSidePanel(d, `${srv.url}/demo/`);
  });
});
