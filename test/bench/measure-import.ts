/**
 * Import of the big pack through the options page, against the naive floor measured in the same
 * extension origin: fetch + JSON.parse + one IndexedDB transaction putting every item as a record.
 */
import { sleep } from '../shared/page-probes';
import { type BenchBrowser, stopWorker } from './browser';

export async function importFloor(b: BenchBrowser, url: string): Promise<{ ms: number; records: number }> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/src/options/index.html`);
  const r = await page.evaluate(async (url) => {
    const t0 = performance.now();
    const text = await (await fetch(url)).text();
    const pack = JSON.parse(text) as { entities: unknown[]; statements?: unknown[]; events?: unknown[] };
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const req = indexedDB.open('bench-floor', 1);
      req.onupgradeneeded = () => {
        for (const s of ['entities', 'statements', 'events']) req.result.createObjectStore(s, { keyPath: 'id' });
      };
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    const tx = db.transaction(['entities', 'statements', 'events'], 'readwrite');
    let records = 0;
    for (const [store, list] of [
      ['entities', pack.entities],
      ['statements', pack.statements ?? []],
      ['events', pack.events ?? []],
    ] as const) {
      const os = tx.objectStore(store);
      for (const item of list) {
        os.put(item);
        records++;
      }
    }
    await new Promise<void>((ok, fail) => {
      tx.oncomplete = () => ok();
      tx.onerror = () => fail(tx.error);
    });
    const ms = performance.now() - t0;
    db.close();
    await new Promise((ok) => {
      const del = indexedDB.deleteDatabase('bench-floor');
      del.onsuccess = del.onerror = del.onblocked = ok;
    });
    return { ms, records };
  }, url);
  await page.close();
  return r;
}

export interface UiImport {
  ms: number;
  peakWorkerHeapMB: number;
  /** The import step shown on the options page when the peak was sampled. */
  peakPhase: string;
  /** The worker's heap at the first sample, before the file arrives (the baseline). */
  startWorkerHeapMB: number;
  progressSeen: string[];
  status: string;
}

export async function importThroughUi(b: BenchBrowser, file: string): Promise<UiImport> {
  // Start from a fresh worker, as after a browser restart.
  await stopWorker(b);
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/src/options/index.html`);
  let peak = 0;
  let start = -1;
  let phase = 'reading';
  let peakPhase = phase;
  let polling = true;
  let session: string | null = null;
  const poll = (async () => {
    while (polling) {
      try {
        session ??= await b.cdp.workerSession(b.extensionId);
        if (session) {
          const h = await b.cdp.send<{ usedSize: number }>('Runtime.getHeapUsage', {}, session);
          if (start < 0) start = h.usedSize;
          if (h.usedSize > peak) {
            peak = h.usedSize;
            peakPhase = phase;
          }
        }
      } catch {
        session = null;
      }
      await sleep(100);
    }
  })();
  // The baseline sample: the options page has woken the worker; no file yet.
  for (let i = 0; i < 100 && start < 0; i++) await sleep(50);
  const progressSeen = new Set<string>();
  const t0 = Date.now();
  await page.getByLabel('Import a pack file').setInputFiles(file);
  let status = '';
  for (;;) {
    const s = await page.evaluate(() => ({
      status: document.querySelector('[role="status"]')?.textContent ?? '',
      alert: document.querySelector('[role="alert"]')?.textContent ?? '',
      phase: document.getElementById('import-phase')?.textContent ?? '',
    }));
    if (s.phase) {
      phase = s.phase.replace(/[\d,.]+/g, '#');
      progressSeen.add(phase);
    }
    if (/Installed|Updated/.test(s.status)) {
      status = s.status;
      break;
    }
    if (s.alert.trim()) throw new Error(`import failed: ${s.alert}`);
    if (Date.now() - t0 > 600_000) throw new Error('import took more than 10 minutes');
    await sleep(20);
  }
  const ms = Date.now() - t0;
  polling = false;
  await poll;
  await page.close();
  return { ms, peakWorkerHeapMB: peak / 1024 / 1024, peakPhase, startWorkerHeapMB: Math.max(0, start) / 1024 / 1024, progressSeen: [...progressSeen], status };
}
