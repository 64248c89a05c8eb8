// The worker's staged import on fake-indexeddb: streaming, batching into bucket parts, the
// switch, refusals that change nothing, a killed import's staging, and the v2 → v3 migration.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { assembleCard } from '../../src/background/card-assembler';
import { BackstoryDatabase } from '../../src/background/database';
import { importPackBytes, importPackData, importPackText, streamImport, sweepOrphans } from '../../src/background/pack-importer';
import { PackService } from '../../src/background/pack-service';
import { freshDatabase, pack, src } from './worker-fixtures';

const fresh = freshDatabase('import-test');

async function card(entity: string, packId = 'test-pack') {
  return assembleCard(fresh.db, {}, `${packId}:${entity}`);
}

async function stagedParts(): Promise<number> {
  const live = new Set((await fresh.db.packs.toArray()).map((p) => p.generation));
  return (await fresh.db.parts.toArray()).filter((p) => !live.has(p.generation)).length;
}

describe('streaming import', () => {
  it('imports a pack fed in tiny slices, in many batch parts, and every card is whole', async () => {
    const doc = pack(300);
    const text = JSON.stringify(doc);
    const session = streamImport(fresh.db, text.length, { batchItems: 50 });
    for (let i = 0; i < text.length; i += 997) expect(await session.write(text.slice(i, i + 997))).toBeNull();
    const r = await session.end();
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.record.counts).toEqual({ entities: 300, statements: 300, events: 299 });
    // Batches of 50 items over 899 items: the bucket data is spread over many parts.
    const parts = await fresh.db.parts.where('generation').equals(r.value.record.generation).toArray();
    expect(Math.max(...parts.map((p) => p.part))).toBeGreaterThan(10);
    for (const i of [0, 1, 150, 299]) {
      const c = await card(`p${i}`);
      expect(c?.name).toBe(`Person Number${i}`);
      expect(c?.statements.map((s) => s.text)).toEqual([`Words of ${i}`]);
      const expected = [i > 0 ? `Meeting ${i - 1}` : null, i < 299 ? `Meeting ${i}` : null].filter(Boolean);
      expect(c?.events.map((e) => e.title).sort()).toEqual(expected.sort());
      // Names of the people met come from the bucket's names part.
      const met = c?.events.flatMap((e) => e.with) ?? [];
      if (i > 0) expect(met).toContain(`Person Number${i - 1}`);
    }
    expect(await stagedParts()).toBe(0);
  });

  it('exports what it imported', async () => {
    const doc = pack(40);
    expect((await importPackText(fresh.db, JSON.stringify(doc))).ok).toBe(true);
    const service = new PackService(fresh.db, () => '');
    const out = await service.exportPack('test-pack');
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const back = JSON.parse(out.value.json);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    for (const k of ['entities', 'statements', 'events'] as const) expect([...back[k]].sort(byId)).toEqual([...doc[k]].sort(byId));
  });

  it('imports UTF-8 bytes (a verified sync payload) slice by slice, characters split across slices intact', async () => {
    const doc = pack(20);
    for (const e of doc.entities) e.name = `Pāshā Ñūmber ${e.id} 😀`;
    const bytes = new TextEncoder().encode(JSON.stringify(doc));
    // 7-byte slices: two- and four-byte characters fall across slice boundaries many times.
    const r = await importPackBytes(fresh.db, bytes, { expect: { id: 'test-pack', version: 1 }, batchItems: 9 }, 7);
    expect(r.ok, r.ok ? '' : r.error).toBe(true);
    for (const i of [0, 7, 19]) expect((await card(`p${i}`))?.name).toBe(`Pāshā Ñūmber p${i} 😀`);
    expect((await card('p3'))?.statements[0]?.text).toBe('Words of 3');
  });

  it('refuses bytes that are another pack than expected, or not UTF-8, and keeps nothing', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify(pack(5, 2)));
    const other = await importPackBytes(fresh.db, bytes, { expect: { id: 'test-pack', version: 3 } });
    expect(other.ok ? '' : other.error).toMatch(/test-pack v2, but the signed index promised test-pack v3/);
    const broken = await importPackBytes(fresh.db, Uint8Array.from([...bytes.subarray(0, 30), 0xff, ...bytes.subarray(30)]));
    expect(broken.ok ? '' : broken.error).toMatch(/not UTF-8/);
    expect(await fresh.db.packs.count()).toBe(0);
    expect(await fresh.db.parts.count()).toBe(0);
  });

  it("records each entity's relations once, in event order, also for an entity related to many", async () => {
    const doc = pack(50);
    // p0 meets everyone, twice over, in reverse order: more than 32 relations takes the Set path.
    for (let k = 0; k < 2; k++)
      for (let i = 49; i >= 1; i--) doc.events.push({ id: `hub${k}-${i}`, date: '2024-07-01', title: 'Hub', entities: ['p0', `p${i}`, 'p0'], source: src(i) });
    const r = await importPackText(fresh.db, JSON.stringify(doc));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const rec = await fresh.db.names.get(r.value.record.generation);
    const related = new Map(rec?.names.map((n) => [n.id, n.related]));
    // The chain's meeting first (p1), then the hub's, from p49 down; each once.
    expect(related.get('p0')).toEqual(['p1', ...Array.from({ length: 48 }, (_, i) => `p${49 - i}`)]);
    expect(related.get('p7')).toEqual(['p6', 'p8', 'p0']);
  });

  it('imports an already parsed pack (a sync payload) the same way', async () => {
    const r = await importPackData(fresh.db, pack(20), { batchItems: 7 });
    expect(r.ok).toBe(true);
    expect((await card('p3'))?.statements[0]?.text).toBe('Words of 3');
  });
});

describe('bad input changes nothing and says why', () => {
  const installed = async () => {
    expect((await importPackText(fresh.db, JSON.stringify(pack(5)))).ok).toBe(true);
    return (await fresh.db.packs.get('test-pack'))?.generation;
  };

  it.each([
    ['a truncated file', (t: string) => t.slice(0, Math.floor(t.length * 0.6)), /not a Backstory pack: not valid JSON/],
    ['not JSON at all', () => 'hello, world', /not a Backstory pack: not valid JSON/],
    ['an empty file', () => '   ', /not a Backstory pack: .*empty/],
    ['a wrong type deep inside', (t: string) => t.replace('"type":"person"', '"type":"wizard"'), /entities\[0\]\.type: expected one of/],
    ['a dangling reference', (t: string) => t.replace('"entity":"p3"', '"entity":"nobody"'), /statements\[3\]\.entity: unknown entity "nobody"/],
    ['a duplicate id', (t: string) => t.replace('"id":"p4"', '"id":"p3"'), /entities\[4\]\.id: duplicate entity id "p3"/],
    ['entities that are not a list', () => JSON.stringify({ ...pack(1, 2), entities: { p0: {} } }), /entities: expected an array/],
    ['no entities at all', () => JSON.stringify({ ...pack(1, 2), entities: undefined }), /entities: required field is missing/],
    ['a missing title', () => JSON.stringify({ ...pack(2, 2), title: undefined }), /title: required field is missing/],
  ])('%s', async (_what, mutate, message) => {
    const before = await installed();
    const text = mutate(JSON.stringify(pack(6, 2)));
    const r = await importPackText(fresh.db, text, { batchItems: 2 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
    expect((await fresh.db.packs.get('test-pack'))?.generation).toBe(before);
    expect((await card('p1'))?.statements[0]?.text).toBe('Words of 1');
    expect(await stagedParts()).toBe(0);
    expect(await fresh.db.names.count()).toBe(1);
  });

  it('refuses an older version and keeps the installed one', async () => {
    expect((await importPackText(fresh.db, JSON.stringify(pack(5, 3)))).ok).toBe(true);
    const r = await importPackText(fresh.db, JSON.stringify(pack(8, 2)));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/version 2 is older than the installed version 3/);
    expect((await fresh.db.packs.get('test-pack'))?.counts.entities).toBe(5);
    expect(await stagedParts()).toBe(0);
  });

  it('a worker killed mid-import leaves staging that the next start sweeps, and the old pack intact', async () => {
    const before = await installed();
    const text = JSON.stringify(pack(200, 2));
    const session = streamImport(fresh.db, text.length, { batchItems: 20 });
    await session.write(text.slice(0, Math.floor(text.length / 2)));
    // The worker dies here: no end(), no discard().
    expect(await stagedParts()).toBeGreaterThan(0);
    expect(await sweepOrphans(fresh.db)).toBe(1);
    expect(await stagedParts()).toBe(0);
    expect((await fresh.db.packs.get('test-pack'))?.generation).toBe(before);
    expect((await card('p2'))?.name).toBe('Person Number2');
  });

  it('a discarded import (the page went away) drops its staging', async () => {
    const text = JSON.stringify(pack(100));
    const session = streamImport(fresh.db, text.length, { batchItems: 10 });
    await session.write(text.slice(0, 5000));
    await session.discard();
    expect(await fresh.db.parts.count()).toBe(0);
    expect(await fresh.db.packs.count()).toBe(0);
  });
});

describe('schema v2 databases', () => {
  it('keep their cards: buckets become parts on upgrade', async () => {
    fresh.db.close();
    await Dexie.delete(fresh.name);
    const v2 = new Dexie(fresh.name);
    v2.version(2).stores({ packs: '&id', buckets: '[generation+n], generation', names: '&generation', blobs: '&key', kv: '&key', subscriptions: '&url' });
    const entity = { id: 'a', type: 'person', name: 'Ada Example', sources: [src(1)] };
    const event = { id: 'ev', date: '2020', title: 'Met Bo', entities: ['a', 'b'], source: src(2) };
    await v2.table('packs').put({
      id: 'old',
      meta: { format: 'backstory-pack', formatVersion: 1, id: 'old', version: 1, title: 'Old' },
      enabled: true,
      bundled: false,
      installed: '2026-01-01T00:00:00Z',
      generation: 'old.1.x',
      buckets: 1,
      counts: { entities: 1, statements: 1, events: 1 },
    });
    await v2.table('buckets').put({
      generation: 'old.1.x',
      n: 0,
      bundles: [{ entity, statements: [{ id: 's', entity: 'a', date: '2020', text: 'Hello', source: src(3) }], events: [event], names: { b: 'Bo Example' } }],
    });
    v2.close();
    fresh.replace(new BackstoryDatabase(fresh.name));
    await fresh.db.open();
    expect(await fresh.db.buckets.count()).toBe(0);
    const c = await card('a', 'old');
    expect(c?.name).toBe('Ada Example');
    expect(c?.statements[0]?.text).toBe('Hello');
    expect(c?.events[0]?.with).toEqual(['Bo Example']);
  });
});

describe('a full disk while streaming', () => {
  it('names the cause in the reader’s words and keeps nothing of the half-written pack', async () => {
    const realPut = IDBObjectStore.prototype.put;
    let writes = 0;
    // The third write of the staging fails as a browser out of quota does.
    IDBObjectStore.prototype.put = function (value: unknown, key?: IDBValidKey) {
      if (++writes > 2) throw new DOMException('Quota exceeded.', 'QuotaExceededError');
      return realPut.call(this, value, key);
    };
    try {
      const text = JSON.stringify(pack(200));
      const session = streamImport(fresh.db, text.length, { batchItems: 20 });
      for (let i = 0; i < text.length; i += 4000) if (await session.write(text.slice(i, i + 4000))) break;
      const r = await session.end();
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/out of storage space \(quota exceeded\).*remove a pack/s);
    } finally {
      IDBObjectStore.prototype.put = realPut;
    }
    expect(await fresh.db.packs.count()).toBe(0);
    expect(await fresh.db.parts.count()).toBe(0);
  });
});
