/** Hover cards on news pages, in Chromium and Firefox (one journey, test/shared/driver.ts). */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertNoCardFor, clickFullBackstory, hover, openArticle, pointAt, waitForCard, waitForNoCard } from '../shared/driver';
import { inEachBrowser } from './browsers';

const KHALILZAD = 'pak-afghan-security:zalmay-khalilzad';

inEachBrowser('hover cards on news pages', (env) => {
  it('opens the right card for each name on an article, and none on a weekday', async () => {
    const page = await openArticle(env.d, `${env.url}/pages/envoy-talks.html`, ['Zalmay Khalilzad', 'Torkham']);
    const expected: [string, string][] = [
      ['Zalmay Khalilzad', 'Zalmay Khalilzad'],
      ['Shehbaz Sharif', 'Shehbaz Sharif'],
      ['TTP', 'Tehrik-i-Taliban Pakistan'],
      ['Torkham', 'Torkham'],
      ['Imran Khan', 'Imran Khan'],
    ];
    for (const [phrase, name] of expected) assert.equal((await hover(page, phrase))?.name, name, `hovering "${phrase}"`);
    // The names around it opened their cards on this page; the weekday beside them opens none.
    assert.equal(await hover(page, 'Tuesday', 1, 1500), null, 'a weekday opens no card');
    await page.close();
  });

  it('closes on Escape and when the pointer leaves', async () => {
    const page = await openArticle(env.d, `${env.url}/demo/`);
    assert.equal((await hover(page, 'Zalmay Khalilzad'))?.name, 'Zalmay Khalilzad');
    await page.press('Escape');
    assert.ok(await waitForNoCard(page, 5000), 'Escape closes the card');
    assert.equal((await hover(page, 'Torkham'))?.name, 'Torkham');
    await page.move(5, 5);
    assert.ok(await waitForNoCard(page, 5000), 'leaving closes the card');
    await page.close();
  });

  it('a plain word opens nothing, and synthetic events open nothing', async () => {
    const page = await openArticle(env.d, `${env.url}/demo/`, ['Zalmay Khalilzad']);
    assert.equal((await hover(page, 'Torkham'))?.name, 'Torkham', 'cards open on this page');
    assert.equal(await hover(page, 'lorries', 1, 1200), null, 'a plain word opens nothing');
    await page.move(5, 5);
    assert.ok(await waitForNoCard(page), 'no card open');
    // A hostile page dispatching its own pointer events over a marked name must not open a card.
    const at = await pointAt(page, 'Khalilzad');
    await page.eval(({ x, y }: { x: number; y: number }) => {
      for (let k = 0; k < 10; k++) window.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: y, bubbles: true }));
    }, at);
    await assertNoCardFor(page, 1500, 'synthetic pointer events open nothing');
    // The same spot under the real mouse does open it: the fake events were aimed at a live mark.
    await page.move(Math.max(1, at.x - 20), at.y + 30);
    await page.move(at.x, at.y, 3);
    assert.equal((await waitForCard(page))?.name, 'Zalmay Khalilzad', 'the real pointer on the same spot opens the card');
    await page.close();
  });

  it('the card shows a dated quote with its source host; its full backstory has the background and the Doha Agreement', async () => {
    const page = await openArticle(env.d, `${env.url}/pages/envoy-talks.html`, ['Zalmay Khalilzad']);
    const card = await hover(page, 'Zalmay Khalilzad');
    assert.equal(card?.name, 'Zalmay Khalilzad', 'the dialog is named exactly by the entity name');
    const glance = card?.text.join(' ') ?? '';
    assert.match(glance, /\b\d{1,2} [A-Z][a-z]{2} (19|20)\d\d\b/, 'a dated statement');
    assert.match(glance, /\b[a-z0-9-]+\.[a-z]{2,}\b/, `its source shows the host it links to: ${glance}`);
    const { body, quote, date, full } = await page.cardBoxes();
    assert.ok(body && quote && date && full, 'the card shows a quote, its date and "Full backstory"');
    assert.ok(quote.top >= body.top - 1 && date.bottom <= body.bottom + 1, `quote and date in the first view (${JSON.stringify({ body, quote, date })})`);
    // All the page sees of Backstory, card open or not: one plain <div> after its body, no attributes, no shadow root.
    const added = await page.eval(() =>
      [...document.documentElement.children]
        .filter((e) => e !== document.head && e !== document.body)
        .map((e) => ({ tag: e.tagName, attributes: e.attributes.length, shadow: e.shadowRoot !== null })),
    );
    assert.deepEqual(added, [{ tag: 'DIV', attributes: 0, shadow: false }], 'one neutral layer host in the page');
    await clickFullBackstory(page);
    assert.ok(await waitForNoCard(page, 2000), 'the card gives way to the full backstory');
    const panel = await env.d.waitForPanel();
    assert.ok(panel, 'the full backstory opened');
    assert.equal(new URL(panel.url).searchParams.get('entity'), KHALILZAD);
    assert.match(panel.text, /Background/i);
    assert.match(panel.text, /ambassador|envoy|special representative/i, 'background mentions his roles');
    assert.match(panel.text, /Timeline/i);
    assert.match(panel.text, /Related on this page/i);
    assert.match(panel.text, /Doha Agreement/, 'a related event about the Doha Agreement');
    assert.match(panel.text, /2020/, 'dated 2020');
    await page.close();
  });
});
