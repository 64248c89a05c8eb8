// PackService on fake-indexeddb: the compiled view reloads after an import, a removal and a
// switch-off (and after a worker restart, from the stored snapshot); the built-in pack is
// installed when missing or older, and a failed install keeps the packs and is reported
// (`workerStatus`, shown on the options page) until an install succeeds.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../src/background/handlers';
import { PackService } from '../../src/background/pack-service';
import { freshDatabase, pack } from './worker-fixtures';

vi.mock('../../src/shared/browser', async () => (await import('./fake-browser')).browserModule);

const fresh = freshDatabase('service-test');
const DEFAULT_URL = 'chrome-extension://backstory/packs/default.json';
const content = { kind: 'content', tabId: 1, host: 'news.example' } as const;
const page = { kind: 'extension-page' } as const;

/** The worker's view: what detection and search see now. */
function worker(service: PackService) {
  const h = createHandlers(service);
  return {
    found: async (text: string) => (await h.detect({ text, context: { seen: [], unknown: [] } }, content)).mentions.map((m) => m.entity),
    search: async (q: string) => (await h.search({ query: q }, page)).map((hit) => hit.key),
    status: async () => (await h.workerStatus({}, page)).problem,
  };
}

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});
/** The extension's own files, as the worker's fetch of `packs/default.json` sees them. */
function serveDefault(respond: () => Response | Promise<Response>) {
  const seen: string[] = [];
  globalThis.fetch = (async (input: string | URL | Request) => {
    seen.push(String(input));
    return respond();
  }) as typeof fetch;
  return seen;
}
const json = (doc: object) => new Response(JSON.stringify(doc), { status: 200 });
const TEXT = 'Yesterday Person Number3 met Person Number7 in the hall.';

describe('PackService reloads its compiled view', () => {
  it('after an import: detection and search see the new pack at once', async () => {
    const service = new PackService(fresh.db, () => DEFAULT_URL);
    const w = worker(service);
    expect(await w.found(TEXT)).toEqual([]);
    expect(await w.search('Person Number3')).toEqual([]);
    const r = await service.import(JSON.stringify(pack(10)));
    expect(r.ok).toBe(true);
    expect(await w.found(TEXT)).toEqual(['test-pack:p3', 'test-pack:p7']);
    expect((await w.search('Person Number3'))[0]).toBe('test-pack:p3');
  });

  it('after a streamed import (the options page’s port)', async () => {
    const service = new PackService(fresh.db, () => DEFAULT_URL);
    const w = worker(service);
    expect(await w.found(TEXT)).toEqual([]);
    const text = JSON.stringify(pack(10));
    const session = await service.beginImport(text.length);
    expect(await session.write(text)).toBeNull();
    expect((await session.end()).ok).toBe(true);
    expect(await w.found(TEXT)).toEqual(['test-pack:p3', 'test-pack:p7']);
  });

  it('after a removal and after switching a pack off and on', async () => {
    const service = new PackService(fresh.db, () => DEFAULT_URL);
    const w = worker(service);
    await service.import(JSON.stringify(pack(10)));
    await service.import(JSON.stringify({ ...pack(10, 1, 'other'), title: 'Other' }));
    expect(await w.search('Person Number3')).toEqual(expect.arrayContaining(['test-pack:p3', 'other:p3']));

    await service.setEnabled('other', false);
    expect(await w.search('Person Number3')).not.toContain('other:p3');
    await service.setEnabled('other', true);
    expect(await w.search('Person Number3')).toContain('other:p3');

    const left = await service.remove('test-pack');
    expect(left.map((p) => p.id)).toEqual(['other']);
    const hits = await w.search('Person Number3');
    expect(hits[0]).toBe('other:p3');
    expect(hits.filter((k) => k.startsWith('test-pack:'))).toEqual([]);
    expect(await w.found(TEXT)).toEqual(['other:p3', 'other:p7']);
    // Its card data went with it.
    expect(
      await fresh.db.parts
        .where('generation')
        .notEqual((await fresh.db.packs.get('other'))?.generation ?? '')
        .count(),
    ).toBe(0);
  });

  it('after a worker restart: a new service reads the stored snapshot, and a missing snapshot is rebuilt', async () => {
    await new PackService(fresh.db, () => DEFAULT_URL).import(JSON.stringify(pack(10)));
    expect(await worker(new PackService(fresh.db, () => DEFAULT_URL)).found(TEXT)).toEqual(['test-pack:p3', 'test-pack:p7']);
    await fresh.db.blobs.clear();
    expect(await worker(new PackService(fresh.db, () => DEFAULT_URL)).found(TEXT)).toEqual(['test-pack:p3', 'test-pack:p7']);
    expect(await fresh.db.blobs.count()).toBe(3);
  });

  it('refuses to remove the built-in pack or an unknown one, and changes nothing', async () => {
    const service = new PackService(fresh.db, () => DEFAULT_URL);
    serveDefault(() => json(pack(10, 1, 'builtin')));
    await service.ensureDefaultPack();
    await expect(service.remove('builtin')).rejects.toThrow(/built-in pack cannot be removed/);
    await expect(service.remove('nobody')).rejects.toThrow(/No pack "nobody"/);
    await expect(service.setEnabled('nobody', false)).rejects.toThrow(/No pack "nobody"/);
    expect(await worker(service).found(TEXT)).toEqual(['builtin:p3', 'builtin:p7']);
  });
});

describe('the built-in pack', () => {
  it('is installed when missing, updated when the shipped one is newer, and left alone otherwise', async () => {
    const service = new PackService(fresh.db, () => DEFAULT_URL);
    let shipped = pack(10, 1, 'builtin');
    const seen = serveDefault(() => json(shipped));
    await service.ensureDefaultPack();
    expect(seen).toEqual([DEFAULT_URL]);
    const first = await fresh.db.packs.get('builtin');
    expect(first?.bundled).toBe(true);
    await service.ensureDefaultPack();
    expect((await fresh.db.packs.get('builtin'))?.generation).toBe(first?.generation);
    shipped = pack(12, 2, 'builtin');
    await service.ensureDefaultPack();
    expect((await fresh.db.packs.get('builtin'))?.meta.version).toBe(2);
    expect(await worker(service).search('Person Number11')).toContain('builtin:p11');
    expect(await worker(service).status()).toBeNull();
  });

  it.each([
    ['the file cannot be read', () => Promise.reject(new TypeError('Failed to fetch')), /could not be installed: Failed to fetch/],
    ['the file is missing', () => new Response('gone', { status: 404 }), /HTTP 404/],
    ['the file is not JSON', () => new Response('{"id": "builtin", ', { status: 200 }), /could not be installed: .*JSON/],
    ['the pack is invalid', () => json({ ...pack(3, 9, 'builtin'), entities: 'none' }), /entities: expected an array/],
  ])('a failed install (%s) keeps the packs and is reported until an install succeeds', async (_what, respond, details) => {
    const service = new PackService(fresh.db, () => DEFAULT_URL);
    await service.import(JSON.stringify(pack(10)));
    serveDefault(respond);
    await service.ensureDefaultPack();
    const w = worker(service);
    const problem = await w.status();
    expect(problem?.code).toBe('defaultPack');
    expect(problem?.details).toMatch(details);
    // Nothing was lost: the other pack still works.
    expect(await w.found(TEXT)).toEqual(['test-pack:p3', 'test-pack:p7']);
    expect(await fresh.db.packs.get('builtin')).toBeUndefined();

    serveDefault(() => json(pack(10, 1, 'builtin')));
    await service.ensureDefaultPack();
    expect(await w.status()).toBeNull();
    expect(await w.search('Person Number3')).toEqual(expect.arrayContaining(['builtin:p3', 'test-pack:p3']));
  });

  it('workerStatus waits for an install under way, so a page opened meanwhile still hears of its failure', async () => {
    const service = new PackService(fresh.db, () => DEFAULT_URL);
    let fail!: (e: Error) => void;
    serveDefault(() => new Promise<Response>((_, reject) => (fail = reject)));
    void service.ensureDefaultPack();
    const status = worker(service).status();
    await vi.waitFor(() => expect(fail).toBeTypeOf('function'));
    fail(new Error('disk full'));
    expect((await status)?.details).toMatch(/disk full/);
  });

  it('a database that does not open is reported as such, not as a failed install', async () => {
    const service = new PackService(fresh.db, () => DEFAULT_URL);
    vi.spyOn(fresh.db, 'open').mockRejectedValueOnce(new Error('IndexedDB is off in this profile'));
    serveDefault(() => json(pack(3, 1, 'builtin')));
    await service.ensureDefaultPack();
    const problem = await worker(service).status();
    expect(problem?.code).toBe('database');
    expect(problem?.details).toMatch(/could not be opened: IndexedDB is off/);
  });
});
