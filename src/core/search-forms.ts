/**
 * The forms a search entry answers to: its name, its aliases, and forms derived from them
 * (initials "ttp" of "Tehrik-i-Taliban Pakistan", joined letters "isisk" of "ISIS-K"). Each form
 * is a list of folded words, matched with the same rules as detection. This is the part that
 * changes when search should find a name by a new kind of spelling.
 */
import acronymSkip from './data/acronym-skip-words.json';
import { tokenize } from './normalize';
import type { EntityType } from './pack-format';

/** Form flags. */
export const F_ALIAS = 1;
/** A derived form (initials, joined letters): matches only as a whole, never by prefix or typo. */
export const F_DERIVED = 2;

/** Entity types whose multi-word names also answer to their initials ("TTP"). */
const ACRONYM_TYPES = new Set<EntityType>(['organization', 'initiative', 'event']);
const ACRONYM_SKIP = new Set(acronymSkip.words);

export interface FormSource {
  name: string;
  type: EntityType;
  aliases: string[];
}

/**
 * Call `emit` once per distinct form of an entry (the same words twice make one form): the name,
 * the aliases, then derived forms, so that a real alias wins over a derived one with its words.
 */
export function formsOf(e: FormSource, emit: (words: string[], text: string, flags: number) => void): void {
  const seen = new Set<string>();
  const add = (words: string[], text: string, flags: number) => {
    if (!words.length) return;
    const k = words.join(' ');
    if (seen.has(k)) return;
    seen.add(k);
    emit(words, text, flags);
  };
  const nameWords = tokenize(e.name).map((t) => t.fold);
  add(nameWords, e.name, 0);
  const aliasWords: [string[], string][] = [];
  for (const alias of e.aliases) {
    const words = tokenize(alias).map((t) => t.fold);
    aliasWords.push([words, alias]);
    add(words, alias, F_ALIAS);
  }
  if (ACRONYM_TYPES.has(e.type)) {
    const initials = nameWords.filter((w) => !ACRONYM_SKIP.has(w) && /^\p{L}/u.test(w)).map((w) => String.fromCodePoint(w.codePointAt(0) as number));
    if (initials.length >= 2 && initials.length <= 8) add([initials.join('')], initials.join('').toUpperCase(), F_ALIAS | F_DERIVED);
  }
  for (const [words, text] of [[nameWords, e.name] as [string[], string], ...aliasWords]) {
    // "ISIS-K" → "isisk", "Al-Qaeda" → "alqaeda": joined forms of names with a short part.
    if (words.length >= 2 && words.length <= 4 && words.some((w) => w.length <= 2)) {
      const joined = words.join('');
      if (joined.length <= 16) add([joined], text, (text === e.name ? 0 : F_ALIAS) | F_DERIVED);
    }
  }
}
