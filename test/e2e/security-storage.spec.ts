/**
 * Storage faults against the real worker: a quota too small for an import, a database deleted
 * under a running worker, and a database written by the previous release (Dexie schema v1).
 * Each ends with a clear message and either the old data intact or a clean default pack.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type Browser, extensionPage, hover, launch, openArticle, type Server, serve, waitForPacks } from './harness';
import { cityPack, writePackFile } from './pack-fixtures';

/** A pack big enough (several MB) not to fit in a small quota. */
function bigPack() {
  const filler = 'A long summary sentence that only takes up room in the database. '.repeat(60);
  const entities = Array.from({ length: 2500 }, (_, i) => ({
    id: `big-${i}`,
    type: 'other',
    name: `Bulky Entry ${i}`,
    summary: filler.slice(0, 3900),
    sources: [{ url: `https://example.org/big/${i}` }],
  }));
  return { format: 'backstory-pack', formatVersion: 1, id: 'big-test', version: 1, title: 'Big test pack', entities };
}

async function importFile(b: Browser, file: string): Promise<{ status: string; alert: string }> {
  const page = await b.context.newPage();
  await page.goto(extensionPage(b, 'options'));
  await page.getByLabel('Import a pack file').setInputFiles(file);
  await page.waitForFunction(
    () =>
      /Installed|Updated/.test(document.querySelector('[role="status"]')?.textContent ?? '') ||
      (document.querySelector('[role="alert"]')?.textContent ?? '').trim() !== '',
    undefined,
    { timeout: 60_000 },
  );
  const status = (await page.locator('[role="status"]').allTextContents()).join(' ');
  const alert = (await page.locator('[role="alert"]').allTextContents()).join(' ');
  await page.close();
  return { status, alert };
}

async function ask<T>(b: Browser, kind: string, payload: unknown = {}): Promise<{ ok: boolean; value?: T; error?: string }> {
  const page = await b.context.newPage();
  await page.goto(extensionPage(b, 'popup'));
  const r = await page.evaluate(([kind, payload]) => chrome.runtime.sendMessage({ kind, payload }), [kind, payload] as const);
  await page.close();
  return r as { ok: boolean; value?: T; error?: string };
}

const packIds = async (b: Browser) => ((await ask<{ id: string }[]>(b, 'listPacks')).value ?? []).map((p) => p.id).sort();

async function cardFor(b: Browser, srv: Server, name: string): Promise<string | undefined> {
  const { page, cdp } = await openArticle(b, `${srv.url}/pages/city-news.html`);
  const card = await hover(page, cdp, name);
  await page.close();
  return card?.name;
}

/** Delete the extension's IndexedDB from one of its own pages; resolves when the delete went through. */
async function deleteDatabase(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((done) => {
        const req = indexedDB.deleteDatabase('backstory');
        req.onsuccess = () => done('deleted');
        req.onerror = () => done(`error: ${req.error?.message}`);
        req.onblocked = () => setTimeout(() => done('blocked'), 5000);
      }),
  );
}

describe('storage faults', () => {
  let srv: Server;
  before(async () => {
    srv = await serve();
  });
  after(() => srv?.close());

  // A real quota cannot be imposed: the extension holds unlimitedStorage, and Chromium does not
  // enforce Storage.overrideQuotaForOrigin for it (tried: the override is reported, writes of 5 MB
  // still succeed). So the fault is injected into the running worker through DevTools: IndexedDB
  // puts of the new pack's staged rows fail the way the browser fails them, with a QuotaExceededError.
  it('quota exceeded during an import: a clear message, and every installed pack still works', async () => {
    const b = await launch();
    try {
      const worker = b.context.serviceWorkers()[0];
      const before = await packIds(b);
      await worker.evaluate(() => {
        const g = globalThis as unknown as { __realPut?: typeof IDBObjectStore.prototype.put };
        g.__realPut = IDBObjectStore.prototype.put;
        IDBObjectStore.prototype.put = function (value: unknown, key?: IDBValidKey) {
          const generation = (value as { generation?: unknown })?.generation;
          if (typeof generation === 'string' && generation.startsWith('stage-')) throw new DOMException('Quota exceeded.', 'QuotaExceededError');
          return (g.__realPut as typeof IDBObjectStore.prototype.put).call(this, value, key);
        };
      });

      const failed = await importFile(b, writePackFile(bigPack(), 'big.json'));
      assert.match(failed.alert, /out of storage space \(quota exceeded\)/, `${failed.alert} ${failed.status}`);
      assert.match(failed.alert, /nothing was changed/);
      assert.deepEqual(await packIds(b), before, 'no half-imported pack');
      assert.equal(await cardFor(b, srv, 'Torkham'), 'Torkham', 'the default pack still works');

      // With room again, the same file imports: the failure left nothing behind that blocks it.
      await worker.evaluate(() => {
        const g = globalThis as unknown as { __realPut: typeof IDBObjectStore.prototype.put };
        IDBObjectStore.prototype.put = g.__realPut;
      });
      const ok = await importFile(b, writePackFile(bigPack(), 'big.json'));
      assert.match(ok.status, /Installed Big test pack/, ok.alert);
    } finally {
      await b.close();
    }
  });

  it('a deleted database: the worker reinstalls the default pack and cards work again', async () => {
    const b = await launch();
    try {
      assert.match((await importFile(b, writePackFile(cityPack(1), 'cities.json'))).status, /Installed/);
      const page = await b.context.newPage();
      await page.goto(extensionPage(b, 'options'));
      assert.equal(await deleteDatabase(page), 'deleted');

      // The running worker notices (versionchange) and repairs; at the latest, on its next wake.
      const cdp = await b.context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await waitForPacks(b);
      assert.deepEqual(await packIds(b), ['pak-afghan-security'], 'a clean default pack, nothing else');
      assert.equal(await cardFor(b, srv, 'Torkham'), 'Torkham');
      assert.equal(await cardFor(b, srv, 'Lahore'), undefined, 'the imported pack is gone with the database');
      await page.close();
    } finally {
      await b.close();
    }
  });

  it('a database from the previous release (schema v1) keeps its packs and settings', async () => {
    const profile = mkdtempSync(path.join(tmpdir(), 'backstory-migrate-'));
    try {
      // Session 1: real data, rewritten as the previous release stored it (Dexie version 1 = IndexedDB version 10).
      let b = await launch({ profile });
      try {
        assert.match((await importFile(b, writePackFile(cityPack(1), 'cities.json'))).status, /Installed/);
        assert.equal((await ask(b, 'setSettings', { dwellMs: 450, pausedSites: ['paused.example'] })).ok, true);
        // Rewritten from a script-less document of the extension's origin (its manifest), with the
        // worker stopped: nothing reopens the database between the delete and the old version's write
        // (the options page would wake the worker, which repairs a deleted database at once).
        const page = await b.context.newPage();
        await page.goto(`chrome-extension://${b.extensionId}/manifest.json`);
        const cdp = await b.context.newCDPSession(page);
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
        await cdp.detach();
        const written = await page.evaluate(async () => {
          const V1 = { packs: ['id'], buckets: [['generation', 'n'], 'generation'], names: ['generation'], blobs: ['key'], kv: ['key'] } as const;
          const open = (version?: number, upgrade?: (db: IDBDatabase) => void) =>
            new Promise<IDBDatabase>((ok, fail) => {
              const req = version ? indexedDB.open('backstory', version) : indexedDB.open('backstory');
              req.onupgradeneeded = () => upgrade?.(req.result);
              req.onsuccess = () => ok(req.result);
              req.onerror = () => fail(req.error);
            });
          const current = await open();
          const read = (store: string) =>
            new Promise<unknown[]>((ok) => {
              const req = current.transaction(store).objectStore(store).getAll();
              req.onsuccess = () => ok(req.result);
            });
          const data: Record<string, unknown[]> = {};
          for (const store of Object.keys(V1)) if (store !== 'buckets') data[store] = await read(store);
          // Card data as the previous release stored it: one record per bucket, entity by entity.
          type Part = {
            generation: string;
            n: number;
            entities: { id: string }[];
            statements: { entity: string }[];
            events: { entities: string[] }[];
            names?: [string, string][];
          };
          const buckets = new Map<string, { generation: string; n: number; parts: Part[] }>();
          for (const p of (await read('parts')) as Part[]) {
            const k = `${p.generation}|${p.n}`;
            if (!buckets.has(k)) buckets.set(k, { generation: p.generation, n: p.n, parts: [] });
            buckets.get(k)?.parts.push(p);
          }
          data.buckets = [...buckets.values()].map(({ generation, n, parts }) => {
            const names = Object.fromEntries(parts.flatMap((p) => p.names ?? []));
            const statements = parts.flatMap((p) => p.statements);
            const events = parts.flatMap((p) => p.events);
            return {
              generation,
              n,
              bundles: parts
                .flatMap((p) => p.entities)
                .map((entity) => ({
                  entity,
                  statements: statements.filter((s) => s.entity === entity.id),
                  events: events.filter((ev) => ev.entities.includes(entity.id)),
                  names,
                })),
            };
          });
          current.close();
          await new Promise((ok) => {
            const req = indexedDB.deleteDatabase('backstory');
            req.onsuccess = ok;
            req.onblocked = () => setTimeout(ok, 3000);
          });
          const old = await open(10, (db) => {
            for (const [name, spec] of Object.entries(V1)) {
              const store = db.createObjectStore(name, { keyPath: spec[0] as string | string[] });
              if (spec[1]) store.createIndex(spec[1], spec[1]);
            }
          });
          const tx = old.transaction(Object.keys(V1), 'readwrite');
          for (const [store, rows] of Object.entries(data)) for (const row of rows) tx.objectStore(store).put(row);
          await new Promise((ok) => {
            tx.oncomplete = ok;
          });
          const version = old.version;
          old.close();
          return { version, packs: (data.packs as { id: string }[]).map((p) => p.id).sort() };
        });
        assert.deepEqual(written, { version: 10, packs: ['city-test', 'pak-afghan-security'] });
        await page.close();
      } finally {
        // A failed step must not leave this browser running (the spec would never end).
        await b.close();
      }

      // Session 2: the current code opens the old database.
      b = await launch({ profile });
      try {
        await waitForPacks(b, 2);
        assert.deepEqual(await packIds(b), ['city-test', 'pak-afghan-security']);
        const settings = await ask<{ dwellMs: number; pausedSites: string[] }>(b, 'getSettings');
        assert.equal(settings.value?.dwellMs, 450);
        assert.deepEqual(settings.value?.pausedSites, ['paused.example']);
        assert.equal(await cardFor(b, srv, 'Lahore'), 'Lahore');
        assert.equal(await cardFor(b, srv, 'Torkham'), 'Torkham');
        const probe = await b.context.newPage();
        await probe.goto(extensionPage(b, 'options'));
        const version = await probe.evaluate(
          () =>
            new Promise<number>((ok) => {
              const req = indexedDB.open('backstory');
              req.onsuccess = () => {
                ok(req.result.version);
                req.result.close();
              };
            }),
        );
        assert.ok(version > 10, `the database was upgraded (IndexedDB version ${version})`);
        await probe.close();
      } finally {
        await b.close();
      }
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
