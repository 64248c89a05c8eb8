/**
 * Which entity a name means, across packs: a prior (the pack's `prominence`) plus how well each
 * candidate fits the page (mentioned before, linked by events to entities on the page, sharing
 * their countries, type cues around the name). When no candidate is convincing: no entity (NIL).
 */
import { FLAG, type Matcher } from './matcher';

/** Minimum score for a mark; a place of ~100,000 people with no support on the page falls short. */
export const CONVINCING = 0.5;
/** Two candidates closer than this: a close call, no mark. */
export const MARGIN = 0.2;
const DEFAULT_PROMINENCE = 0.5;
const CANONICAL_BONUS = 0.2;
/** A name of several words, not all everyday words ("Dera Ismail Khan"), is convincing by itself. */
const SPECIFIC_BONUS = 0.5;

/** 'person': a title before the name; 'speaker': "said" next to it (countries speak too); 'place': "in", "-based". */
export type TypeCue = 'person' | 'speaker' | 'place' | null;

export interface PageFit {
  /** Entities named unambiguously on the page. */
  onPage: Set<number>;
  /** Position of each entity's latest mention (negative: earlier calls of the same page). */
  lastSeen: Map<number, number>;
  /** Country code → number of distinct confident entities (and demonyms) of that country on the page. */
  countries: Map<number, number>;
  /** The confident entities counted in `countries` (an entity does not support itself). */
  confident: Set<number>;
}

/** Drop an entity when an earlier pack has its twin: same type, same name, compatible countries. */
export function withoutTwins<T extends { entity: number }>(options: T[], matcher: Matcher): T[] {
  if (options.length < 2) return options;
  return options.filter((b) => !options.some((a) => a.entity < b.entity && isTwin(matcher, a.entity, b.entity)));
}

function isTwin(m: Matcher, a: number, b: number): boolean {
  if (m.packOf(a) === m.packOf(b) || m.typeOf(a) !== m.typeOf(b) || !m.sameName(a, b)) return false;
  const ca = m.countriesOf(a);
  const cb = m.countriesOf(b);
  return ca.length === 0 || cb.length === 0 || ca.some((c) => cb.includes(c));
}

/**
 * A place named by the text itself beats a larger place that only has the text as an alias: "Beijing"
 * is the city before it is China's metonym, "Washington" the city before the United States. The
 * larger place is the one whose countries hold all of the named place's; the named place must be
 * convincing on its own, else nothing changes.
 */
export function withoutMetonyms<T extends { entity: number; flags: number }>(options: T[], m: Matcher, score: (e: number) => number): T[] {
  if (options.length < 2) return options;
  const named = options.filter((o) => o.flags & FLAG.CANONICAL && m.typeOf(o.entity) === 'place' && m.placedIn(o.entity).length > 0);
  if (!named.length) return options;
  const holds = (outer: number, inner: number) => {
    const co = m.placedIn(outer);
    return co.length > 0 && m.placedIn(inner).every((c) => co.includes(c));
  };
  const dropped = options.filter(
    (y) => !(y.flags & FLAG.CANONICAL) && m.typeOf(y.entity) === 'place' && named.some((x) => holds(y.entity, x.entity) && score(x.entity) >= CONVINCING),
  );
  return dropped.length ? options.filter((o) => !dropped.includes(o)) : options;
}

/**
 * Country support from other entities on the page: up to two supporters count. The candidates
 * for this very mention support none of them ("Hong Kong" the territory and the city).
 */
function countryFit(m: Matcher, e: number, fit: PageFit, rivals: readonly number[]): number {
  let best = 0;
  for (const c of m.countriesOf(e)) {
    let n = fit.countries.get(c) ?? 0;
    for (const r of rivals) if (fit.confident.has(r) && m.countriesOf(r).includes(c)) n--;
    if (n > best) best = n;
  }
  return 0.1 * Math.min(best, 2);
}

function typeFit(m: Matcher, e: number, cue: TypeCue): number {
  if (!cue) return 0;
  const type = m.typeOf(e);
  if (cue === 'person') return type === 'person' ? 0.3 : -0.3;
  if (cue === 'speaker') return type === 'person' ? 0.3 : 0;
  // "in X" is weak for places (said of every place), so it adds less than a title does for people.
  return type === 'place' ? 0.15 : type === 'person' ? -0.3 : 0;
}

/** The score of one candidate entity for this mention. */
export function scoreEntity(m: Matcher, e: number, fit: PageFit, cue: TypeCue, specific: boolean, rivals: readonly number[] = [e]): number {
  const prior = m.entityProminence[e];
  let score = Number.isFinite(prior) ? prior : DEFAULT_PROMINENCE;
  if (fit.lastSeen.has(e)) score += 2;
  let rel = 0;
  for (const r of m.related(e)) if (fit.onPage.has(r)) rel++;
  score += Math.min(rel, 5) * 0.4;
  score += countryFit(m, e, fit, rivals) + typeFit(m, e, cue);
  // A name of several words, or one that is no everyday word, says more than a bare common word.
  if (specific) score += SPECIFIC_BONUS;
  return score;
}

/**
 * The entity this mention means, or -1 (NIL) when the best is not convincing or the call is close.
 */
export function chooseEntity(options: { entity: number; flags: number }[], m: Matcher, fit: PageFit, cue: TypeCue, specific: boolean): number {
  // The alias is the entity's own name ("Beijing" the city, not China's metonym): a little more likely.
  // Between candidates, the alias being an entity's own name ("Beijing" the city, not China's
  // metonym) counts a little; it does not make a weak candidate convincing.
  const twinless = withoutTwins(options, m);
  const rivals = twinless.map((o) => o.entity);
  const kept = withoutMetonyms(twinless, m, (e) => scoreEntity(m, e, fit, cue, specific, rivals));
  const scored = kept.map(({ entity: e, flags }) => {
    const score = scoreEntity(m, e, fit, cue, specific, rivals);
    return { e, score, rank: score + (flags & FLAG.CANONICAL ? CANONICAL_BONUS : 0) };
  });
  scored.sort((a, b) => b.rank - a.rank);
  if (!scored.length || scored[0].score < CONVINCING) return -1;
  if (scored.length > 1 && scored[0].rank - scored[1].rank < MARGIN) return -1;
  return scored[0].e;
}
