/**
 * The long article with and without Backstory: main-thread long tasks (PerformanceObserver in the
 * page; the content script's isolated world runs on the same thread, so its tasks count), the
 * renderer's JS heap after a forced GC (CDP, one isolate for page and content script), and the
 * time from the load event until the last mention on the page opens a card.
 */
import type { Page } from 'playwright-core';
import { pointAt } from '../e2e/drivers/chromium-browser';
import { sleep } from '../shared/page-probes';
import type { BenchBrowser } from './browser';
import { watchCard } from './card-watch';
import { startTrace, type TaskShare, taskShares } from './task-trace';

/** Installed before any page script: long tasks and layout shifts. */
const PROBE = `
  globalThis.__bench = { longTasks: [], cls: 0, shifts: [] };
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) __bench.longTasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) {
      __bench.cls += e.value;
      // What moved, for the results file: a shift is the page's own unless it names Backstory's layer.
      for (const s of e.sources ?? []) __bench.shifts.push([Math.round(e.startTime), e.value, s.node ? (s.node.nodeName + (s.node.id ? '#' + s.node.id : '') + (typeof s.node.className === 'string' && s.node.className ? '.' + s.node.className.split(' ')[0] : '')) : '?', JSON.stringify(s.previousRect), JSON.stringify(s.currentRect)]);
    } })
      .observe({ type: 'layout-shift', buffered: true });
  } catch {}
`;

export interface PageRun {
  blockingMs: number;
  longTasks: number;
  /** The longest main-thread task (0 when none passed 50 ms). */
  maxTaskMs: number;
  /** Cumulative layout shift score (layout-shift entries without recent input), and what moved. */
  cls: number;
  shifts?: unknown[];
  /** Renderer JS heap (page and content script share the isolate), and the DOM (Blink) heap beside it. */
  heapMB: number;
  domMB: number;
  /** With `trace`: the extension's share of main-thread tasks (worst of the runs). */
  trace?: TaskShare;
}

/**
 * Load the page once to warm the browser's caches (discarded), then `runs` times: load, leave it
 * alone for `quietMs`, read long tasks and heap. Medians, so one hiccup does not decide.
 */
export async function quietRuns(b: BenchBrowser, url: string, quietMs: number, runs = 3, trace = false): Promise<PageRun> {
  await quietRun(b, url, 500);
  const all: PageRun[] = [];
  for (let i = 0; i < runs; i++) all.push(await quietRun(b, url, quietMs, trace));
  type Num = Exclude<keyof PageRun, 'trace' | 'shifts'>;
  const mid = (k: Num) => all.map((r) => r[k]).sort((x, y) => x - y)[Math.floor(runs / 2)];
  const max = (k: Num) => Math.max(...all.map((r) => r[k]));
  const run: PageRun = {
    blockingMs: mid('blockingMs'),
    longTasks: mid('longTasks'),
    maxTaskMs: max('maxTaskMs'),
    cls: max('cls'),
    heapMB: mid('heapMB'),
    domMB: mid('domMB'),
  };
  if (trace) run.trace = worstShare(all.map((r) => r.trace as TaskShare));
  run.shifts = all.flatMap((r) => r.shifts ?? []);
  return run;
}

/** The worst of several traced runs (the most attributable long tasks, the largest shares), and the median blocking. */
function worstShare(shares: TaskShare[]): TaskShare {
  const by = <K extends Exclude<keyof TaskShare, 'maxExtensionWhere'>>(k: K) => shares.reduce((w, s) => (s[k] > w[k] ? s : w));
  return {
    ...by('maxExtensionInTaskMs'),
    attributableLongTasks: by('attributableLongTasks').attributableLongTasks,
    extensionMs: by('extensionMs').extensionMs,
    blockingMs: [...shares].sort((x, y) => x.blockingMs - y.blockingMs)[Math.floor(shares.length / 2)].blockingMs,
    extensionBlockingMs: by('extensionBlockingMs').extensionBlockingMs,
  };
}

/** Load the page, leave it alone for `quietMs` after load, then read long tasks and heap. */
export async function quietRun(b: BenchBrowser, url: string, quietMs: number, trace = false): Promise<PageRun> {
  const page = await b.context.newPage();
  await page.addInitScript({ content: PROBE });
  const session = trace ? await b.context.newCDPSession(page) : null;
  const tracing = session ? await startTrace(session) : null;
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  await sleep(quietMs);
  await scrollThrough(page);
  const probe = await page.evaluate(() => (globalThis as unknown as { __bench: { longTasks: [number, number][]; cls: number; shifts: unknown[] } }).__bench);
  const tasks = probe.longTasks;
  const share = tracing ? taskShares(await tracing.stop(), url) : undefined;
  await session?.detach();
  const heap = await heapOf(b, page);
  await page.close();
  return {
    trace: share,
    domMB: heap.domMB,
    heapMB: heap.jsMB,
    blockingMs: tasks.reduce((s, [, d]) => s + Math.max(0, d - 50), 0),
    longTasks: tasks.length,
    maxTaskMs: tasks.reduce((m, [, d]) => Math.max(m, d), 0),
    cls: probe.cls,
    shifts: probe.shifts,
  };
}

/** Scroll through the whole page, so marks are drawn (and any shift they cause is seen) everywhere. */
export async function scrollThrough(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const step = innerHeight * 0.8;
    for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
      scrollTo(0, y);
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    }
    scrollTo(0, 0);
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)));
  });
}

export async function heapOf(b: BenchBrowser, page: Page): Promise<{ jsMB: number; domMB: number }> {
  const s = await b.context.newCDPSession(page);
  await s.send('HeapProfiler.enable');
  for (let i = 0; i < 3; i++) await s.send('HeapProfiler.collectGarbage');
  const h = (await s.send('Runtime.getHeapUsage')) as { usedSize: number; embedderHeapUsedSize?: number };
  await s.detach();
  return { jsMB: h.usedSize / 1024 / 1024, domMB: (h.embedderHeapUsedSize ?? 0) / 1024 / 1024 };
}

/**
 * Load the page; as soon as it has loaded, rest the pointer on the last mention (nudging it, as a
 * hand does) until a card opens. Dwell must be 0. Returns ms from the load event to the card.
 */
export async function lastMentionRun(b: BenchBrowser, url: string, text: string, nth: number): Promise<{ ms: number }> {
  const page = await b.context.newPage();
  await page.addInitScript({ content: PROBE });
  await page.goto(url, { waitUntil: 'load' });
  const loadAt = (await page.evaluate(() => performance.timing.loadEventStart - performance.timing.navigationStart)) as number;
  // The card is watched from the content script's world (the page cannot see it): ready once it runs.
  const watch = await watchCard(page);
  await watch.arm();
  const p = await pointAt(page, text, nth);
  for (let i = 0; ; i++) {
    const cardAt = await watch.openedAt();
    if (cardAt) {
      await watch.detach();
      await page.close();
      return { ms: cardAt - loadAt };
    }
    if (i > 3000) throw new Error(`no card for the last mention "${text}"`);
    await page.mouse.move(p.x + (i % 2), p.y);
    await sleep(10);
  }
}
