/**
 * The card a page's first pointer movement renders once, hidden, so the card's code, styles and
 * fonts are warm before the reader's first real card (`CardHost.warmUp`). Fixed, neutral text that
 * names no entity of any pack: it is never shown, and it is the same on every page, whatever the
 * page holds and whatever the packs know.
 *
 * The text holds every letter, digit and common punctuation mark of the Latin script, so that laying
 * it out loads the glyphs a real card's text needs in each of the card's type styles (name, badge,
 * description, quote, dates, sources, buttons): a glyph first met in one of them costs the first
 * real card a slower layout otherwise.
 */
import type { CardData } from '../shared/card-data';

/**
 * Every Latin letter in both cases and the digits first (a source's label is cut after 60
 * characters), then the punctuation and accented letters pack text commonly holds.
 */
export const WARM_GLYPHS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 “‘’” – — … & % / ? ! : ; , . \' " ( ) - · é ü ñ ç ø å ß';
const SOURCE = { title: WARM_GLYPHS, url: 'https://example.org/', publisher: WARM_GLYPHS, date: '2000-01-01' };

/** The article date the placeholder card is drawn against: one event falls after it. */
export const WARM_ARTICLE_DATE = '2000-06-01';

/**
 * Every part a real card can have, once each: two statements (the first short, so a second is
 * shown), an event before the article and one after it (the "more in the full backstory" line),
 * facts, related names and pack labels.
 */
export const WARM_CARD: Readonly<CardData> = Object.freeze({
  key: 'warm:placeholder',
  name: WARM_GLYPHS,
  type: 'other',
  description: WARM_GLYPHS,
  summary: WARM_GLYPHS,
  facts: [{ label: WARM_GLYPHS, value: WARM_GLYPHS }],
  sources: [SOURCE],
  statements: [
    { id: 's1', date: '2000-01-02', text: 'Placeholder.', context: WARM_GLYPHS, source: SOURCE, pack: WARM_GLYPHS },
    { id: 's2', date: '2000-01-01', text: WARM_GLYPHS, context: WARM_GLYPHS, source: SOURCE, pack: WARM_GLYPHS },
  ],
  events: [
    { id: 'e1', date: '2000-01-01', title: WARM_GLYPHS, summary: WARM_GLYPHS, source: SOURCE, with: [WARM_GLYPHS], pack: WARM_GLYPHS },
    { id: 'e2', date: '2001-01-01', title: WARM_GLYPHS, summary: WARM_GLYPHS, source: SOURCE, with: [WARM_GLYPHS], pack: WARM_GLYPHS },
  ],
  relatedOnPage: [{ event: WARM_GLYPHS, date: '2000-01-01', names: [{ key: 'warm:other', name: WARM_GLYPHS }] }],
  packs: [{ id: 'warm', title: WARM_GLYPHS, version: 1 }],
});
