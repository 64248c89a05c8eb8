import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StringTable, slotOf } from '../../src/core/string-table';

describe('StringTable', () => {
  it('finds every string it holds, by index and by value, and nothing else', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: 'grapheme', maxLength: 8 }), { maxLength: 60 }), fc.string({ maxLength: 8 }), (list, probe) => {
        const t = StringTable.of(list);
        expect(t.length).toBe(list.length);
        expect(t.isWellFormed()).toBe(true);
        list.forEach((s, i) => {
          expect(t.at(i)).toBe(s);
          expect(t.indexOf(s)).toBe(i);
        });
        expect(t.indexOf(probe)).toBe(list.indexOf(probe));
        expect(t.list()).toEqual(list);
      }),
    );
  });

  it('tells a prefix, a suffix and a neighbour apart from the string itself', () => {
    const t = StringTable.of(['khan', 'khalilzad', 'an', 'k', '']);
    expect(t.indexOf('kh')).toBe(-1);
    expect(t.indexOf('khanan')).toBe(-1);
    expect(t.indexOf('ank')).toBe(-1);
    expect(t.indexOf('')).toBe(4);
    expect(t.indexOf('k')).toBe(3);
  });

  it('an empty table answers -1', () => {
    const t = StringTable.of([]);
    expect(t.isWellFormed()).toBe(true);
    expect(t.indexOf('x')).toBe(-1);
  });

  it('rejects stored parts that do not line up (a lookup could otherwise loop or read past the text)', () => {
    const t = StringTable.of(['alpha', 'beta']);
    expect(new StringTable(t.text.slice(1), t.starts, t.slots, t.seed).isWellFormed()).toBe(false);
    expect(new StringTable(t.text, Int32Array.from([0, 9, 5]), t.slots, t.seed).isWellFormed()).toBe(false);
    expect(new StringTable(t.text, t.starts, new Int32Array(t.slots.length).fill(1), t.seed).isWellFormed()).toBe(false);
    expect(new StringTable(t.text, t.starts, Int32Array.from([1, 2, 0]), t.seed).isWellFormed()).toBe(false);
    expect(new StringTable(t.text, t.starts, Int32Array.from([7, 0, 0, 0]), t.seed).isWellFormed()).toBe(false);
  });
});

/** The longest run of filled slots (wrapping): how far a lookup can walk. */
function longestCluster(slots: Int32Array): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < slots.length * 2; i++) {
    run = slots[i % slots.length] !== 0 ? run + 1 : 0;
    longest = Math.max(longest, Math.min(run, slots.length));
  }
  return longest;
}

/** Strings whose home slot is the same under `seed` in a table of 256 slots (found by trying). */
function collidingUnder(seed: number, count: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) if (slotOf(`n${i}`, seed, 256) === 0) out.push(`n${i}`);
  return out;
}

describe('StringTable against names made to collide (packs are untrusted)', () => {
  it('a table draws its own random seed', () => {
    const list = ['alpha', 'beta', 'gamma'];
    expect(StringTable.of(list).seed).not.toBe(StringTable.of(list).seed);
  });

  it('names that all collide under one seed get a new seed, and lookups stay short and right', () => {
    const list = collidingUnder(0, 100); // 100 names in 256 slots, all with home slot 0 under seed 0
    const t = StringTable.of(list, 0);
    expect(t.seed).not.toBe(0);
    expect(longestCluster(t.slots)).toBeLessThanOrEqual(64);
    expect(list.map((s) => t.indexOf(s))).toEqual(list.map((_, i) => i));
    expect(t.indexOf('n-absent')).toBe(-1);
  });
});
