/**
 * Storage faults against the real worker (Chromium's service worker, Firefox's event page): a
 * quota too small for an import, a database deleted under a running worker, and a database
 * written by the previous release (Dexie schema v1). Each ends with a clear message and either
 * the old data intact or a clean default pack. Each case has a browser of its own.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ask, type Driver, hover, importFile, openArticle, type Tab, waitForPacks } from '../shared/driver';
import { inEachBrowser } from './browsers';
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

/** Ask the worker from an extension page of its own, closed after. */
async function askOnce<T>(d: Driver, kind: string, payload: unknown = {}): Promise<{ ok: boolean; value?: T; error?: string }> {
  const page = await d.openExtensionPage('src/popup/index.html');
  try {
    return await ask<T>(page, kind, payload);
  } finally {
    await page.close();
  }
}

const packIds = async (d: Driver) => ((await askOnce<{ id: string }[]>(d, 'listPacks')).value ?? []).map((p) => p.id).sort();

/** Import a pack file on the options page; its outcome (the page is closed after). */
async function imported(d: Driver, file: string): Promise<{ status: string; alert: string }> {
  const { tab, status, alert } = await importFile(d, file);
  await tab.close();
  return { status, alert };
}

async function cardFor(d: Driver, url: string, name: string): Promise<string | undefined> {
  const page = await openArticle(d, `${url}/pages/city-news.html`);
  const card = await hover(page, name);
  await page.close();
  return card?.name;
}

/** Delete the extension's IndexedDB from one of its own pages; resolves when the delete went through. */
async function deleteDatabase(page: Tab): Promise<string> {
  return page.eval(
    () =>
      new Promise<string>((done) => {
        const req = indexedDB.deleteDatabase('backstory');
        req.onsuccess = () => done('deleted');
        req.onerror = () => done(`error: ${req.error?.message}`);
        // Still blocked after 5 s: an open connection was never closed (what this reports).
        req.onblocked = () => setTimeout(() => done('blocked'), 5000);
      }),
  );
}

// A real quota cannot be imposed: the extension holds unlimitedStorage, and Chromium does not
// enforce Storage.overrideQuotaForOrigin for it (tried: the override is reported, writes of 5 MB
// still succeed). So the fault is injected into the running worker: IndexedDB puts of the new
// pack's staged rows fail the way the browser fails them, with a QuotaExceededError.
inEachBrowser('storage faults: quota', (env) => {
  it('quota exceeded during an import: a clear message, and every installed pack still works', async () => {
    const before = await packIds(env.d);
    await env.d.inBackground((g) => {
      const w = g as unknown as typeof globalThis & { __realPut?: typeof IDBObjectStore.prototype.put };
      const realPut = w.IDBObjectStore.prototype.put;
      w.__realPut = realPut;
      w.IDBObjectStore.prototype.put = function (value: unknown, key?: IDBValidKey) {
        const generation = (value as { generation?: unknown })?.generation;
        if (typeof generation === 'string' && generation.startsWith('stage-')) throw new w.DOMException('Quota exceeded.', 'QuotaExceededError');
        return realPut.call(this, value, key);
      };
    }, null);

    const failed = await imported(env.d, writePackFile(bigPack(), 'big.json'));
    assert.match(failed.alert, /out of storage space \(quota exceeded\)/, `${failed.alert} ${failed.status}`);
    assert.match(failed.alert, /nothing was changed/);
    assert.deepEqual(await packIds(env.d), before, 'no half-imported pack');
    assert.equal(await cardFor(env.d, env.url, 'Torkham'), 'Torkham', 'the default pack still works');

    // With room again, the same file imports: the failure left nothing behind that blocks it.
    await env.d.inBackground((g) => {
      const w = g as unknown as typeof globalThis & { __realPut: typeof IDBObjectStore.prototype.put };
      w.IDBObjectStore.prototype.put = w.__realPut;
    }, null);
    const ok = await imported(env.d, writePackFile(bigPack(), 'big.json'));
    assert.match(ok.status, /Installed Big test pack/, ok.alert);
  });
});

inEachBrowser('storage faults: a deleted database', (env) => {
  it('a deleted database: the worker reinstalls the default pack and cards work again', async () => {
    assert.match((await imported(env.d, writePackFile(cityPack(1), 'cities.json'))).status, /Installed/);
    const page = await env.d.openExtensionPage('src/options/index.html');
    assert.equal(await deleteDatabase(page), 'deleted');

    // The running worker notices (versionchange) and repairs; at the latest, on its next wake.
    await env.d.stopWorker();
    await waitForPacks(page);
    assert.deepEqual(await packIds(env.d), ['pak-afghan-security'], 'a clean default pack, nothing else');
    assert.equal(await cardFor(env.d, env.url, 'Torkham'), 'Torkham');
    assert.equal(await cardFor(env.d, env.url, 'Lahore'), undefined, 'the imported pack is gone with the database');
    await page.close();
  });
});

inEachBrowser('storage faults: an old database', (env) => {
  it('a database from the previous release (schema v1) keeps its packs and settings', async () => {
    // Session 1: real data, rewritten as the previous release stored it (Dexie version 1 = IndexedDB version 10).
    assert.match((await imported(env.d, writePackFile(cityPack(1), 'cities.json'))).status, /Installed/);
    assert.equal((await askOnce(env.d, 'setSettings', { dwellMs: 450, pausedSites: ['paused.example'] })).ok, true);
    // Rewritten from a script-less document of the extension's origin (its icon), with the worker
    // stopped (the options page would wake it, and it repairs a deleted database at once).
    await env.d.stopWorker();
    const page = await env.d.openExtensionPage('icons/icon-16.png');
    const written = await page.eval(async () => {
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
      const deleted = new Promise((ok) => {
        const req = indexedDB.deleteDatabase('backstory');
        req.onsuccess = ok;
        req.onblocked = () => setTimeout(ok, 3000);
      });
      // Requested in the same task as the delete: IndexedDB serves a database's open and delete
      // requests in order, so no other opener (a worker woken meanwhile; CI saw one create the
      // current version in the gap once) gets in between. A later opener waits for this write.
      const reopened = open(10, (db) => {
        for (const [name, spec] of Object.entries(V1)) {
          const store = db.createObjectStore(name, { keyPath: spec[0] as string | string[] });
          if (spec[1]) store.createIndex(spec[1], spec[1]);
        }
      });
      await deleted;
      const old = await reopened;
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

    // Session 2: the current code opens the old database.
    await env.d.restart();
    const probe = await env.d.openExtensionPage('src/options/index.html');
    await waitForPacks(probe, 2);
    assert.deepEqual(await packIds(env.d), ['city-test', 'pak-afghan-security']);
    const settings = await askOnce<{ dwellMs: number; pausedSites: string[] }>(env.d, 'getSettings');
    assert.equal(settings.value?.dwellMs, 450);
    assert.deepEqual(settings.value?.pausedSites, ['paused.example']);
    assert.equal(await cardFor(env.d, env.url, 'Lahore'), 'Lahore');
    assert.equal(await cardFor(env.d, env.url, 'Torkham'), 'Torkham');
    const version = await probe.eval(
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
  });
});
