/**
 * Hover → card latency after the dwell: from the end of the dwell (the trusted pointermove that
 * lands on a mention, its event timestamp taken by a page listener, plus the configured dwell) to
 * the moment Backstory's dialog is in its layer (a 1 ms poll in the content script's isolated world,
 * `card-watch.ts`; the page itself cannot see it). Warm: the worker is running. Cold: the worker
 * was stopped just before the hover.
 */
import type { Page } from 'playwright-core';
import { pointAt, readCards } from '../e2e/drivers/chromium-browser';
import { poll, sleep } from '../shared/page-probes';
import { type BenchBrowser, stopWorker } from './browser';
import { type CardWatch, watchCard } from './card-watch';

const PROBE = `
  globalThis.__hover = { moveAt: 0 };
  addEventListener('pointermove', (e) => { if (!__hover.moveAt) __hover.moveAt = e.timeStamp; }, true);
  globalThis.__hoverArm = () => { __hover.moveAt = 0; };
`;

const watches = new WeakMap<Page, CardWatch>();

export async function openHoverPage(b: BenchBrowser, url: string): Promise<Page> {
  const page = await b.context.newPage();
  await page.addInitScript({ content: PROBE });
  await page.goto(url, { waitUntil: 'load' });
  watches.set(page, await watchCard(page));
  await sleep(1500);
  return page;
}

/** One hover; returns the latency in ms and the card's name (read afterwards from the AX tree). */
export async function hoverOnce(page: Page, text: string, nth: number, check: boolean, dwellMs: number): Promise<{ ms: number; name?: string }> {
  const watch = watches.get(page);
  if (!watch) throw new Error('open the page with openHoverPage');
  await page.mouse.move(1270, 890);
  if (!(await poll(async () => ((await watch.isOpen()) ? null : true), 5000))) throw new Error('the previous card did not close');
  const p = await pointAt(page, text, nth);
  await page.mouse.move(p.x - 30, p.y + 40);
  await sleep(50);
  await page.evaluate(() => (globalThis as unknown as { __hoverArm: () => void }).__hoverArm());
  await watch.arm();
  await page.mouse.move(p.x, p.y);
  const cardAt = await poll(async () => (await watch.openedAt()) || null, 10_000);
  if (!cardAt) throw new Error(`no card for "${text}"`);
  const moveAt = (await page.evaluate(() => (globalThis as unknown as { __hover: { moveAt: number } }).__hover.moveAt)) as number;
  const ms = cardAt - moveAt - dwellMs;
  let name: string | undefined;
  if (check) {
    const cdp = await page.context().newCDPSession(page);
    name = (await readCards(cdp))[0]?.name;
    await cdp.detach();
  }
  return { ms, name };
}

export async function hoverSeries(
  b: BenchBrowser,
  page: Page,
  mentions: { text: string; nth: number }[],
  cold: boolean,
  dwellMs: number,
): Promise<{ ms: number[]; wrong: string[] }> {
  const ms: number[] = [];
  const wrong: string[] = [];
  for (const [i, m] of mentions.entries()) {
    if (cold) await stopWorker(b);
    const r = await hoverOnce(page, m.text, m.nth, i < 3, dwellMs);
    ms.push(r.ms);
    if (r.name !== undefined && r.name !== m.text) wrong.push(`${m.text} → ${r.name}`);
  }
  return { ms, wrong };
}
