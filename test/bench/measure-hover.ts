/**
 * Hover → card latency after the dwell: from the end of the dwell (the trusted pointermove that
 * lands on a mention, its event timestamp taken by a page listener, plus the configured dwell) to
 * the moment Backstory's card host is in the document (a 1 ms poll in the page; the host is added
 * in the same task that renders the dialog). Warm: the worker is running. Cold: the worker was
 * stopped just before the hover.
 */
import type { Page } from 'playwright-core';
import { pointAt, readCards, sleep } from '../e2e/harness';
import { type BenchBrowser, stopWorker } from './browser';

const PROBE = `
  globalThis.__hover = { moveAt: 0, cardAt: 0, polling: false };
  addEventListener('pointermove', (e) => { if (!__hover.moveAt) __hover.moveAt = e.timeStamp; }, true);
  globalThis.__hoverArm = () => {
    __hover.moveAt = 0; __hover.cardAt = 0;
    const tick = () => {
      if (document.documentElement.querySelector(':scope > backstory-card')) { __hover.cardAt = performance.now(); return; }
      setTimeout(tick, 1);
    };
    setTimeout(tick, 1);
  };
`;

export async function openHoverPage(b: BenchBrowser, url: string): Promise<Page> {
  const page = await b.context.newPage();
  await page.addInitScript({ content: PROBE });
  await page.goto(url, { waitUntil: 'load' });
  await sleep(1500);
  return page;
}

/** One hover; returns the latency in ms and the card's name (read afterwards from the AX tree). */
export async function hoverOnce(page: Page, text: string, nth: number, check: boolean, dwellMs: number): Promise<{ ms: number; name?: string }> {
  await page.mouse.move(1270, 890);
  await page.waitForFunction(() => !document.documentElement.querySelector(':scope > backstory-card'), undefined, { timeout: 5000 });
  const p = await pointAt(page, text, nth);
  await page.mouse.move(p.x - 30, p.y + 40);
  await sleep(50);
  await page.evaluate(() => (globalThis as unknown as { __hoverArm: () => void }).__hoverArm());
  await page.mouse.move(p.x, p.y);
  await page.waitForFunction(() => (globalThis as unknown as { __hover: { cardAt: number } }).__hover.cardAt > 0, undefined, { timeout: 10_000, polling: 5 });
  const ms =
    (await page.evaluate(() => {
      const h = (globalThis as unknown as { __hover: { moveAt: number; cardAt: number } }).__hover;
      return h.cardAt - h.moveAt;
    })) - dwellMs;
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
