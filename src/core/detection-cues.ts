/**
 * Words that tell detection how a name is used, not what it names. General English cues live
 * here; cues of a region or field (its titles, its demonyms) come from the packs' `cues`, so a
 * pack about Brazil or Kenya teaches its own.
 */

import { ENGLISH_CALENDAR } from './generated/english-calendar';
import type { MatcherCues } from './matcher';
import { foldWord } from './normalize';
import type { PackCues } from './pack-format';

export const fold = (w: string): string => foldWord(w.toLowerCase().replace(/['.]/g, ''));

/** General English titles and roles that stand before a person's name. Folded. */
export const GENERAL_TITLES = new Set(
  (
    'mr mrs ms miss dr prof professor sir dame lord lady gen general lt col colonel maj major brig brigadier capt ' +
    'captain cmdr commander adm admiral marshal chief prime minister pm president vice premier foreign ' +
    'interior defence defense finance deputy federal senator sen rep representative governor gov chairman ' +
    'chairperson chair secretary ambassador envoy special justice judge king queen prince princess pope father ' +
    'rev reverend bishop cardinal leader spokesman spokeswoman spokesperson former acting opposition caretaker ex ' +
    'late then mayor councillor councilman congressman congresswoman speaker attorney sheriff officer sergeant sgt ' +
    'dept director ceo chancellor president-elect commissioner'
  )
    .split(' ')
    .map(fold),
);

/**
 * English function words, sentence adverbs and compass words: capitalised, they start a sentence
 * or a direction ("Meanwhile", "North"), never a name of their own. The word-frequency lexicon
 * cannot tell these from names, as it lists them in their usual, capitalised spelling.
 */
export const FUNCTION_WORDS = new Set(
  (
    'the a an and but or nor so yet for of in on at to by from with without into onto over under after before ' +
    'when while where why how what who whom whose which that this these those then than there here he she it they ' +
    'we i you his her its their our my your him them us as if though although because since until unless also ' +
    'meanwhile however yesterday today tomorrow tonight last next earlier later according not no yes all both each ' +
    'some many most more several other another such only even still just now once again amid despite during ' +
    'western eastern northern southern north south east west said says told asked added'
  ).split(' '),
);

/** Words after which a name is a place ("in Lahore", "near Kabul"). Folded. */
export const PLACE_BEFORE = new Set(['in', 'near', 'outside', 'inside', 'around', 'across'].map(fold));
/** Words after which a name is a person ("said Khan" → the name before said). Folded. */
export const PERSON_VERBS = new Set(['said', 'says', 'told', 'added', 'asked', 'wrote', 'argued', 'noted', 'insisted', 'explained'].map(fold));

/**
 * Names of months and weekdays in English, from the platform's own calendar data (not a list),
 * read at build time (scripts/build-lexicon.mjs): "March", "May", "Sunday" are dates, not the towns
 * of those names. Building a date format in the page would cost the page 25–50 ms at load.
 */
export const CALENDAR_WORDS: Set<string> = new Set(ENGLISH_CALENDAR.map(fold));

/** Merge the cues of the enabled packs into the folded form the matcher stores. */
export function compileCues(packs: (PackCues | undefined)[]): MatcherCues {
  const titles = new Set<string>();
  const demonyms: Record<string, string> = {};
  for (const cues of packs) {
    // "Field Marshal" → both words introduce a name.
    for (const t of cues?.titles ?? []) for (const w of t.split(/\s+/)) if (w) titles.add(fold(w));
    for (const d of cues?.demonyms ?? []) demonyms[fold(d.text)] ??= d.country;
  }
  return { titles: [...titles], demonyms };
}
