import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clickFullBackstory, panelText, waitForSidePanel } from './card-geometry';
import { type Browser, hover, launch, openArticle, readCards, type Server, serve, waitForNoCard } from './harness';

describe('hover cards on news pages', () => {
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

  it('opens the right card for each name on the seed article, and none on a weekday', async () => {
    const { page, cdp } = await openArticle(b, `${srv.url}/corpus/dev/seed-envoy-taliban-engagement.html`);
    const expected: [string, string][] = [
      ['Zalmay Khalilzad', 'Zalmay Khalilzad'],
      ['Shehbaz Sharif', 'Shehbaz Sharif'],
      ['TTP', 'Tehrik-i-Taliban Pakistan'],
      ['Torkham', 'Torkham'],
      ['Imran Khan', 'Imran Khan'],
    ];
    for (const [phrase, name] of expected) {
      const card = await hover(page, cdp, phrase);
      assert.equal(card?.name, name, `hovering "${phrase}"`);
    }
    assert.equal(await hover(page, cdp, 'Tuesday', 1, 1500), null, 'a weekday opens no card');
    await page.close();
  });

  it('closes on Escape and when the pointer leaves', async () => {
    const { page, cdp } = await openArticle(b, `${srv.url}/demo/`);
    const card = await hover(page, cdp, 'Zalmay Khalilzad');
    assert.equal(card?.name, 'Zalmay Khalilzad');
    await page.keyboard.press('Escape');
    assert.ok(await waitForNoCard(cdp, 1000), 'Escape closes the card');
    assert.equal((await hover(page, cdp, 'Torkham'))?.name, 'Torkham');
    await page.mouse.move(5, 5);
    assert.ok(await waitForNoCard(cdp, 1500), 'leaving closes the card');
    await page.close();
  });

  it('a plain word opens nothing, and synthetic events open nothing', async () => {
    const { page, cdp } = await openArticle(b, `${srv.url}/demo/`);
    assert.equal(await hover(page, cdp, 'lorries', 1, 1200), null);
    await page.mouse.move(5, 5);
    // A hostile page dispatching its own pointer events over a mention must not open a card.
    await page.evaluate(() => {
      const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = w.nextNode(); n; n = w.nextNode()) {
        const i = (n as Text).data.indexOf('Khalilzad');
        if (i < 0) continue;
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + 3);
        const rect = r.getBoundingClientRect();
        for (let k = 0; k < 10; k++) {
          window.dispatchEvent(new PointerEvent('pointermove', { clientX: rect.left + 5, clientY: rect.top + 5, bubbles: true }));
        }
        break;
      }
    });
    await new Promise((r) => setTimeout(r, 900));
    assert.deepEqual(await readCards(cdp), []);
    await page.close();
  });

  it('the card shows a dated quote with its source host; its full backstory has the background and the Doha Agreement', async () => {
    const { page, cdp } = await openArticle(b, `${srv.url}/corpus/dev/seed-envoy-taliban-engagement.html`);
    const card = await hover(page, cdp, 'Zalmay Khalilzad');
    assert.equal(card?.name, 'Zalmay Khalilzad');
    const glance = card?.text.join(' ') ?? '';
    assert.match(glance, /\b\d{1,2} [A-Z][a-z]{2} 20\d\d\b/, 'a dated statement');
    assert.match(glance, /\b[a-z0-9-]+\.[a-z]{2,}\b/, 'its source shows the host it links to');
    // All the page sees of Backstory, card open or not: one plain <div> after its body, no attributes, no shadow root.
    const added = await page.evaluate(() =>
      [...document.documentElement.children]
        .filter((e) => e !== document.head && e !== document.body)
        .map((e) => ({ tag: e.tagName, attributes: e.attributes.length, shadow: e.shadowRoot !== null })),
    );
    assert.deepEqual(added, [{ tag: 'DIV', attributes: 0, shadow: false }], 'one neutral layer host in the page');
    await clickFullBackstory(page, cdp);
    const panel = await waitForSidePanel(cdp, b.extensionId);
    assert.ok(panel, 'the side panel opened');
    const text = await panelText(cdp, panel.targetId);
    assert.match(text, /ambassador|envoy|special representative/i, 'background mentions his roles');
    assert.match(text, /Doha Agreement|US-Taliban/i, 'a related event about the Doha Agreement');
    assert.match(text, /2020/, 'dated 2020');
    await page.close();
  });
});
