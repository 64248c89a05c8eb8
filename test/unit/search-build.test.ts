import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { F_ALIAS, F_DERIVED, formsOf } from '../../src/core/search-forms';
import { type SearchEntry, SearchIndex } from '../../src/core/search-index';
import { referenceSearchTables } from './reference/object-search-build';

const bytes = (i: SearchIndex) => new Uint8Array(i.toSnapshot());

// Few distinct words, so that names share words, prefixes and initials; some non-Latin script.
const word = fc.constantFrom(
  'Khan',
  'khan',
  'Imran',
  'Tehrik',
  'i',
  'Taliban',
  'Pakistan',
  'of',
  'the',
  'ISIS',
  'K',
  'Al',
  'Qaeda',
  'Zal',
  'مجاهد',
  'Ünal',
  '—',
);
const text = fc.array(word, { minLength: 0, maxLength: 4 }).map((w) => w.join(' ').replace(/ (i|K) /g, '-$1-'));
const entry = (i: number) =>
  fc
    .record({
      name: text,
      type: fc.constantFrom('person', 'organization', 'place', 'event', 'initiative', 'other', 'bogus' as const),
      description: fc.option(text, { nil: undefined }),
      aliases: fc.array(text, { maxLength: 4 }),
      prominence: fc.option(fc.constantFrom(0, 0.25, 0.5, 0.9, 1, Number.NaN), { nil: undefined }),
      key: fc.constantFrom(`p:e${i}`, `q:e${i}`, `p:e${i % 3}`),
    })
    .map((e) => e as unknown as SearchEntry);
const entries = fc.integer({ min: 0, max: 30 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => entry(i))));

describe('search index build', () => {
  it('gives byte for byte the tables of the former object-per-form build', () => {
    fc.assert(
      fc.property(entries, (list) => {
        expect(bytes(SearchIndex.build(list))).toEqual(bytes(SearchIndex.fromTables(referenceSearchTables(list))));
      }),
      { numRuns: 150 },
    );
  });

  it('builds the same index from a feed as from an array', () => {
    const list: SearchEntry[] = [
      { key: 'a:ttp', name: 'Tehrik-i-Taliban Pakistan', type: 'organization', aliases: ['TTP'], prominence: 0.9 },
      { key: 'a:kabul', name: 'Kabul', type: 'place', aliases: [], description: 'Capital' },
    ];
    expect(bytes(SearchIndex.build(() => list.values()))).toEqual(bytes(SearchIndex.build(list)));
  });
});

describe('search forms', () => {
  const forms = (name: string, type: SearchEntry['type'], aliases: string[] = []) => {
    const out: [string, string, number][] = [];
    formsOf({ name, type, aliases }, (words, t, flags) => out.push([words.join(' '), t, flags]));
    return out;
  };

  it('derives initials for organisations, skipping the listed function words', () => {
    expect(forms('Tehrik-i-Taliban Pakistan', 'organization')).toContainEqual(['ttp', 'TTP', F_ALIAS | F_DERIVED]);
    expect(forms('Bank of the Republic', 'organization')).toContainEqual(['br', 'BR', F_ALIAS | F_DERIVED]);
    expect(forms('Tehrik Taliban Pakistan', 'person').some(([, , f]) => f & F_DERIVED)).toBe(false);
  });

  it('joins names with a short part, and keeps a real alias over a derived form with its words', () => {
    expect(forms('ISIS-K', 'organization')).toContainEqual(['isisk', 'ISIS-K', F_DERIVED]);
    expect(forms('Pakistan Taliban Movement', 'organization', ['PTM'])).toEqual([
      ['pakistan taliban movement', 'Pakistan Taliban Movement', 0],
      ['ptm', 'PTM', F_ALIAS],
    ]);
  });
});
