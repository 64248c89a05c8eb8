/**
 * Deterministic building blocks for synthetic packs and articles: a seeded PRNG, invented name
 * parts built from syllables (so no real person or fact is ever produced) and plain filler prose.
 */

/** mulberry32: small, fast, and identical on every machine for the same seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;

export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
export const between = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

const ONSETS = ['b', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'sh', 'kh', 'th', 'br', 'dr', 'gr', 'tr', 'st'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ia', 'ou'];
const CODAS = ['', '', '', 'n', 'r', 'l', 's', 'm', 'k', 'nd', 'rt'];

/** An invented capitalised word of 2–3 syllables. */
export function inventWord(r: Rand): string {
  const n = between(r, 2, 3);
  let w = '';
  for (let i = 0; i < n; i++) w += pick(r, ONSETS) + pick(r, VOWELS) + (i === n - 1 ? pick(r, CODAS) : '');
  return w[0].toUpperCase() + w.slice(1);
}

/** A pool of distinct invented words. */
export function wordPool(r: Rand, size: number, avoid: Set<string> = new Set()): string[] {
  const out = new Set<string>();
  while (out.size < size) {
    const w = inventWord(r);
    if (!avoid.has(w)) out.add(w);
  }
  return [...out];
}

export const ORG_KINDS = ['Council', 'Party', 'Front', 'Authority', 'Movement', 'Institute', 'Bank', 'Corporation', 'League', 'Commission', 'Alliance'];
export const PLACE_PREFIXES = ['North', 'South', 'East', 'West', 'Upper', 'Lower', 'New', 'Old'];
export const INITIATIVE_KINDS = ['Programme', 'Plan', 'Accord', 'Initiative', 'Scheme'];
export const EVENT_KINDS = ['Summit', 'Talks', 'Conference', 'Crisis', 'Agreement'];

// Ordinary lowercase English words: the prose around names, never part of one.
const FILLER = (
  'the officials said that talks would resume after a long pause in the capital while observers expected ' +
  'little progress on trade water security and border crossings because several ministers had already left ' +
  'for other meetings and analysts warned that a new round of negotiations could take months to produce any ' +
  'agreement on prices tariffs transit routes or the release of detained traders although local residents ' +
  'hoped the roads would reopen soon and markets near the crossing were quiet again this week with fewer ' +
  'trucks than usual waiting in long queues under a hot sun as drivers complained about delays and costs'
).split(' ');

/** One sentence of filler prose, capitalised, ending with a full stop. */
export function fillerSentence(r: Rand, words = between(r, 6, 16)): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(pick(r, FILLER));
  const s = out.join(' ');
  return `${s[0].toUpperCase()}${s.slice(1)}.`;
}

export function fillerText(r: Rand, minChars: number): string {
  const parts: string[] = [];
  let n = 0;
  while (n < minChars) {
    const s = fillerSentence(r);
    parts.push(s);
    n += s.length + 1;
  }
  return parts.join(' ');
}

export function isoDate(r: Rand): string {
  return `${between(r, 1990, 2025)}-${String(between(r, 1, 12)).padStart(2, '0')}-${String(between(r, 1, 28)).padStart(2, '0')}`;
}

export const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Parse `--name value` flags (and bare `--flag`) into a record. */
export function flags(args: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) continue;
    const next = args[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      out[a.slice(2)] = next;
      i++;
    } else out[a.slice(2)] = 'true';
  }
  return out;
}
