import { describe, expect, it } from 'vitest';
import { chooseUnderlines } from '../../src/core/underline-policy';

const m = (entity: string, section: string) => ({ entity, section });

describe('which mentions get a visible underline', () => {
  const page = [m('a', 's1'), m('b', 's1'), m('a', 's1'), m('a', 's2'), m('b', 's2'), m('b', 's2')];

  it('first: the first mention of each name in each section', () => {
    expect(chooseUnderlines(page, 'first').visible).toEqual([true, true, false, true, true, false]);
  });

  it('every and none', () => {
    expect(chooseUnderlines(page, 'every').visible).toEqual(page.map(() => true));
    expect(chooseUnderlines(page, 'none').visible).toEqual(page.map(() => false));
  });

  it('continues over mentions found later (a second detection pass) without repeating an underline', () => {
    const first = chooseUnderlines(page.slice(0, 3), 'first');
    const later = chooseUnderlines(page.slice(3).concat(m('a', 's1')), 'first', first.shown);
    expect([...first.visible, ...later.visible]).toEqual([true, true, false, true, true, false, false]);
  });

  it('is pure: the pairs passed in are not changed', () => {
    const shown = new Map([['s1', new Set(['a'])]]);
    const after = chooseUnderlines(page, 'first', shown);
    expect(after.visible).toEqual([false, true, false, true, true, false]);
    expect([...shown.keys()]).toEqual(['s1']);
    expect([...(shown.get('s1') ?? [])]).toEqual(['a']);
  });
});
