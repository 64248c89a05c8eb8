/**
 * What the card shows at a glance, chosen from the full card data: the latest one or two
 * statements dated before the article (all dates count when the article's date is unknown), the
 * latest such event, and how many items are dated after the article. Pure.
 */
import { compareDatesDesc, isAfter } from '../core/dates';
import type { CardData, CardEvent, CardStatement } from '../shared/card-data';

/** A second statement is shown only when the first is short enough to leave room for it. */
export const SECOND_QUOTE_MAX_CHARS = 160;

export interface Glance {
  statements: CardStatement[];
  event?: CardEvent;
  /** Statements and events dated after the article: in the full backstory, not on the card. */
  newer: number;
}

export function glanceOf(data: Pick<CardData, 'statements' | 'events'>, articleDate?: string): Glance {
  const after = (d: string) => Boolean(articleDate) && isAfter(d, articleDate as string);
  const statements = [...data.statements].sort((a, b) => compareDatesDesc(a.date, b.date));
  const events = [...data.events].sort((a, b) => compareDatesDesc(a.date, b.date));
  const before = statements.filter((s) => !after(s.date));
  const picked = before.slice(0, 1);
  if (before[0] && before[0].text.length <= SECOND_QUOTE_MAX_CHARS && before[1]) picked.push(before[1]);
  const newer = statements.length - before.length + events.filter((e) => after(e.date)).length;
  return { statements: picked, event: events.find((e) => !after(e.date)), newer };
}
