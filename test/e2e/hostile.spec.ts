/**
 * A hostile page: rewritten DOM prototypes, a mutation flood, CSS that unsets everything,
 * synthetic mouse events, nested iframes and 50,000 nodes. Cards still open for a real hover,
 * fake events open nothing, the page's own code behaves as it did, and its layout does not move.
 * In Chromium and Firefox, through the one Driver.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertNoCardFor, hover, openArticle, pointAt, type Tab, waitForCard, waitForMarks, waitForNoCard } from '../shared/driver';
import { inEachBrowser, openWithoutExtension } from './browsers';

/** Every element's box, in document order, with scrolling at the top. */
async function boxes(tab: Pick<Tab, 'eval'>): Promise<number[]> {
  return tab.eval(() => {
    window.scrollTo(0, 0);
    const out: number[] = [];
    // The page's own elements: Backstory's one layer host (a child of <html> beside head and body) is not the page's.
    // (Inline: the bare browser has no __name shim for named helpers.)
    for (const el of Array.from(document.querySelectorAll('*'))) {
      if (el.parentElement === document.documentElement && el !== document.head && el !== document.body) continue;
      const r = el.getBoundingClientRect();
      out.push(r.x, r.y, r.width, r.height);
    }
    return out;
  });
}

inEachBrowser('a hostile page', (env) => {
  const NAMES = ['Torkham', 'Zalmay Khalilzad'];
  const hostile = () => openArticle(env.d, `${env.url}/pages/hostile-page.html`, NAMES);

  it('has 50,000 nodes, floods mutations, and cards still open for a real hover', async () => {
    const page = await hostile();
    const nodes = await page.eval(() => {
      const w = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
      let n = 0;
      while (w.nextNode()) n++;
      return n;
    });
    assert.ok(nodes >= 50_000, `the page holds ${nodes} nodes`);
    const tick0 = Number(await page.eval(() => document.body.dataset.tick));
    assert.equal((await hover(page, 'Torkham'))?.name, 'Torkham');
    assert.equal((await hover(page, 'Zalmay Khalilzad'))?.name, 'Zalmay Khalilzad');
    const tick1 = Number(await page.eval(() => document.body.dataset.tick));
    assert.ok(tick1 > tick0 + 100, `the flood kept running (${tick0} → ${tick1})`);
    // Far down the 50,000-node list, too.
    await waitForMarks(env.d, page, ['Torkham'], 60_000, 60);
    assert.equal((await hover(page, 'Torkham crossing log', 60))?.name, 'Torkham');
    await page.close();
  });

  it('synthetic mouse events open nothing', async () => {
    const page = await hostile();
    await page.move(1270, 890);
    const at = await pointAt(page, 'Torkham');
    // Marks are on (openArticle waited for them), so the spot is live: the real mouse opens it below.
    for (let i = 0; i < 20; i++) {
      await page.eval(([x, y]) => (window as unknown as { __synthHover(x: number, y: number): void }).__synthHover(x, y), [at.x, at.y]);
    }
    // Waiting out the dwell (a real-time window: up to 1.5 s) is the only way to see that no card opens.
    await assertNoCardFor(page, 1500, 'no card for fake events');
    // The same spot with the real mouse does open it: the fake events were aimed right.
    await page.move(at.x, at.y, 3);
    assert.equal((await waitForCard(page))?.name, 'Torkham');
    await page.close();
  });

  it("the page's own code is unchanged: its prototypes, its listeners and its click counter", async () => {
    const page = await hostile();
    assert.equal((await hover(page, 'Torkham'))?.name, 'Torkham');
    const lede = await page.eval(() => {
      const r = document.querySelector('#lede')?.getBoundingClientRect();
      return r ? { x: r.left, y: r.top } : null;
    });
    assert.ok(lede);
    for (let i = 0; i < 3; i++) await page.click(lede.x + 5, lede.y + 5);
    const state = await page.eval(() => {
      const w = window as unknown as Record<string, unknown>;
      return {
        clicks: w.__clicks,
        attachIsPages: Element.prototype.attachShadow === w.__pageAttachShadow,
        addIsPages: EventTarget.prototype.addEventListener === w.__pageAddEventListener,
        attachCalls: w.__attachShadowCalls,
        listenerTypes: w.__listenerTypes as string[],
        cardHostVisibleToPage: [...document.documentElement.children].find((e) => e.shadowRoot) ?? null,
      };
    });
    assert.equal(state.clicks, 3, "the page's click handler counts every click");
    assert.ok(state.attachIsPages && state.addIsPages, "the page's overrides are still in place");
    assert.equal(state.attachCalls, 0, "our shadow root was not made through the page's attachShadow");
    assert.equal(state.cardHostVisibleToPage, null, 'the card stays in a closed shadow root');
    for (const t of ['pointermove', 'pointerenter', 'pointerleave', 'keydown']) {
      assert.ok(!state.listenerTypes.includes(t), `the page saw us add a ${t} listener`);
    }
    // The page's override still works for the page.
    const own = await page.eval(() => {
      const d = document.createElement('p');
      const root = d.attachShadow({ mode: 'closed' });
      return { open: d.shadowRoot === root, calls: (window as unknown as { __attachShadowCalls: number }).__attachShadowCalls };
    });
    assert.deepEqual(own, { open: true, calls: 1 });
    await page.close();
  });

  it('no layout shift: every element box is the same with and without the extension', async () => {
    const url = `${env.url}/pages/hostile-page.html?static`;
    const plain = await openWithoutExtension(env.browser, url);
    try {
      const without = await boxes(plain.tab);

      const page = await openArticle(env.d, url, ['Torkham']);
      // With mentions found and underlined, and after a card has opened and closed.
      assert.equal((await hover(page, 'Torkham'))?.name, 'Torkham');
      await page.move(1270, 890);
      assert.ok(await waitForNoCard(page), 'the card closed');
      const withExt = await boxes(page);
      assert.ok(without.length / 4 > 50_000 / 3, `${without.length / 4} elements compared`);
      assert.equal(withExt.length, without.length, 'same number of elements');
      const moved = withExt.findIndex((v, i) => Math.abs(v - without[i]) > 0.01);
      assert.equal(moved, -1, `element #${Math.floor(moved / 4)} moved`);
      await page.close();
    } finally {
      await plain.close();
    }
  });
});
