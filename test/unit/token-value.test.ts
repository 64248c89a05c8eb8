import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lightValue } from '../../src/ui/token-value';

const tokens = readFileSync(path.resolve(import.meta.dirname, '../../src/ui/tokens.css'), 'utf8');

describe('colour tokens for code', () => {
  it("reads a light-dark() token's light value, and a plain one as it is", () => {
    expect(lightValue(':root { --x: light-dark(#123456, #abcdef); --y: red; }', '--x')).toBe('#123456');
    expect(lightValue(':root { --x: light-dark(#123456, #abcdef); --y: red; }', '--y')).toBe('red');
    expect(lightValue(':root { --x: red; }', '--missing')).toBeNull();
    // As the build compiles light-dark() for browsers without it.
    expect(lightValue(':root{--x:var(--lightningcss-light,#123456)var(--lightningcss-dark,#abcdef);}', '--x')).toBe('#123456');
  });
  it('finds the accent in tokens.css (the toolbar badge uses it)', () => {
    expect(lightValue(tokens, '--bs-accent')).toMatch(/^#[0-9a-f]{6}$/i);
  });
});
