import { describe, expect, it } from 'vitest';
import { compile } from '../../src/background/compiled-index';
import type { NameRecord, PackRecord } from '../../src/background/database';
import { tokenize } from '../../src/core/normalize';
import { resolveMentions } from '../../src/core/resolve-references';

const pack = (id: string, generation: string, enabled = true): PackRecord =>
  ({
    id,
    generation,
    enabled,
    bundled: false,
    buckets: 1,
    installed: '',
    meta: { title: id, version: 1 },
    counts: { entities: 1, statements: 0, events: 0 },
  }) as unknown as PackRecord;

const names = (generation: string, list: NameRecord['names']): NameRecord => ({ generation, names: list });

describe('compiling enabled packs', () => {
  it("merges the same Wikidata id from two packs into one entity with both packs' aliases", () => {
    const a = names('a1', [{ id: 'khalilzad', name: 'Zalmay Khalilzad', type: 'person', aliases: ['Khalilzad'], wikidata: 'Q123', related: [] }]);
    const b = names('b1', [{ id: 'zk', name: 'Zalmay M. Khalilzad', type: 'person', aliases: ['Ambassador Khalilzad', 'Zal'], wikidata: 'Q123', related: [] }]);
    const c = compile(
      [pack('alpha', 'a1'), pack('beta', 'b1')],
      new Map([
        ['a1', a],
        ['b1', b],
      ]),
    );
    expect(c.merged).toEqual({ 'alpha:khalilzad': ['beta:zk'] });
    expect(c.matcher.entityCount).toBe(1);
    expect(c.matcher.keyOf(0)).toBe('alpha:khalilzad');
    const tokens = tokenize('Zalmay M. Khalilzad spoke. Later Khalilzad left.');
    const found = resolveMentions(tokens, c.matcher.scan(tokens), c.matcher, { seen: [], unknown: [] });
    expect(found.mentions.map((m) => m.entity)).toEqual(['alpha:khalilzad', 'alpha:khalilzad']);
    expect(c.search.search('zal', 5).map((h) => h.key)).toEqual(['alpha:khalilzad']);
  });

  it('leaves disabled packs out', () => {
    const a = names('a1', [{ id: 'kabul', name: 'Kabul', type: 'place', aliases: [], related: [] }]);
    const c = compile([pack('alpha', 'a1', false)], new Map([['a1', a]]));
    expect(c.matcher.entityCount).toBe(0);
    expect(c.search.search('kabul', 5)).toEqual([]);
  });
});
