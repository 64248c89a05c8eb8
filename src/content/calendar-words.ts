/**
 * The words a date is written with in a page's language: month and weekday names (standalone and
 * in a date, long and short: "outubro", "сентября", "Freitag"), and the little words a full date
 * puts between them ("de", "às", "um", "в"). All from the platform's own calendar data
 * (`Intl.DateTimeFormat#formatToParts`), never a hand list, so a dateline reads as a date in any
 * language the browser knows. English words are always included (datelines in English appear on
 * pages of every language).
 */

import { CALENDAR_WORDS } from '../core/detection-cues';
import { foldWord } from '../core/normalize';

/** Formats whose parts name months and weekdays, alone and inside a date, and a full date-time's own words. */
const FORMATS: Intl.DateTimeFormatOptions[] = [
  { month: 'long' },
  { month: 'short' },
  { weekday: 'long' },
  { weekday: 'short' },
  { day: 'numeric', month: 'long' },
  { day: 'numeric', month: 'short' },
  { dateStyle: 'full', timeStyle: 'short' },
  { dateStyle: 'long', timeStyle: 'short' },
];

/** Part types whose words belong to a date. */
const DATE_PARTS = new Set(['month', 'weekday', 'literal', 'dayPeriod']);

/** Folded words: `names` of months and weekdays (they make a line a date), `words` those and the little words between. */
export interface Calendar {
  names: Set<string>;
  words: Set<string>;
}

const cache = new Map<string, Calendar>();

/** The calendar words of `lang` (a BCP 47 tag) and English; English alone for a tag the platform does not know. */
export function calendarWords(lang: string | undefined): Calendar {
  const key = (lang ?? '').trim().toLowerCase();
  const known = cache.get(key);
  if (known) return known;
  const out: Calendar = { names: new Set(CALENDAR_WORDS), words: new Set(CALENDAR_WORDS) };
  // English is in already (CALENDAR_WORDS): the platform's calendar is asked only for other
  // languages, so an English page never builds date formats (and their heap) in the page.
  const primary = key.split(/[-_]/)[0];
  let locale: string | undefined;
  try {
    locale = primary && primary !== 'en' ? Intl.DateTimeFormat.supportedLocalesOf([key])[0] : undefined;
  } catch {
    // Not a well-formed language tag: English only.
  }
  if (locale) {
    // Every month (on its 15th) and every weekday (1–7 January 2024 run Monday to Sunday).
    const dates = [
      ...Array.from({ length: 12 }, (_, m) => new Date(Date.UTC(2024, m, 15, 20, 13))),
      ...Array.from({ length: 7 }, (_, d) => new Date(Date.UTC(2024, 0, 1 + d, 9, 5))),
    ];
    for (const options of FORMATS) {
      const format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
      for (const date of dates)
        for (const part of format.formatToParts(date)) {
          if (!DATE_PARTS.has(part.type)) continue;
          const name = part.type === 'month' || part.type === 'weekday';
          for (const word of part.value.match(/\p{L}+/gu) ?? []) {
            const folded = foldWord(word.toLowerCase());
            out.words.add(folded);
            if (name) out.names.add(folded);
          }
        }
    }
  }
  cache.set(key, out);
  return out;
}

/** The language a page says it is in, else the browser's. */
export function pageLanguage(doc: Document): string | undefined {
  const declared = doc.documentElement?.getAttribute('lang')?.trim();
  if (declared) return declared;
  return typeof navigator === 'undefined' ? undefined : navigator.language;
}
