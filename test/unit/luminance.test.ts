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
