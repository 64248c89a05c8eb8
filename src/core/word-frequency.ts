/**
 * How common a word is in everyday English, from the SUBTLEX-US word-frequency lexicon (compiled
 * at build time into `generated/english-frequency.ts`). Only words whose usual spelling is
 * lowercase are listed: "police", "march", "home" are; "Sarah", "Washington", "Obama" are not.
 */
import { ENGLISH_FREQUENCY } from './generated/english-frequency';

let table: Map<string, number> | null = null;

function decode(): Map<string, number> {
  const out = new Map<string, number>();
  for (const [zipf, coded] of ENGLISH_FREQUENCY) {
    let prev = '';
    for (const item of coded.split(' ')) {
      const shared = Number.parseInt(item[0], 36);
      prev = prev.slice(0, shared) + item.slice(1);
      out.set(prev, zipf);
    }
  }
  return out;
}

/**
 * The Zipf value of a lowercase word (log10 of its frequency per billion words: about 7 for
 * "the", 5 for "police", 3 for "mentor"), or 0 when it is not a common lowercase word.
 */
export function zipfOf(lowerWord: string): number {
  table ??= decode();
  return table.get(lowerWord) ?? 0;
}
