import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type FirefoxSession, hover, launchFirefox, openArticle, readCards, type Server, serve, waitForNoCard } from './harness-firefox';

describe('Firefox: hover cards on news pages', () => {
  let s: FirefoxSession;
  let srv: Server;
  before(async () => {
    srv = await serve();
    s = await launchFirefox();
  });
  after(async () => {
    await s?.close();
    srv?.close();
  });

  it('opens the right card for each name on the seed article, and none on a weekday', async () => {
    const page = await openArticle(s, `${srv.url}/corpus/dev/seed-envoy-taliban-engagement.html`);
    const expected: [string, string][] = [
      ['Zalmay Khalilzad', 'Zalmay Khalilzad'],
      ['Shehbaz Sharif', 'Shehbaz Sharif'],
      ['TTP', 'Tehrik-i-Taliban Pakistan'],
      ['Torkham', 'Torkham'],
      ['Imran Khan', 'Imran Khan'],
    ];
    for (const [phrase, name] of expected) {
      const card = await hover(page, phrase);
      assert.equal(card?.name, name, `hovering "${phrase}"`);
    }
    assert.equal(await hover(page, 'Tuesday', 1, 1500), null, 'a weekday opens no card');
    await page.close();
  });

  it('the card shows a dated quote with its source host (the rest: glance.spec.ts), and closes on Escape and when the pointer leaves', async () => {
    const page = await openArticle(s, `${srv.url}/demo/`);
    const card = await hover(page, 'Zalmay Khalilzad');
    assert.equal(card?.name, 'Zalmay Khalilzad');
    const text = card?.text.join(' ') ?? '';
    assert.match(text, /\b\d{1,2} [A-Z][a-z]{2} 20\d\d\b/, 'a dated statement');
    assert.match(text, /\b[a-z0-9-]+\.[a-z]{2,}\b/, `its source shows the host it links to: ${text}`);
    await page.keyboard.press('Escape');
    assert.ok(await waitForNoCard(page, 1000), 'Escape closes the card');
    assert.equal((await hover(page, 'Torkham'))?.name, 'Torkham');
    await page.mouse.move(5, 5);
    assert.ok(await waitForNoCard(page, 1500), 'leaving closes the card');
    await page.close();
  });

  it('a plain word opens nothing, and synthetic events open nothing', async () => {
    const page = await openArticle(s, `${srv.url}/demo/`);
    assert.equal(await hover(page, 'lorries', 1, 1200), null);
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
    assert.deepEqual(await readCards(page), []);
    await page.close();
  });
});
