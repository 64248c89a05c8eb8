import { describe, expect, it } from 'vitest';
import { matchSpans } from '../../src/core/match-spans';

const bold = (name: string, q: string) => {
  let out = '';
  let at = 0;
  for (const [s, e] of matchSpans(name, q)) {
    out += `${name.slice(at, s)}[${name.slice(s, e)}]`;
    at = e;
  }
  return out + name.slice(at);
};

describe('matchSpans', () => {
  it('marks the start of each word the query begins', () => {
    expect(bold('Zalmay Khalilzad', 'kha')).toBe('Zalmay [Kha]lilzad');
    expect(bold('Zalmay Khalilzad', 'zal kh')).toBe('[Zal]may [Kh]alilzad');
    expect(bold('Khyber Pakhtunkhwa', 'khyber')).toBe('[Khyber] Pakhtunkhwa');
  });
  it('ignores case and marks nothing for words that only contain the query', () => {
    expect(bold('Tehrik-i-Taliban Pakistan', 'TALIB')).toBe('Tehrik-i-[Talib]an Pakistan');
    expect(bold('Pakistan', 'kist')).toBe('Pakistan');
    expect(matchSpans('Anything', '')).toEqual([]);
  });
});
