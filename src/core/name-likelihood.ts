/**
 * How likely a matched string is used as a name here, not as an ordinary word: "Turkey" in
 * "talks with Turkey" is a name, "Police" opening a sentence is not. Evidence, all general:
 * how common the word is in English (SUBTLEX-US), how the page writes it (lowercase elsewhere;
 * capitalised only where every word is: a sentence or line start, a Title Case line), and the
 * alias's length and number of words.
 */
import { CALENDAR_WORDS } from './detection-cues';
import type { Token } from './normalize';
import { zipfOf } from './word-frequency';

/** What the whole text says about its words; read once per detect call. */
export interface PageWords {
  /** Words the page writes in lowercase in its prose. */
  lower: Set<string>;
  /** Words the page capitalises where capitals are informative (mid-sentence, not a Title Case line). */
  namedMidSentence: Set<string>;
  /** Tokens on Title Case lines (headlines, menus): capitals tell nothing there. */
  titleLine: Uint8Array;
}

export function readPageWords(tokens: Token[], titleLine: Uint8Array): PageWords {
  const lower = new Set<string>();
  const namedMidSentence = new Set<string>();
  tokens.forEach((t, k) => {
    const w = t.raw.toLowerCase();
    // Lowercase in running prose (after a space), not in a slug or address ("taliban-say-they").
    if (t.caps === 'lower') {
      if (t.spaceBefore) lower.add(w);
    } else if (t.caps === 'title' && capitalsInformative(tokens, k, titleLine)) namedMidSentence.add(w);
  });
  return { lower, namedMidSentence, titleLine };
}

/** Is a capital at token k evidence of a name? Not where every word is capitalised. */
export function capitalsInformative(tokens: Token[], k: number, titleLine: Uint8Array): boolean {
  const t = tokens[k];
  return !t.sentenceStart && !t.lineStart && !titleLine[k];
}

export const isCalendarWord = (t: Token): boolean => CALENDAR_WORDS.has(t.fold);

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
/** Everyday frequency as evidence: a rare or capitalised-only word is likely a name, "will" is not. */
const lexicalLogit = (zipf: number) => (zipf === 0 ? 2.2 : 2.2 - 1.1 * (zipf - 2.5));

/** A word the page writes lowercase, also as plural or singular ("police", "markets"). */
function pageWritesLowercase(page: PageWords, w: string): boolean {
  return page.lower.has(w) || page.lower.has(`${w}s`) || (w.endsWith('s') && page.lower.has(w.slice(0, -1)));
}

/** Probability that tokens [from, to) are used as a name at this place of the page. */
export function nameLikelihood(tokens: Token[], from: number, to: number, page: PageWords): number {
  const words = [];
  for (let k = from; k < to; k++) if (!tokens[k].connector) words.push(k);
  const first = tokens[from];
  const informative = capitalsInformative(tokens, from, page.titleLine);
  if (words.length > 1) {
    // A known phrase of several words is a name unless every word is an ordinary one written
    // where capitals tell nothing ("Good Morning" at the start of a line).
    if (!isOrdinaryPhrase(tokens, from, to)) return sigmoid(3);
    return sigmoid(informative ? 2.5 : -0.5);
  }
  const letters = first.raw.replace(/[^\p{L}]/gu, '');
  if (letters.length <= 1) return 0;
  // An acronym the pack spells in capitals matched exactly ("US", "TTP").
  // A two-letter code alone on its line is a menu item or a size or language switch ("UK", "SM", "FR").
  if (first.caps === 'upper' && letters.length <= 6) return sigmoid(letters.length <= 2 && aloneOnLine(tokens, from, to) ? -1 : 2.2);
  // The pack spells this alias in lowercase: it asked for lowercase matches.
  if (first.caps === 'lower') return sigmoid(1.5);
  if (isCalendarWord(first)) return sigmoid(-4);
  const w = first.raw.toLowerCase();
  const zipf = zipfOf(w);
  let logit = lexicalLogit(zipf);
  if (zipf > 0) {
    // An everyday word: its capital counts only where capitals are informative, here or elsewhere
    // on the same page ("in Police, a town in Poland").
    if (informative) logit += 2;
    else if (page.namedMidSentence.has(w)) logit += 1.5;
    else logit = Math.min(logit, -0.5);
  }
  if (pageWritesLowercase(page, w)) logit -= 3;
  if (letters.length === 2) logit -= 1.5;
  return sigmoid(logit);
}

/** Every word of tokens [from, to) is an everyday English word ("White House", "Good Morning"). */
export function isOrdinaryPhrase(tokens: Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!tokens[k].connector && zipfOf(tokens[k].raw.toLowerCase()) === 0) return false;
  return true;
}

function aloneOnLine(tokens: Token[], from: number, to: number): boolean {
  return tokens[from].lineStart && (to >= tokens.length || tokens[to].lineStart);
}
