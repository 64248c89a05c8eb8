/**
 * The card a page's first pointer movement renders once, hidden, so the card's code, styles and
 * fonts are warm before the reader's first real card (`CardHost.warmUp`). Fixed, neutral text that
 * names no entity of any pack: it is never shown, and it is the same on every page, whatever the
 * page holds and whatever the packs know.
 */
import type { CardData } from '../shared/card-data';

const SOURCE = { title: 'Placeholder source', url: 'https://example.org/', publisher: 'Placeholder', date: '2000-01-01' };

/** Every part a real card can have (facts, quotes, timeline, related names, packs), once each. */
export const WARM_CARD: Readonly<CardData> = Object.freeze({
  key: 'warm:placeholder',
  name: 'Placeholder',
  type: 'other',
  description: 'Placeholder description',
  summary: 'Placeholder summary.',
  facts: [{ label: 'Placeholder', value: 'Placeholder' }],
  sources: [SOURCE],
  statements: [{ id: 's', date: '2000-01-01', text: 'Placeholder quote.', context: 'Placeholder', source: SOURCE }],
  events: [{ id: 'e', date: '2000-01-01', title: 'Placeholder event', summary: 'Placeholder.', source: SOURCE, with: ['Placeholder'] }],
  relatedOnPage: [{ event: 'Placeholder event', date: '2000-01-01', names: [{ key: 'warm:other', name: 'Placeholder' }] }],
  packs: [{ id: 'warm', title: 'Placeholder', version: 1 }],
});
