import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matcher, type MatcherEntityInput } from '../../src/core/matcher';
import { TrieBuilder } from '../../src/core/matcher-trie';
import { TEST_ENTITIES } from './detect-helpers';
import { referenceTrie } from './reference/map-trie';

const arrays = (m: Matcher) => ({
  vocab: m.vocab.list(),
  edgeStart: [...m.edgeStart],
  edgeToken: [...m.edgeToken],
  edgeChild: [...m.edgeChild],
  payloadStart: [...m.payloadStart],
  payloadEntity: [...m.payloadEntity],
  payloadFlags: [...m.payloadFlags],
});

// Few distinct words, so that aliases share prefixes, repeat, and differ only in case.
const word = fc.constantFrom(
  'Khan',
  'khan',
  'KHAN',
  'Imran',
  'TTP',
  'U.S.',
  'us',
  'e',
  'i',
  'Tehrik',
  'Taliban',
  'Doha',
  'al',
  'Al-Qaeda',
  '—',
  'Pakistan',
  'Sharif',
);
const text = fc.array(word, { minLength: 0, maxLength: 4 }).map((w) => w.join(' ').replace(/ e /g, '-e-'));
const entity = (i: number) =>
  fc
    .record({
      name: text,
      type: fc.constantFrom('person', 'organization', 'place', 'event', 'initiative', 'other' as const),
      aliases: fc.array(
        fc.record({ text, standalone: fc.option(fc.boolean(), { nil: undefined }), caseSensitive: fc.option(fc.boolean(), { nil: undefined }) }),
        {
          maxLength: 4,
        },
      ),
    })
    .map((e) => ({ ...e, key: `p:e${i}` }) as MatcherEntityInput);
const entities = fc.integer({ min: 0, max: 25 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => entity(i))));

describe('matcher trie built from sorted paths', () => {
  it('gives the same arrays as the former Map-per-node trie, on the test entities', () => {
    expect(arrays(Matcher.build(TEST_ENTITIES))).toEqual(referenceTrie(TEST_ENTITIES));
  });

  it('gives the same arrays as the former Map-per-node trie, on any aliases', () => {
    fc.assert(
      fc.property(entities, (list) => {
        expect(arrays(Matcher.build(list))).toEqual(referenceTrie(list));
      }),
      { numRuns: 300 },
    );
  });

  it('builds the same matcher from a feed as from an array', () => {
    const fromArray = Matcher.build(TEST_ENTITIES, undefined, 7);
    const fromFeed = Matcher.build(() => TEST_ENTITIES.values(), undefined, 7);
    expect(new Uint8Array(fromFeed.toSnapshot())).toEqual(new Uint8Array(fromArray.toSnapshot()));
  });

  it('numbers nodes breadth-first and merges one entity reached twice by one path', () => {
    const b = new TrieBuilder((x, y) => x | y);
    b.add([2, 1], 0, 1);
    b.add([1], 1, 2);
    b.add([2, 1], 0, 4);
    b.add([], 3, 8);
    b.add([2], 2, 16);
    const t = b.build();
    // Root → 1 (token 1), 2 (token 2); node 2 → 3 (token 1).
    expect([...t.edgeStart]).toEqual([0, 2, 2, 3, 3]);
    expect([...t.edgeToken]).toEqual([1, 2, 1]);
    expect([...t.edgeChild]).toEqual([1, 2, 3]);
    expect([...t.payloadStart]).toEqual([0, 1, 2, 3, 4]);
    expect([...t.payloadEntity]).toEqual([3, 1, 2, 0]);
    expect([...t.payloadFlags]).toEqual([8, 2, 16, 5]);
  });

  it('is an empty root without aliases', () => {
    const t = new TrieBuilder((x) => x).build();
    expect([...t.edgeStart, ...t.payloadStart]).toEqual([0, 0, 0, 0]);
  });
});
