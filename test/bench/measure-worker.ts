/**
 * From a stopped worker to a ready matcher: the round trip of a one-word `detect` message sent
 * from an extension page right after the worker was stopped (it wakes, opens the database, loads
 * the compiled snapshot), against the round trip of `getSettings` (wake + database, no matcher).
 */
import type { BenchBrowser } from './browser';
import { stopWorker } from './browser';
import { median } from './stats';

async function coldRoundTrip(b: BenchBrowser, kind: string, payload: unknown): Promise<number> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/src/options/index.html`);
  await page.waitForLoadState('load');
  await new Promise((r) => setTimeout(r, 500));
  await stopWorker(b);
  const ms = await page.evaluate(
    async ([kind, payload]) => {
      const t0 = performance.now();
      const r = (await chrome.runtime.sendMessage({ kind, payload })) as { ok: boolean; error?: string };
      if (!r?.ok) throw new Error(r?.error ?? 'no reply');
      return performance.now() - t0;
    },
    [kind, payload] as const,
  );
  await page.close();
  return ms;
}

export async function coldStart(b: BenchBrowser, runs = 5): Promise<{ detectMs: number; wakeMs: number }> {
  const detect: number[] = [];
  const wake: number[] = [];
  for (let i = 0; i < runs; i++) {
    wake.push(await coldRoundTrip(b, 'getSettings', {}));
    detect.push(await coldRoundTrip(b, 'detect', { text: 'Nobody here', context: { seen: [], unknown: [] } }));
  }
  return { detectMs: median(detect), wakeMs: median(wake) };
}
