/**
 * Text normalisation shared by detection and search. Everything here is pure and runs in Node.
 *
 * A token has two matching keys:
 *  - `fold`: case- and diacritic-insensitive, with transliteration variants collapsed by rule,
 *  - `strict`: the exact letters (periods removed), used for acronyms such as "TTP" or "U.S.".
 */

const MARKS = /\p{M}+/gu;
const APOSTROPHES = /[\u0027\u2018\u2019\u02BC\u02BB\u0060\u00B4\u2032]/g;

/** Unicode NFKC, diacritics removed, apostrophes unified. Keeps case. */
export function clean(s: string): string {
  return s.normalize('NFKC').normalize('NFD').replace(MARKS, '').replace(APOSTROPHES, "'").normalize('NFC');
}

/** Single-letter connectors in South Asian names ("Tehrik-i-Taliban", "Tehreek-e-Insaf"). */
const CONNECTORS = new Set(['i', 'e', 'y']);

/**
 * Transliteration-tolerant key of one lowercase word, by rule rather than by listing variants:
 * long vowels written double ("ee", "oo") fold to the short letter, doubled consonants collapse,
 * and connector letters fold to "i". So Tehreek → tehrik, Pakhtoonkhwa → pakhtunkhwa,
 * Tahaffuz → tahafuz, "-e-" → "i".
 */
export function foldWord(lower: string): string {
  if (CONNECTORS.has(lower)) return 'i';
  let w = lower.replace(/ee/g, 'i').replace(/oo/g, 'u');
  // Collapse any doubled letter (after vowel folding, so "ii" from "eei" collapses too).
  w = w.replace(/(.)\1+/g, '$1');
  return w;
}

export type Caps = 'upper' | 'title' | 'lower' | 'other';

export function capsOf(word: string): Caps {
  const letters = word.replace(/[^\p{L}]/gu, '');
  if (!letters) return 'other';
  const upper = letters.toUpperCase();
  const lower = letters.toLowerCase();
  if (upper === lower) return 'other'; // scripts without case
  if (letters === upper) return 'upper';
  if (letters[0] === upper[0]) return 'title';
  return 'lower';
}

export interface Token {
  /** Offsets into the original text (end exclusive), covering the word without possessive "'s". */
  start: number;
  end: number;
  /** The word as written, diacritics removed, periods of acronyms removed. */
  raw: string;
  fold: string;
  caps: Caps;
  /** Separator between the previous token and this one breaks a phrase (punctuation, line break). */
  breakBefore: boolean;
  /** Only spaces separate this token from the previous one (no punctuation, no line break). */
  spaceBefore: boolean;
  /** This token starts a sentence (first token, or after . ! ? : or a line break). */
  sentenceStart: boolean;
  /** This token starts a line (a heading, paragraph or list item of the page). */
  lineStart: boolean;
  /** Written with a possessive "'s": a name ends here ("China's Belt and Road"). */
  possessive: boolean;
  /** A connector letter between hyphens ("-e-", "-i-"): transparent to matching. */
  connector?: boolean;
}

// A word: letters/digits/marks, optionally joined by an apostrophe (O'Brien) or periods between
// single letters (U.S., D.C.). Hyphens and dashes separate words.
const WORD = /(?:\p{L}\.){2,}(?!\p{L})|[\p{L}\p{N}\p{M}]+(?:['\u2019\u02BC][\p{L}\p{M}]+)*/gu;

/** Separators that keep a multi-word name together: spaces, hyphens/dashes, commas ("Washington, D.C."). */
const SOFT_SEPARATOR = /^[\s\u00A0\u2000-\u200B\u202F\u205F\u3000\-\u2010-\u2015\u2212,()]*$/;
/** A dash with space around it separates ("LAHORE — Nawaz Sharif"); one inside a word joins. */
const SPACED_DASH = /\s[-\u2010-\u2015\u2212]+\s/;
const ONLY_SPACE = /^[ \t\u00A0\u2000-\u200B\u202F\u205F\u3000]+$/;
// Sentence (or heading/paragraph) boundary between two tokens; opening quotes start a sentence too.
const SENTENCE_END = /[.!?:;\n\u2029"“”(]/;

/** Split text into word tokens with offsets; the core of both detection and search. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let prevEnd = 0;
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    let word = m[0];
    let end = start + word.length;
    // Possessives: "Munir's", "Khan’s", "Taliban'" → the name itself.
    const poss = /['\u2019\u02BC]s$/i.exec(word);
    if (poss) {
      word = word.slice(0, -2);
      end -= 2;
    }
    const acronym = word.includes('.');
    const raw = clean(acronym ? word.replace(/\./g, '') : word);
    const sep = text.slice(prevEnd, start);
    const first = tokens.length === 0;
    tokens.push({
      start,
      end,
      raw,
      fold: foldWord(raw.toLowerCase().replace(/'/g, '')),
      caps: capsOf(raw),
      // A comma joins a name only before an abbreviation ("Washington, D.C."); a list's comma
      // ("Porto, Real Madrid") separates names.
      breakBefore: first || !SOFT_SEPARATOR.test(sep) || SPACED_DASH.test(sep) || (sep.includes(',') && capsOf(raw) !== 'upper'),
      spaceBefore: !first && ONLY_SPACE.test(sep),
      sentenceStart: first || SENTENCE_END.test(sep),
      lineStart: first || /[\n\u2029]/.test(sep),
      possessive: poss !== null,
    });
    prevEnd = m.index + m[0].length;
  }
  markConnectors(text, tokens);
  return tokens;
}

/**
 * "-e-" / "-i-" between two hyphenated words is a connector, not a word: "Tehreek-e-Insaf",
 * "Tehrik-i-Insaf" and "Tehreek Insaf" are one name, so matching steps over connectors.
 */
function markConnectors(text: string, tokens: Token[]): void {
  const gap = (a: Token, b: Token) => text.slice(a.end + (a.possessive ? 2 : 0), b.start);
  for (let i = 1; i + 1 < tokens.length; i++) {
    const t = tokens[i];
    if (t.raw.length !== 1 || !'eiEI'.includes(t.raw)) continue;
    // Lowercase "e"/"i" between words is a connector even when spaced ("Tehreek e Insaf");
    // a capital one only between hyphens (a lone "I" is the pronoun).
    const joint = t.raw === 'e' || t.raw === 'i' ? CONNECTOR_GAP : HYPHEN_ONLY;
    if (joint.test(gap(tokens[i - 1], t)) && joint.test(gap(t, tokens[i + 1]))) t.connector = true;
  }
}

const HYPHEN_ONLY = /^[-\u2010-\u2013]$/;
const CONNECTOR_GAP = /^(?:[-\u2010-\u2013]| )$/;

/** Is an alias token an acronym that must match exactly in capitals ("TTP", "US", "K" in ISIS-K)? */
export function isStrictAliasToken(raw: string): boolean {
  const caps = capsOf(raw);
  return caps === 'upper' && raw.replace(/[^\p{L}]/gu, '').length <= 6;
}

/** Key used to look a token up: strict keys are prefixed so they never collide with folded ones. */
export const strictKey = (raw: string): string => `=${raw}`;

/** Normalise a free-text query or name for search: folded words joined by single spaces. */
export function searchKey(s: string): string {
  return tokenize(s)
    .map((t) => t.fold)
    .join(' ');
}
