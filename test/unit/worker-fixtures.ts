/** Packs and a fresh fake-indexeddb database per test, for the worker's Node tests. */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach } from 'vitest';
import { BackstoryDatabase } from '../../src/background/database';

export const src = (n: number) => ({ url: `https://example.org/${n}` });

/** A pack of `people` people who each said something and met the next one at an event. */
export function pack(people: number, version = 1, id = 'test-pack') {
  const entities = Array.from({ length: people }, (_, i) => ({
    id: `p${i}`,
    type: 'person',
    name: `Person Number${i}`,
    aliases: [`Number${i}`],
    sources: [src(i)],
  }));
  const statements = entities.map((e, i) => ({ id: `s${i}`, entity: e.id, date: '2024-05-01', text: `Words of ${i}`, source: src(i) }));
  const events = entities
    .slice(1)
    .map((e, i) => ({ id: `e${i}`, date: `2024-06-0${(i % 9) + 1}`, title: `Meeting ${i}`, entities: [`p${i}`, e.id], source: src(i) }));
  return { format: 'backstory-pack', formatVersion: 1, id, version, title: 'Test pack', entities, statements, events };
}

let seq = 0;

/** Each test gets its own database, opened before and deleted after it. */
export function freshDatabase(prefix: string): { readonly db: BackstoryDatabase; readonly name: string; replace(db: BackstoryDatabase): void } {
  const state = { db: null as unknown as BackstoryDatabase, name: '' };
  beforeEach(async () => {
    state.name = `${prefix}-${process.pid}-${++seq}`;
    state.db = new BackstoryDatabase(state.name);
    await state.db.open();
  });
  afterEach(async () => {
    state.db.close();
    await Dexie.delete(state.name);
  });
  return {
    get db() {
      return state.db;
    },
    get name() {
      return state.name;
    },
    replace(db: BackstoryDatabase) {
      state.db = db;
    },
  };
}
