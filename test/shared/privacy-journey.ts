/**
 * The privacy journeys, written once for both browsers (test/e2e/privacy.spec.ts drives Chromium
 * over CDP, test/e2e-firefox/privacy.spec.ts drives Firefox over BiDi). A driver supplies the few
 * things that differ: opening a page, hovering like a hand, reading cards the way assistive
 * technology does, and switching the packs on or off from an extension page.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { poll, sleep } from './page-probes';

export interface JourneyPage {
  evaluate(fn: (arg: any) => unknown, arg?: unknown): Promise<any>;
  mouse: { move(x: number, y: number, opts?: { steps?: number }): Promise<void> };
}

export interface JourneyDriver {
  open(url: string): Promise<JourneyPage>;
  close(page: JourneyPage): Promise<void>;
  /** Hover a phrase as a hand does; the name of the card that opens within `ms`, or null. */
  hover(page: JourneyPage, text: string, ms: number): Promise<string | null>;
  /** Names of the cards open now, read outside the page (accessibility tree / BiDi). */
  cards(page: JourneyPage): Promise<string[]>;
  setPacksEnabled(enabled: boolean): Promise<void>;
}

type View = Record<string, unknown> & { names: string[] };
const pageView = (page: JourneyPage): Promise<View> => page.evaluate(() => (window as unknown as { __pageView(): View }).__pageView());
/** The page's view without hit tests at the names (an open card may cover one; where it is, the page knows anyway: it sees the pointer). */
const withoutHits = (v: View) => ({ ...v, names: v.names.map((n) => n.split('|').slice(0, 3).join('|')) });

async function moveAway(d: JourneyDriver, page: JourneyPage): Promise<void> {
  await page.mouse.move(1270, 890);
  assert.ok(await poll(async () => ((await d.cards(page)).length ? null : true), 3000), 'the card closes');
}

/**
 * A page that injects visible and hidden candidate names and watches everything it can learn
 * nothing: its view (every element, style, box, mutation, the highlight registry, adopted sheets,
 * animations, hit tests) is the same with the names found and with the packs switched off, and
 * the same whichever card is open. The same run proves the names were found: hovering opens them.
 */
export async function curiousPageLearnsNothing(d: JourneyDriver, url: string): Promise<void> {
  await d.setPacksEnabled(true);
  const page = await d.open(url);
  assert.equal(await d.hover(page, 'Torkham', 4000), 'Torkham', 'a name in the article was found');
  const withTorkham = await pageView(page);
  await moveAway(d, page);
  assert.equal(await d.hover(page, 'Imran Khan', 4000), 'Imran Khan', 'a name the page injected was found');
  const withImran = await pageView(page);
  await moveAway(d, page);
  const found = await pageView(page);
  await d.close(page);

  await d.setPacksEnabled(false);
  const off = await d.open(url);
  assert.equal(await d.hover(off, 'Torkham', 1500), null, 'with the packs off nothing is found');
  assert.equal(await d.hover(off, 'Imran Khan', 1500), null);
  await moveAway(d, off);
  const nothing = await pageView(off);
  await d.close(off);
  await d.setPacksEnabled(true);

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
export async function restingPointerOpensNothing(d: JourneyDriver, url: string): Promise<void> {
  for (const how of ['scroll', 'insert'] as const) {
    const page = await d.open(url);
    const p = await page.evaluate(() => {
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
    await page.mouse.move(rest.x - 40, rest.y + 30);
    await page.mouse.move(rest.x, rest.y, { steps: 3 });
    await sleep(900);
    assert.deepEqual(await d.cards(page), [], `${how}: nothing under the pointer yet`);
    assert.equal((await page.evaluate(nameAt, rest)).under, false);
    if (how === 'scroll') await page.evaluate(() => (window as unknown as { __slide(dy: number): void }).__slide(-150));
    else await page.evaluate(() => (window as unknown as { __push(px: number): void }).__push(150));
    const moved = await poll(async () => ((await page.evaluate(nameAt, rest)).under ? true : null), 3000);
    assert.ok(moved, `${how}: the page slid the name under the resting pointer`);
    await sleep(1500);
    assert.deepEqual(await d.cards(page), [], `${how}: a name slid under a resting pointer opens no card`);
    // The reader moves the pointer, a little and for real: now the card opens.
    await page.mouse.move(rest.x + 2, rest.y, { steps: 2 });
    const opened = await poll(async () => (await d.cards(page))[0] ?? null, 4000);
    assert.equal(opened, 'Torkham', `${how}: a real pointer move over the same name opens its card`);
    await d.close(page);
  }
}

/** Runs IN AN EXTENSION PAGE (pass it to evaluate): switch every installed pack on or off. */
export async function setAllPacks(on: boolean): Promise<void> {
  const send = (kind: string, payload: unknown) => chrome.runtime.sendMessage({ kind, payload }) as Promise<{ ok: boolean; value: { id: string }[] }>;
  const packs = await send('listPacks', {});
  for (const p of packs.value) await send('setPackEnabled', { id: p.id, enabled: on });
}

/** The two journeys as tests, for a browser's spec file (the driver and server exist once `before` ran). */
export function privacyTests(driver: () => JourneyDriver, origin: () => string): void {
  it('a page that plants visible and hidden names and watches everything learns nothing about which were found or which card opened', async () => {
    await curiousPageLearnsNothing(driver(), `${origin()}/pages/privacy-probe.html`);
  });

  it('a page that slides a name under a resting pointer opens no card; a real move then does', async () => {
    await restingPointerOpensNothing(driver(), `${origin()}/pages/scroll-under-pointer.html`);
  });
}
