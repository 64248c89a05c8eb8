/** How the hover card behaves, in Chromium and Firefox (pixel checks: card-pixels.spec.ts, Chromium). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { assertNoCardFor, clickFullBackstory, hover, openArticle, pointAt, saveSetting, type Tab, waitFor, waitForCard, waitForNoCard } from '../shared/driver';
import { poll } from '../shared/page-probes';
import { inEachBrowser } from './browsers';
import { ROOT } from './server';

const PACK = JSON.parse(readFileSync(path.join(ROOT, 'extension/packs/default.json'), 'utf8')) as {
  statements: { entity: string; text: string; date: string }[];
};
const KHALILZAD = 'pak-afghan-security:zalmay-khalilzad';

/** Set the hover delay with the keyboard on the options page's slider and wait until it is saved. */
async function setDwell(options: Tab, key: 'End' | 'Home', ms: number): Promise<void> {
  await saveSetting(
    options,
    'Hover delay',
    async () => {
      await options.eval(() => (document.getElementById('set-dwell') as HTMLInputElement).focus());
      await options.press(key);
    },
    (s) => s.dwellMs === ms,
  );
}

inEachBrowser('hover card behaviour', (env) => {
  it('stays open while the pointer moves into the card, closes after it leaves', async () => {
    const page = await openArticle(env.d, `${env.url}/demo/`, ['Zalmay Khalilzad']);
    assert.equal((await hover(page, 'Zalmay Khalilzad'))?.name, 'Zalmay Khalilzad');
    const p = await pointAt(page, 'Zalmay Khalilzad');
    const { card } = await page.cardBoxes();
    assert.ok(card, 'the card has a box');
    // Walk straight into the card, below (or above) the line, and rest inside it.
    const inside = card.top > p.y ? card.top + 30 : card.bottom - 30;
    const x = Math.max(card.left + 20, Math.min(p.x + 20, card.right - 20));
    for (let y = p.y; card.top > p.y ? y < inside : y > inside; y += card.top > p.y ? 10 : -10) await page.move(x, y);
    await page.move(x, inside);
    // A card closes a moment after the pointer leaves its name: waiting out that real-time grace
    // period is the only way to see that it stays.
    const closed = await poll(async () => ((await page.readCards()).length === 0 ? true : null), 1500);
    assert.equal(closed, null, 'still open over the card');
    await page.move(1270, 10);
    assert.ok(await waitForNoCard(page, 5000), 'closes after the pointer leaves the card');
    await page.close();
  });

  it('never covers the mention it belongs to', async () => {
    const page = await openArticle(env.d, `${env.url}/demo/`, ['Zalmay Khalilzad', 'Ghulam Khan', 'Torkham']);
    for (const phrase of ['Zalmay Khalilzad', 'Ghulam Khan', 'Torkham']) {
      assert.equal((await hover(page, phrase))?.name, phrase);
      const p = await pointAt(page, phrase);
      const { card } = await page.cardBoxes();
      assert.ok(card, 'the card has a box');
      const covers = p.x >= card.left && p.x <= card.right && p.y >= card.top && p.y <= card.bottom;
      assert.equal(covers, false, `the card ${JSON.stringify(card)} does not cover "${phrase}" at ${JSON.stringify(p)}`);
    }
    await page.close();
  });

  it('one card at a time', async () => {
    const page = await openArticle(env.d, `${env.url}/demo/`, ['Torkham', 'Islamabad']);
    assert.equal((await hover(page, 'Torkham'))?.name, 'Torkham');
    // The standfirst above is clear of the card, which opens below the Torkham line.
    const p = await pointAt(page, 'Islamabad', 1);
    await page.move(p.x, p.y, 3);
    const cards = await poll(async () => {
      const c = await page.readCards();
      return c.some((x) => x.name === 'Islamabad') ? c : null;
    }, 4000);
    assert.deepEqual(
      cards?.map((c) => c.name),
      ['Islamabad'],
      'the new card replaced the old one',
    );
    await page.close();
  });

  it('says what is dated after the article (related names on the page are in the full backstory, below)', async () => {
    const page = await openArticle(env.d, `${env.url}/demo/`, ['Taliban']);
    const taliban = await hover(page, 'Taliban');
    // The demo article is dated 20 September 2025; the pack has later events about the Taliban.
    assert.match(taliban?.text.join(' ') ?? '', /after this article/i);
    await page.close();
  });

  it('the dwell is configurable in options', async () => {
    const options = await env.d.openExtensionPage('src/options/index.html');
    await setDwell(options, 'End', 1500);
    const page = await openArticle(env.d, `${env.url}/demo/`, ['Torkham']);
    const p = await pointAt(page, 'Torkham');
    await page.move(p.x, p.y, 2);
    // The dwell is real time: the card must not open in the first 0.8 s of a 1.5 s rest.
    await assertNoCardFor(page, 800, 'not open before the 1.5 s dwell');
    assert.equal((await waitForCard(page, 10_000))?.name, 'Torkham');
    await page.close();
    // The next tests need the short delay back.
    await setDwell(options, 'Home', 0);
    await options.close();
  });

  it('the keyboard command opens the card at the selection, Escape returns focus', async () => {
    const url = `${env.url}/demo/`;
    const page = await openArticle(env.d, url, ['Torkham']);
    const p = await pointAt(page, 'Torkham');
    await page.dblclick(p.x, p.y);
    // Put the mouse away so only the keyboard can open the card. A click on a name opens its card
    // as a tap does, and such a card may stay until dismissed: Escape closes it.
    await page.move(1270, 10);
    if (!(await waitForNoCard(page, 3000))) await page.press('Escape');
    assert.ok(await waitForNoCard(page, 3000), 'the card from the double-click closed');
    assert.equal(await page.eval(() => document.getSelection()?.toString().trim()), 'Torkham');
    // A headless browser has no UI to route the extension's shortcut: the driver sends what the
    // worker sends on `commands.onCommand`.
    await env.d.keyboardCommand(url);
    assert.equal((await waitForCard(page))?.name, 'Torkham');
    // The page sees focus on the layer host (the card itself is in its closed shadow root).
    const focusInLayer = () => page.eval(() => document.activeElement?.parentElement === document.documentElement && document.activeElement !== document.body);
    assert.equal(await waitFor(page, () => document.activeElement?.parentElement === document.documentElement || null), true, 'focus moved into the card');
    await page.press('Tab');
    await page.press('Escape');
    assert.ok(await waitForNoCard(page, 5000));
    assert.equal(await focusInLayer(), false, 'focus left the card');
    await page.close();
  });

  it("the first view of Khalilzad's card shows a quote dated before the article, without scrolling", async () => {
    const page = await openArticle(env.d, `${env.url}/demo/`, ['Zalmay Khalilzad']);
    const card = await hover(page, 'Zalmay Khalilzad');
    assert.equal(card?.name, 'Zalmay Khalilzad', 'the dialog is named exactly by the entity name');
    const { body, quote, date } = await page.cardBoxes();
    assert.ok(body && quote && date, 'the card shows a quote and its date');
    assert.ok(
      quote.top >= body.top - 1 && date.bottom <= body.bottom + 1,
      `quote and date are inside the card's first view (${JSON.stringify({ body, quote, date })})`,
    );
    const text = card?.text.join('\n') ?? '';
    // The demo article is dated 20 September 2025: the quote shown is his latest before that.
    const before = PACK.statements.filter((s) => s.entity === 'zalmay-khalilzad' && s.date.replace('~', '') <= '2025-09-20');
    const latest = before
      .map((s) => s.date.replace('~', ''))
      .sort()
      .at(-1);
    const shown = before.filter((s) => s.date.replace('~', '') === latest && text.includes(s.text));
    assert.ok(shown.length > 0, `a statement of ${latest}, the latest before the article, is on the card`);
    assert.match(text, /\b\d{1,2} [A-Z][a-z]{2} 20\d\d\b/, 'with its date');
    await page.close();
  });

  it('"Full backstory" shows background, all statements, the timeline, sources and related names', async () => {
    const page = await openArticle(env.d, `${env.url}/demo/`, ['Zalmay Khalilzad']);
    assert.equal((await hover(page, 'Zalmay Khalilzad'))?.name, 'Zalmay Khalilzad');
    await clickFullBackstory(page);
    assert.ok(await waitForNoCard(page, 2000), 'the card gives way to the panel');
    const panel = await env.d.waitForPanel();
    assert.ok(panel, 'the full backstory opened');
    assert.equal(new URL(panel.url).searchParams.get('entity'), KHALILZAD);
    const text = panel.text;
    assert.match(text, /Zalmay Khalilzad/);
    assert.match(text, /Background/i);
    assert.match(text, /special representative|ambassador/i, 'the background');
    for (const s of PACK.statements.filter((s) => s.entity === 'zalmay-khalilzad')) {
      assert.ok(text.replace(/\s+/g, ' ').includes(s.text.replace(/\s+/g, ' ')), `statement "${s.text.slice(0, 40)}…" is in the panel`);
    }
    assert.match(text, /Timeline/i);
    assert.match(text, /Related on this page/i);
    assert.match(text, /Doha Agreement/);
    const events = (await panel.evaluate('[...document.querySelectorAll(".rel-event")].map((e) => e.firstChild.textContent.trim())')) as string[];
    assert.ok(events.length > 0, 'related names are grouped by event');
    assert.equal(new Set(events).size, events.length, `no event is repeated: ${events.join(' | ')}`);
    const hosts = (await panel.evaluate(
      '[...document.querySelectorAll("a.src")].map((a) => [new URL(a.href).hostname.replace(/^www\\./, ""), a.querySelector(".host")?.textContent ?? a.textContent])',
    )) as [string, string][];
    assert.ok(hosts.length > 0, 'sources are linked');
    for (const [host, shown] of hosts) assert.ok(shown.includes(host), `the link to ${host} shows its host ("${shown}")`);
    await page.close();
  });
});
