import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { poll } from '../shared/page-probes';
import { cardBoxes, type FirefoxSession, hover, launchFirefox, openArticle, readCards, type Server, serve, waitForNoCard } from './harness-firefox';

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

  it('the card shows a dated quote with its source host (the rest: below), and closes on Escape and when the pointer leaves', async () => {
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

  it("the first view of Khalilzad's card shows a dated quote without scrolling; Full backstory shows everything", async () => {
    const page = await openArticle(s, `${srv.url}/demo/`);
    const card = await hover(page, 'Zalmay Khalilzad');
    assert.equal(card?.name, 'Zalmay Khalilzad', 'the dialog is named exactly by the entity name');
    assert.match(card?.text.join('\n') ?? '', /\b\d{1,2} [A-Z][a-z]{2} 20\d\d\b/, 'a dated statement');
    const { body, quote, date, full } = await cardBoxes(page);
    assert.ok(body && quote && date && full, 'the card shows a quote, its date and "Full backstory"');
    assert.ok(quote.top >= body.top - 1 && date.bottom <= body.bottom + 1, `quote and date in the first view (${JSON.stringify({ body, quote, date })})`);

    const before = new Set((await s.browser.pages()).map((p) => p));
    await page.mouse.move((full.left + full.right) / 2, (full.top + full.bottom) / 2, { steps: 3 });
    await page.mouse.click((full.left + full.right) / 2, (full.top + full.bottom) / 2);
    assert.ok(await waitForNoCard(page, 2000), 'the card gives way to the full backstory');
    // Firefox opens `sidebarAction` only from its own user-input handlers; a click relayed by the
    // content script is not one, so the full backstory opens in a tab beside the article (and the
    // sidebar is set to the same entity). The panel page is the observable either way.
    const panelPrefix = `${s.origin}src/panel/index.html?`;
    // puppeteer reports a moz-extension tab as about:blank: ask each new tab where it is.
    const hrefOf = (p: Page) => p.evaluate(() => location.href).catch(() => '');
    const found = await poll(async () => {
      for (const p of await s.browser.pages()) {
        const href = before.has(p) ? '' : await hrefOf(p);
        if (href.startsWith(panelPrefix)) return { panel: p, href };
      }
      return null;
    }, 8000);
    assert.ok(found, 'the full backstory opened');
    const { panel, href } = found;
    assert.equal(new URL(href).searchParams.get('entity'), 'pak-afghan-security:zalmay-khalilzad');
    const text =
      (await poll(async () => {
        const t = await panel.evaluate(() => (document.querySelector('.backstory h2') ? document.body.textContent : '')).catch(() => '');
        return t || null;
      }, 8000)) ?? '';
    assert.match(text, /Background/i);
    assert.match(text, /special representative|ambassador/i);
    assert.match(text, /Timeline/i);
    assert.match(text, /Related on this page/i);
    assert.match(text, /Doha Agreement/);
    await panel.close();
    await page.close();
  });
});
