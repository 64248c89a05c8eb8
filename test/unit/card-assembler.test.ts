// assembleCard on fake-indexeddb: one bucket read per pack, newest first, twins across packs merged
// into one card with each item labelled, "related on this page", and nothing for disabled packs.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { assembleCard } from '../../src/background/card-assembler';
import { importPackData } from '../../src/background/pack-importer';
import { PackService } from '../../src/background/pack-service';
import { freshDatabase, pack, src } from './worker-fixtures';

const fresh = freshDatabase('card-test');

async function install(doc: object) {
  const r = await importPackData(fresh.db, doc);
  if (!r.ok) throw new Error(r.error);
}

/** Two packs that both know Ada (same Wikidata id) and one event, told twice. */
function twins() {
  const ada = { id: 'ada', type: 'person', name: 'Ada Example', wikidata: 'Q42', sources: [src(1)] };
  const bo = { id: 'bo', type: 'person', name: 'Bo Example', sources: [src(2)] };
  const meeting = { id: 'm', date: '2024-02-02', title: 'Summit in Alder', entities: ['ada', 'bo'], source: src(3) };
  const first = {
    ...pack(0, 1, 'first'),
    title: 'First pack',
    entities: [ada, bo],
    statements: [{ id: 's1', entity: 'ada', date: '2023-01-01', text: 'Old words', source: src(4) }],
    events: [meeting],
  };
  const second = {
    ...pack(0, 1, 'second'),
    title: 'Second pack',
    entities: [
      { ...ada, id: 'lovelace', name: 'Ada L. Example', sources: [src(1), src(5)] },
      { id: 'cy', type: 'person', name: 'Cy Example', sources: [src(6)] },
    ],
    statements: [{ id: 's2', entity: 'lovelace', date: '2025-03-01', text: 'New words', source: src(7) }],
    events: [
      { ...meeting, title: 'SUMMIT IN ALDER', entities: ['lovelace', 'cy'] },
      { id: 'late', date: '2025-01-01', title: 'Prize', entities: ['lovelace', 'cy'], source: src(8) },
    ],
  };
  return { first, second };
}

describe('assembleCard', () => {
  it('reads one entity with its statements and events, newest first, naming the others', async () => {
    await install(pack(30));
    const card = await assembleCard(fresh.db, {}, 'test-pack:p5');
    expect(card?.name).toBe('Person Number5');
    expect(card?.statements.map((s) => s.text)).toEqual(['Words of 5']);
    // p5 met p4 (event e4, 2024-06-05) and p6 (event e5, 2024-06-06): newest first.
    expect(card?.events.map((e) => [e.date, e.title, e.with])).toEqual([
      ['2024-06-06', 'Meeting 5', ['Person Number6']],
      ['2024-06-05', 'Meeting 4', ['Person Number4']],
    ]);
    expect(card?.packs).toEqual([{ id: 'test-pack', title: 'Test pack', version: 1, published: undefined }]);
    // One pack: nothing is labelled with its pack.
    expect(card?.statements[0]).not.toHaveProperty('pack');
  });

  it('returns null for an unknown entity, an unknown pack and a switched-off pack', async () => {
    await install(pack(3));
    expect(await assembleCard(fresh.db, {}, 'test-pack:nobody')).toBeNull();
    expect(await assembleCard(fresh.db, {}, 'elsewhere:p1')).toBeNull();
    await fresh.db.packs.update('test-pack', { enabled: false });
    expect(await assembleCard(fresh.db, {}, 'test-pack:p1')).toBeNull();
  });

  it('merges twins across packs: both packs’ items, labelled, an event told twice shown once, sources once', async () => {
    const { first, second } = twins();
    await install(first);
    await install(second);
    const service = new PackService(fresh.db, () => '');
    const merged = await service.part('merged');
    expect(merged).toEqual({ 'first:ada': ['second:lovelace'] });
    const card = await assembleCard(fresh.db, merged, 'first:ada');
    expect(card?.name).toBe('Ada Example');
    expect(card?.statements.map((s) => [s.text, s.pack])).toEqual([
      ['New words', 'Second pack'],
      ['Old words', 'First pack'],
    ]);
    expect(card?.events.map((e) => [e.title, e.pack, e.with])).toEqual([
      ['Prize', 'Second pack', ['Cy Example']],
      ['Summit in Alder', 'First pack', ['Bo Example']],
    ]);
    expect(card?.sources.map((s) => s.url)).toEqual([src(1).url, src(5).url]);
    expect(card?.packs.map((p) => p.id)).toEqual(['first', 'second']);
  });

  it('relates names found on the page through shared events, one row per event, each name once, never itself', async () => {
    const { first, second } = twins();
    await install(first);
    await install(second);
    const merged = await new PackService(fresh.db, () => '').part('merged');
    const card = await assembleCard(fresh.db, merged, 'first:ada', ['first:ada', 'second:lovelace', 'first:bo', 'second:cy', 'first:nobody']);
    // The summit is told by both packs (one row, with Bo from one and Cy from the other); Cy is
    // named there already, so the prize adds no row of its own.
    expect(card?.relatedOnPage).toEqual([
      {
        event: 'Summit in Alder',
        date: '2024-02-02',
        names: [
          { key: 'first:bo', name: 'Bo Example' },
          { key: 'second:cy', name: 'Cy Example' },
        ],
      },
    ]);
    const onlyCy = await assembleCard(fresh.db, merged, 'first:ada', ['second:cy']);
    expect(onlyCy?.relatedOnPage.map((r) => r.names.map((n) => n.name))).toEqual([['Cy Example']]);
    const alone = await assembleCard(fresh.db, merged, 'first:ada', ['first:ada']);
    expect(alone?.relatedOnPage).toEqual([]);
  });

  it('caps statements at 200, keeping the newest', async () => {
    const doc = pack(1);
    doc.statements = Array.from({ length: 250 }, (_, i) => ({
      id: `s${i}`,
      entity: 'p0',
      date: `${1800 + i}-01-01`,
      text: `Said in ${1800 + i}`,
      source: src(i),
    }));
    await install(doc);
    const card = await assembleCard(fresh.db, {}, 'test-pack:p0');
    expect(card?.statements).toHaveLength(200);
    expect(card?.statements[0].text).toBe('Said in 2049');
    expect(card?.statements.at(-1)?.text).toBe('Said in 1850');
  });
});
