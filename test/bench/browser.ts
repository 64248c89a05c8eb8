/** Chromium for the bench: like the e2e tests' (test/e2e/drivers/chromium-browser.ts), plus a DevTools port for worker-level CDP. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS, EXT } from '../e2e/drivers/chromium-browser';
import { sleep } from '../shared/page-probes';
import { Cdp } from './cdp';

export interface BenchBrowser {
  context: BrowserContext;
  extensionId: string;
  cdp: Cdp;
  close(): Promise<void>;
}

export async function launchBench(withExtension: boolean): Promise<BenchBrowser> {
  if (withExtension && !existsSync(path.join(EXT, 'manifest.json')))
    throw new Error('dist/chrome is missing: run `node scripts/build.mjs --chrome-only` first');
  const profile = mkdtempSync(path.join(tmpdir(), 'backstory-bench-'));
  const args = [
    ...CHROMIUM_FLAGS,
    '--remote-debugging-port=0',
    // Saved real pages point at the live web: fail those requests at once rather than wait on them.
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
  ];
  if (withExtension) args.push(`--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`);
  else args.push('--disable-extensions');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args,
  });
  await context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
  let extensionId = '';
  if (withExtension) {
    let [worker] = context.serviceWorkers();
    worker ??= await context.waitForEvent('serviceworker', { timeout: 20_000 });
    extensionId = new URL(worker.url()).host;
  }
  const cdp = await Cdp.connect(profile);
  const b: BenchBrowser = {
    context,
    extensionId,
    cdp,
    async close() {
      cdp.close();
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
  if (withExtension) await waitForDefaultPack(b);
  return b;
}

async function waitForDefaultPack(b: BenchBrowser): Promise<void> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/src/popup/index.html`);
  for (let i = 0; i < 100; i++) {
    const n = await page.evaluate(async () => {
      const r = (await chrome.runtime.sendMessage({ kind: 'listPacks', payload: {} })) as { ok: boolean; value?: unknown[] };
      return r?.ok ? (r.value?.length ?? 0) : 0;
    });
    if (n >= 1) break;
    await sleep(200);
  }
  await page.close();
}

/** Send one protocol message from an extension page and return the reply. */
export async function message(b: BenchBrowser, kind: string, payload: unknown): Promise<{ ok: boolean; value?: unknown; error?: string }> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/src/popup/index.html`);
  const r = await page.evaluate(([kind, payload]) => chrome.runtime.sendMessage({ kind, payload }), [kind, payload] as const);
  await page.close();
  return r as { ok: boolean; value?: unknown; error?: string };
}

/**
 * Stop the extension's service worker (as Chrome does after 30 s idle) and wait until it is gone.
 * A worker still busy (say, compiling a big pack's index on a loaded machine) may outlast one
 * request, so the request is repeated for up to 30 s.
 */
export async function stopWorker(b: BenchBrowser): Promise<void> {
  const page = b.context.pages()[0] ?? (await b.context.newPage());
  const s = await b.context.newCDPSession(page);
  await s.send('ServiceWorker.enable');
  try {
    for (let attempt = 0; attempt < 6; attempt++) {
      await s.send('ServiceWorker.stopAllWorkers');
      for (let i = 0; i < 100; i++) {
        if (!(await b.cdp.workerRunning(b.extensionId))) return;
        await sleep(50);
      }
    }
  } finally {
    await s.detach();
  }
  throw new Error('the service worker did not stop within 30 s');
}
