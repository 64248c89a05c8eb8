/**
 * The card's theme from the colour behind it: parse a computed CSS colour and decide whether it is
 * dark. Pure; runs in Node.
 */

export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

const NUM = String.raw`([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(%?)`;
const RGB = new RegExp(String.raw`^rgba?\(\s*${NUM}[\s,]+${NUM}[\s,]+${NUM}(?:\s*[,/]\s*${NUM})?\s*\)$`, 'i');
const SRGB = new RegExp(String.raw`^color\(\s*srgb\s+${NUM}\s+${NUM}\s+${NUM}(?:\s*/\s*${NUM})?\s*\)$`, 'i');

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/**
 * A computed colour as browsers serialise it (`rgb(…)`, `rgba(…)`, `color(srgb …)`), channels
 * 0–1. Null for anything else (named colours never appear in computed styles).
 */
export function parseCssColor(css: string): Rgba | null {
  const s = css.trim();
  let m = RGB.exec(s);
  if (m) {
    const ch = (i: number) => clamp01(m?.[i + 1] === '%' ? Number(m[i]) / 100 : Number(m?.[i]) / 255);
    const a = m[7] === undefined ? 1 : clamp01(m[8] === '%' ? Number(m[7]) / 100 : Number(m[7]));
    return { r: ch(1), g: ch(3), b: ch(5), a };
  }
  m = SRGB.exec(s);
  if (m) {
    const ch = (i: number) => clamp01(m?.[i + 1] === '%' ? Number(m[i]) / 100 : Number(m?.[i]));
    const a = m[7] === undefined ? 1 : clamp01(m[8] === '%' ? Number(m[7]) / 100 : Number(m[7]));
    return { r: ch(1), g: ch(3), b: ch(5), a };
  }
  return null;
}

/** WCAG relative luminance of an sRGB colour (0 black … 1 white). */
export function relativeLuminance({ r, g, b }: Rgba): number {
  const lin = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/**
 * Dark below the luminance where black and white text have equal contrast (≈ 0.18): on such a
 * background light text reads better, so the card is dark too.
 */
export const DARK_BELOW = 0.179;

export function themeForBackground(color: Rgba): 'light' | 'dark' {
  return relativeLuminance(color) < DARK_BELOW ? 'dark' : 'light';
}
