import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCssColor, relativeLuminance, themeForBackground } from '../../src/core/luminance';

const theme = (css: string) => {
  const c = parseCssColor(css);
  if (!c) throw new Error(`unparsed: ${css}`);
  return themeForBackground(c);
};

describe('the card theme from the colour behind it', () => {
  it('parses computed colours as browsers serialise them', () => {
    expect(parseCssColor('rgb(251, 250, 247)')).toEqual({ r: 251 / 255, g: 250 / 255, b: 247 / 255, a: 1 });
    expect(parseCssColor('rgba(0, 0, 0, 0)')?.a).toBe(0);
    expect(parseCssColor('rgb(0 0 0 / 50%)')?.a).toBe(0.5);
    expect(parseCssColor('color(srgb 1 0.5 0 / 0.25)')).toEqual({ r: 1, g: 0.5, b: 0, a: 0.25 });
    expect(parseCssColor('oklch(0.5 0.1 200)')).toBeNull();
    expect(parseCssColor('transparent')).toBeNull();
  });

  it('luminance runs from black to white', () => {
    expect(relativeLuminance({ r: 0, g: 0, b: 0, a: 1 })).toBe(0);
    expect(relativeLuminance({ r: 1, g: 1, b: 1, a: 1 })).toBeCloseTo(1);
  });

  it('light on white and cream newspaper pages, dark on dark ones', () => {
    expect(theme('rgb(255, 255, 255)')).toBe('light');
    expect(theme('rgb(251, 250, 247)')).toBe('light'); // cream
    expect(theme('rgb(255, 241, 229)')).toBe('light'); // salmon
    expect(theme('rgb(128, 128, 128)')).toBe('light');
    expect(theme('rgb(21, 23, 26)')).toBe('dark');
    expect(theme('rgb(40, 44, 52)')).toBe('dark');
    expect(theme('rgb(0, 0, 0)')).toBe('dark');
  });
});

describe('parseCssColor reads the same grammar the regular expressions it replaced did', () => {
  // The expressions parseCssColor used before it was written by hand (V8 compiled them to 15 KB of
  // machine code that the page kept): the reference the hand-written reader must agree with.
  const NUM = String.raw`([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(%?)`;
  const RGB = new RegExp(String.raw`^rgba?\(\s*${NUM}[\s,]+${NUM}[\s,]+${NUM}(?:\s*[,/]\s*${NUM})?\s*\)$`, 'i');
  const SRGB = new RegExp(String.raw`^color\(\s*srgb\s+${NUM}\s+${NUM}\s+${NUM}(?:\s*/\s*${NUM})?\s*\)$`, 'i');
  const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
  const reference = (css: string) => {
    const s = css.trim();
    for (const [re, full] of [
      [RGB, 255],
      [SRGB, 1],
    ] as const) {
      const m = re.exec(s);
      if (!m) continue;
      const ch = (i: number) => clamp01(m[i + 1] === '%' ? Number(m[i]) / 100 : Number(m[i]) / full);
      const a = m[7] === undefined ? 1 : clamp01(m[8] === '%' ? Number(m[7]) / 100 : Number(m[7]));
      return { r: ch(1), g: ch(3), b: ch(5), a };
    }
    return null;
  };

  it('on colours as browsers write them and on near misses', () => {
    const cases = [
      'rgb(251, 250, 247)',
      'RGBA(0,0,0,0)',
      'rgb(0 0 0 / 50%)',
      'rgba(10%, 20%, 300, 1.5)',
      'rgb(1e2, .5, 3.)',
      'rgb(1E+2, -5, +7, 2e-1)',
      '  rgb( 1 ,, 2 ,3 )  ',
      'color(srgb 1 0.5 0 / 0.25)',
      'color( SRGB 1 0.5 0)',
      'color(srgb-linear 1 0.5 0)',
      'color(srgb 1,0.5,0)',
      'color(srgb 1 0.5 0, 0.2)',
      'rgb(1, 2, 3, )',
      'rgb(1, 2)',
      'rgb(1 2 3 4)',
      'rgb(1, 2, 3))',
      'rgb(1, 2, 3',
      'rgb(., 2, 3)',
      'rgb(1e, 2, 3)',
      'rgb(1, 2, 3 / )',
      'rgb(1,\u00a02,\t3)',
      'rgbx(1, 2, 3)',
      'oklch(0.5 0.1 200)',
      'transparent',
      '',
    ];
    for (const c of cases) expect(parseCssColor(c), c).toEqual(reference(c));
  });

  it('on generated near-colours', () => {
    // Mostly well-formed pieces, sometimes not: a few hundred of the 5,000 strings are colours.
    const num = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('0', '1', '255', '.5', '1.', '1.25', '-3', '+4', '1e2', '2E-1') },
      { weight: 4, arbitrary: fc.double({ min: -300, max: 300, noNaN: true }).map(String) },
      { weight: 1, arbitrary: fc.constantFrom('1e', '.', '', 'x', '1..2') },
    );
    const unit = fc.constantFrom('', '', '', '', '', '%', '%', 'px');
    const gap = fc.constantFrom(' ', ' ', ' ', ', ', ',', ',,', ' ,', '\t', '');
    const slash = fc.constantFrom(' / ', '/', ', ', ',', ' ', '');
    const colour = fc
      .tuple(
        fc.constantFrom('rgb(', 'rgba(', 'RGB(', 'color(srgb ', 'color(SRGB ', 'color( srgb  ', 'color(srgb', 'hsl('),
        fc.tuple(num, unit),
        fc.oneof(
          { weight: 5, arbitrary: fc.array(fc.tuple(gap, num, unit), { minLength: 2, maxLength: 2 }) },
          { weight: 1, arbitrary: fc.array(fc.tuple(gap, num, unit), { minLength: 1, maxLength: 3 }) },
        ),
        fc.option(fc.tuple(slash, num, unit)),
        fc.constantFrom(')', ')', ')', ' )', '', '))'),
      )
      .map(([head, [n0, u0], rest, alpha, tail]) => head + n0 + u0 + rest.map(([g, n, u]) => g + n + u).join('') + (alpha ? alpha.join('') : '') + tail);
    fc.assert(
      fc.property(colour, (c) => {
        expect(parseCssColor(c)).toEqual(reference(c));
      }),
      { numRuns: 5000 },
    );
  });
});
