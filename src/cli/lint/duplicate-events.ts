import { daySpan, overlaps } from './date-range';
import { at, type Finding, type LooseEvent, list } from './findings';

const words = (title: unknown) =>
  new Set(
    String(title ?? '')
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 2),
  );

function jaccard<T>(a: Set<T>, b: Set<T>): number {
  if (!a.size && !b.size) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Two events with overlapping dates whose entities are mostly the same (at least 2 shared, Jaccard ≥ 0.5). */
export const SAME_ENTITIES = 0.5;
/** Two events within a month whose titles share nearly all their words. */
export const SAME_TITLE = 0.8;
const TITLE_WINDOW_DAYS = 31;

/**
 * Pairs of events that probably describe one happening. Events are swept in date order, so only
 * neighbours in time are compared, never every pair.
 */
export function duplicateEvents(events: LooseEvent[]): Finding[] {
  const items = events
    .map((e, i) => ({ e, i, span: daySpan(e.date), ents: new Set(list<string>(e.entities)), title: words(e.title) }))
    .filter((x) => x.span !== undefined)
    .sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0));
  const findings: Finding[] = [];
  for (let a = 0; a < items.length; a++) {
    const x = items[a];
    const xs = x.span;
    if (!xs) continue;
    for (let b = a + 1; b < items.length; b++) {
      const y = items[b];
      const ys = y.span;
      if (!ys || ys.start > xs.end + TITLE_WINDOW_DAYS) break;
      const sameTime = overlaps(xs, ys);
      const shared = [...x.ents].filter((id) => y.ents.has(id)).length;
      const entitySim = jaccard(x.ents, y.ents);
      const titleSim = jaccard(x.title, y.title);
      let why = '';
      if (sameTime && shared >= 2 && entitySim >= SAME_ENTITIES) why = `the same date and ${shared} of the same entities`;
      else if (titleSim >= SAME_TITLE && overlaps(xs, ys, TITLE_WINDOW_DAYS)) why = 'nearly the same title, within a month';
      if (!why) continue;
      const [first, second] = x.i < y.i ? [x, y] : [y, x];
      findings.push({
        severity: 'error',
        rule: 'duplicate-event',
        where: at('events', second.i, second.e),
        message: `looks like the same happening as ${at('events', first.i, first.e)}: ${why}; merge them`,
      });
    }
  }
  return findings.sort((p, q) => p.where.localeCompare(q.where));
}
