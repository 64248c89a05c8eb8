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

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/**
 * A computed colour as browsers serialise it (`rgb(…)`, `rgba(…)`, `color(srgb …)`), channels
 * 0–1. Null for anything else (named colours never appear in computed styles). Case-insensitive.
 *
 * Read by hand, not by a regular expression: V8 compiles a regular expression that runs more than
 * once to machine code, and this one (four numbers with exponents and units) came to 15 KB that the
 * page kept for as long as it was open (the underline overlay reads every marked element's text
 * colour). The grammar is the one the expression had:
 * `rgb[a]( N [\s,]+ N [\s,]+ N [\s*[,/]\s* N] )` and `color( srgb N N N [/ N] )`, where N is a
 * number (`[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?`) with an optional `%`.
 */
export function parseCssColor(css: string): Rgba | null {
  const s = css.trim().toLowerCase();
  let i = 0;
  const isSpace = (c: string | undefined) => c !== undefined && c !== '' && c.trim() === '';
  const spaces = () => {
    const from = i;
    while (isSpace(s[i])) i++;
    return i - from;
  };
  const word = (w: string) => {
    if (!s.startsWith(w, i)) return false;
    i += w.length;
    return true;
  };
  const digits = () => {
    const from = i;
    while (i < s.length && s[i] >= '0' && s[i] <= '9') i++;
    return i - from;
  };
  /** A number and whether it is a percentage, or null (the position is then unspecified). */
  const num = (): { n: number; pct: boolean } | null => {
    const from = i;
    if (s[i] === '+' || s[i] === '-') i++;
    if (digits() > 0) {
      if (s[i] === '.') {
        i++;
        digits();
      }
    } else {
      // No integer part: a fraction (".5") or nothing.
      if (s[i] !== '.') return null;
      i++;
      if (digits() === 0) return null;
    }
    if (s[i] === 'e') {
      const e = i++;
      if (s[i] === '+' || s[i] === '-') i++;
      if (digits() === 0) i = e;
    }
    const n = Number(s.slice(from, i));
    const pct = s[i] === '%';
    if (pct) i++;
    return { n, pct };
  };
  /** The optional alpha after the channels (`seps`: the characters that may come before it). */
  const alpha = (seps: string): number | null | undefined => {
    const back = i;
    spaces();
    if (s[i] === undefined || !seps.includes(s[i])) {
      i = back;
      return undefined;
    }
    i++;
    spaces();
    const a = num();
    return a ? clamp01(a.pct ? a.n / 100 : a.n) : null;
  };
  const closes = () => {
    spaces();
    return s[i] === ')' && i === s.length - 1;
  };
  const channels: { n: number; pct: boolean }[] = [];
  let full: number;
  let seps: string;
  if (word('rgba(') || word('rgb(')) {
    full = 255;
    seps = ',/';
    spaces();
    for (let k = 0; k < 3; k++) {
      if (k > 0) {
        const from = i;
        while (s[i] === ',' || isSpace(s[i])) i++;
        if (i === from) return null;
      }
      const c = num();
      if (!c) return null;
      channels.push(c);
    }
  } else if (word('color(')) {
    full = 1;
    seps = '/';
    spaces();
    if (!word('srgb')) return null;
    for (let k = 0; k < 3; k++) {
      if (spaces() === 0) return null;
      const c = num();
      if (!c) return null;
      channels.push(c);
    }
  } else return null;
  const a = alpha(seps);
  if (a === null || !closes()) return null;
  const [r, g, b] = channels.map((c) => clamp01(c.pct ? c.n / 100 : c.n / full));
  return { r, g, b, a: a ?? 1 };
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
