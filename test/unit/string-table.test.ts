import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StringTable } from '../../src/core/string-table';

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
    expect(new StringTable(t.text.slice(1), t.starts, t.slots).isWellFormed()).toBe(false);
    expect(new StringTable(t.text, Int32Array.from([0, 9, 5]), t.slots).isWellFormed()).toBe(false);
    expect(new StringTable(t.text, t.starts, new Int32Array(t.slots.length).fill(1)).isWellFormed()).toBe(false);
    expect(new StringTable(t.text, t.starts, Int32Array.from([1, 2, 0])).isWellFormed()).toBe(false);
    expect(new StringTable(t.text, t.starts, Int32Array.from([7, 0, 0, 0])).isWellFormed()).toBe(false);
  });
});
