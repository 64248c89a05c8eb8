/**
 * The long article with and without Backstory: main-thread long tasks (PerformanceObserver in the
 * page; the content script's isolated world runs on the same thread, so its tasks count), the
 * renderer's JS heap after a forced GC (CDP, one isolate for page and content script), and the
 * time from the load event until the last mention on the page opens a card.
 */
import type { Page } from 'playwright-core';
import { pointAt, sleep } from '../e2e/harness';
import type { BenchBrowser } from './browser';

/** Installed before any page script: long tasks, and when Backstory's card host appears. */
const PROBE = `
  globalThis.__bench = { longTasks: [], cardAt: 0 };
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) __bench.longTasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
`;

export interface PageRun {
  blockingMs: number;
  longTasks: number;
  heapMB: number;
}

/**
 * Load the page once to warm the browser's caches (discarded), then `runs` times: load, leave it
 * alone for `quietMs`, read long tasks and heap. Medians, so one hiccup does not decide.
 */
export async function quietRuns(b: BenchBrowser, url: string, quietMs: number, runs = 3): Promise<PageRun> {
  await quietRun(b, url, 500);
  const all: PageRun[] = [];
  for (let i = 0; i < runs; i++) all.push(await quietRun(b, url, quietMs));
  const mid = <K extends keyof PageRun>(k: K) => all.map((r) => r[k]).sort((x, y) => x - y)[Math.floor(runs / 2)];
  return { blockingMs: mid('blockingMs'), longTasks: mid('longTasks'), heapMB: mid('heapMB') };
}

/** Load the page, leave it alone for `quietMs` after load, then read long tasks and heap. */
export async function quietRun(b: BenchBrowser, url: string, quietMs: number): Promise<PageRun> {
  const page = await b.context.newPage();
  await page.addInitScript({ content: PROBE });
  await page.goto(url, { waitUntil: 'load' });
  await sleep(quietMs);
  const tasks = await page.evaluate(() => (globalThis as unknown as { __bench: { longTasks: [number, number][] } }).__bench.longTasks);
  const heapMB = await heapOf(b, page);
  await page.close();
  return { blockingMs: tasks.reduce((s, [, d]) => s + Math.max(0, d - 50), 0), longTasks: tasks.length, heapMB };
}

export async function heapOf(b: BenchBrowser, page: Page): Promise<number> {
  const s = await b.context.newCDPSession(page);
  await s.send('HeapProfiler.enable');
  for (let i = 0; i < 3; i++) await s.send('HeapProfiler.collectGarbage');
  const h = (await s.send('Runtime.getHeapUsage')) as { usedSize: number };
  await s.detach();
  return h.usedSize / 1024 / 1024;
}

/**
 * Load the page; as soon as it has loaded, rest the pointer on the last mention (nudging it, as a
 * hand does) until a card opens. Dwell must be 0. Returns ms from the load event to the card.
 */
export async function lastMentionRun(b: BenchBrowser, url: string, text: string, nth: number): Promise<{ ms: number }> {
  const page = await b.context.newPage();
  await page.addInitScript({
    content: `${PROBE}
      const tick = () => {
        if (!__bench.cardAt && document.documentElement.querySelector(':scope > backstory-card')) __bench.cardAt = performance.now();
        else if (!__bench.cardAt) setTimeout(tick, 2);
      };
      setTimeout(tick, 2);`,
  });
  await page.goto(url, { waitUntil: 'load' });
  const p = await pointAt(page, text, nth);
  for (let i = 0; ; i++) {
    const at = await page.evaluate(() => {
      const g = globalThis as unknown as { __bench: { cardAt: number } };
      return g.__bench.cardAt ? g.__bench.cardAt - performance.timing.loadEventStart + performance.timing.navigationStart : 0;
    });
    if (at) {
      await page.close();
      return { ms: at };
    }
    if (i > 3000) throw new Error(`no card for the last mention "${text}"`);
    await page.mouse.move(p.x + (i % 2), p.y);
    await sleep(10);
  }
}
