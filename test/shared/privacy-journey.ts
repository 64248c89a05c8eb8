/**
 * The privacy journeys, written once for both browsers (test/e2e/privacy.spec.ts runs them in
 * Chromium and Firefox through the one Driver of test/shared/driver.ts).
 */
import assert from 'node:assert/strict';
import { assertNoCardFor, type Driver, hover, openArticle, setAllPacks, siteActive, type Tab, waitForNoCard } from './driver';
import { poll } from './page-probes';

type View = Record<string, unknown> & { names: string[] };
const pageView = (page: Tab): Promise<View> => page.eval(() => (window as unknown as { __pageView(): View }).__pageView());
/** The page's view without hit tests at the names (an open card may cover one; where it is, the page knows anyway: it sees the pointer). */
const withoutHits = (v: View) => ({ ...v, names: v.names.map((n) => n.split('|').slice(0, 3).join('|')) });

async function moveAway(page: Tab): Promise<void> {
  await page.move(1270, 890);
  assert.ok(await waitForNoCard(page), 'the card closes');
}

/** Switch every installed pack on or off from an extension page. */
async function setPacksEnabled(d: Driver, on: boolean): Promise<void> {
  const page = await d.openExtensionPage('src/popup/index.html');
  await page.eval(setAllPacks, on);
  await page.close();
}

const cardName = async (page: Tab, text: string, ms: number) => (await hover(page, text, 1, ms))?.name ?? null;

/**
 * A page that injects visible and hidden candidate names and watches everything it can learn
 * nothing: its view (every element, style, box, mutation, the highlight registry, adopted sheets,
 * animations, hit tests) is the same with the names found and with the packs switched off, and
 * the same whichever card is open. The same run proves the names were found: hovering opens them.
 */
export async function curiousPageLearnsNothing(d: Driver, url: string): Promise<void> {
  await setPacksEnabled(d, true);
  const page = await openArticle(d, url, ['Torkham', 'Imran Khan']);
  assert.equal(await cardName(page, 'Torkham', 4000), 'Torkham', 'a name in the article was found');
  const withTorkham = await pageView(page);
  await moveAway(page);
  assert.equal(await cardName(page, 'Imran Khan', 4000), 'Imran Khan', 'a name the page injected was found');
  const withImran = await pageView(page);
  await moveAway(page);
  const found = await pageView(page);
  await page.close();

  await setPacksEnabled(d, false);
  const off = await d.openPage(url);
  assert.equal(await siteActive(d, off), true, 'Backstory runs on the page, with nothing to find');
  assert.equal(await cardName(off, 'Torkham', 1500), null, 'with the packs off nothing is found');
  assert.equal(await cardName(off, 'Imran Khan', 1500), null);
  await moveAway(off);
  const nothing = await pageView(off);
  await off.close();
  await setPacksEnabled(d, true);

  assert.ok(found.elements && (found.names as string[]).length === 9, 'the page saw all nine names it planted');
  assert.ok(found.highlights === 'absent' || found.highlights === '#0', `the highlight registry is empty: ${found.highlights}`);
  assert.match(String(found.sheets), /\/(0|absent)$/, 'no adopted style sheet in the document');
  assert.deepEqual(found, nothing, 'names found or not, the page sees exactly the same');
  assert.deepEqual(withoutHits(withTorkham), withoutHits(withImran), 'which card is open does not show');
  assert.deepEqual(withoutHits(withTorkham), withoutHits(found), 'even that a card is open shows only to hit tests');
}

/** Where the name is now, and whether the resting pointer is on it (page geometry only). */
function nameAt({ x, y }: { x: number; y: number }): { top: number; under: boolean } {
  const lede = document.getElementById('lede') as HTMLElement;
  const text = lede.firstChild as Text;
  const i = text.data.indexOf('Torkham');
  const r = document.createRange();
  r.setStart(text, i);
  r.setEnd(text, i + 'Torkham'.length);
  const b = r.getBoundingClientRect();
  return { top: b.top, under: x >= b.left && x <= b.right && y >= b.top && y <= b.bottom };
}

/**
 * A page slides a name under a pointer at rest, by scrolling and by inserting content: no card
 * opens. Then the reader moves the pointer a little, for real, and the card opens.
 */
export async function restingPointerOpensNothing(d: Driver, url: string): Promise<void> {
  for (const how of ['scroll', 'insert'] as const) {
    const page = await openArticle(d, url, ['Torkham']);
    const p = await page.eval(() => {
      const lede = document.getElementById('lede') as HTMLElement;
      lede.scrollIntoView({ block: 'center' });
      const text = lede.firstChild as Text;
      const r = document.createRange();
      const i = text.data.indexOf('Torkham');
      r.setStart(text, i);
      r.setEnd(text, i + 7);
      const b = r.getBoundingClientRect();
      return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
    });
    const rest = { x: Math.round(p.x), y: Math.round(p.y + 150) };
    await page.move(rest.x - 40, rest.y + 30);
    await page.move(rest.x, rest.y, 3);
    // Waiting out the dwell (real time) is the only way to see that no card opens at rest.
    await assertNoCardFor(page, 900, `${how}: nothing under the pointer yet`);
    assert.equal((await page.eval(nameAt, rest)).under, false);
    if (how === 'scroll') await page.eval(() => (window as unknown as { __slide(dy: number): void }).__slide(-150));
    else await page.eval(() => (window as unknown as { __push(px: number): void }).__push(150));
    const moved = await poll(async () => ((await page.eval(nameAt, rest)).under ? true : null), 3000);
    assert.ok(moved, `${how}: the page slid the name under the resting pointer`);
    // Again the dwell, in real time: a card would have opened within it.
    await assertNoCardFor(page, 1500, `${how}: a name slid under a resting pointer opens no card`);
    // The reader moves the pointer, a little and for real: now the card opens.
    await page.move(rest.x + 2, rest.y, 2);
    const opened = await poll(async () => (await page.readCards())[0]?.name ?? null, 4000);
    assert.equal(opened, 'Torkham', `${how}: a real pointer move over the same name opens its card`);
    await page.close();
  }
}
