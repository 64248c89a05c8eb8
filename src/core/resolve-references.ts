/**
 * From raw alias matches to mentions a reader can trust: references back ("Sharif" after
 * "Shehbaz Sharif"), names the packs do not know ("Gul Khan" blocks "Khan"), and ambiguous aliases
 * resolved from what else the page mentions. When unsure, no mention.
 */
import { FUNCTION_WORDS, fold, GENERAL_TITLES, PERSON_VERBS, PLACE_BEFORE } from './detection-cues';
import { chooseEntity, type PageFit, type TypeCue } from './entity-choice';
import { type Candidate, countryCodeOf, FLAG, type Matcher } from './matcher';
import { isCalendarWord, isOrdinaryPhrase, nameLikelihood, readPageWords } from './name-likelihood';
import type { Token } from './normalize';
import { zipfOf } from './word-frequency';

export interface DetectedMention {
  start: number;
  end: number;
  entity: string;
}

/** What earlier text of the same page established; carried by the content script between calls. */
export interface DetectContext {
  seen: string[];
  unknown: string[];
}

const MAX_CONTEXT = 2000;
const PART_KEY = 'part:';
const LAST_KEY = 'last:';
/** Context items are at most 100 characters (messages.ts): longer surfaces are not carried over. */
const MAX_KEPT_SURFACE = 60;

/**
 * Words that may follow a place or organisation without making a longer name of it
 * ("US officials", "Kabul airport", "Islamabad Police"); any other capitalised word does
 * ("Islamabad High Court", "Washington Post", "Pakistan Peoples Party").
 */
const GENERIC_AFTER = new Set(
  (
    'government govt administration embassy consulate mission delegation forces force military troops soldiers ' +
    'officials official authorities authority ministry office foreign defence defense interior border borders ' +
    'president prime minister envoy envoys special representative chief police province provincial city district ' +
    'valley region regional capital airport crossing side team leadership leaders leader spokesman spokesperson ' +
    'commander commanders fighters militants security national federal congress senate parliament assembly cabinet treasury'
  )
    .split(' ')
    .map(fold),
);

/** The probability below which a match is read as an ordinary word, not a name. */
const NAME_LIKELY = 0.5;

/** Lines written in Title Case (headlines) capitalise ordinary words: adjacency tells nothing there. */
function titleCaseLines(tokens: Token[], inMatch: Uint8Array): Uint8Array {
  const out = new Uint8Array(tokens.length);
  let from = 0;
  for (let i = 1; i <= tokens.length; i++) {
    if (i < tokens.length && !tokens[i].lineStart) continue;
    let words = 0;
    let capital = 0;
    // Ordinary words only: names are capitalised anywhere, and so is a sentence's first word.
    for (let k = from; k < i; k++) {
      if (tokens[k].raw.length < 3 || inMatch[k] || tokens[k].sentenceStart) continue;
      words++;
      if (tokens[k].caps === 'title' || tokens[k].caps === 'upper') capital++;
    }
    if (words >= 3 && capital / words >= 0.7) out.fill(1, from, i);
    from = i;
  }
  return out;
}

interface Resolved {
  cand: Candidate;
  entity: number;
  /** Start offset when the mention reaches back over a year ("2014 Army Public School attack"). */
  start?: number;
}

export function resolveMentions(
  tokens: Token[],
  cands: Candidate[],
  matcher: Matcher,
  context: DetectContext,
): {
  mentions: DetectedMention[];
  context: DetectContext;
} {
  // Order of recency: earlier calls get negative positions, oldest lowest.
  const lastSeen = new Map<number, number>();
  for (const [i, k] of context.seen.entries()) {
    const e = matcher.indexOfKey(k);
    if (e >= 0) lastSeen.set(e, i - context.seen.length - 1);
  }
  const lastUnknown = new Map<string, number>();
  // An unknown name is stored as "key|r": r full mentions of `seen` came before it, which puts it
  // on the same scale as `seen` (between its r-th and (r+1)-th entry).
  for (const [i, item] of context.unknown.entries()) {
    const bar = item.lastIndexOf('|');
    const rank = bar > 0 ? Number(item.slice(bar + 1)) : Number.NaN;
    const key = bar > 0 ? item.slice(0, bar) : item;
    const at =
      Number.isInteger(rank) && rank >= 0 && rank <= context.seen.length
        ? rank - context.seen.length - 1.5
        : i - context.unknown.length - 1 - context.seen.length;
    lastUnknown.set(key, at);
  }

  // Stage 1: how likely each match is a name here, not an ordinary word ("Police", "Will").
  const hasFull = (c: Candidate) => c.entries.some((x) => !(x.flags & FLAG.SHORT));
  const anyName = new Uint8Array(tokens.length);
  for (const c of cands) if (hasFull(c)) anyName.fill(1, c.from, c.to);
  const titleLine = titleCaseLines(tokens, anyName);
  const page = readPageWords(tokens, titleLine);
  const isName = cands.map((c) => hasFull(c) && nameLikelihood(tokens, c.from, c.to, page) >= NAME_LIKELY);
  // An alias the pack keeps from standing alone ("Pakistani") needs an earlier mention of its entity.
  const optionsOf = (c: Candidate) => c.entries.filter((x) => !(x.flags & FLAG.SHORT) && (!(x.flags & FLAG.NO_STANDALONE) || lastSeen.has(x.entity)));
  const isTitle = (f: string) => GENERAL_TITLES.has(f) || matcher.isTitle(f);
  const cues = cands.map((c) => typeCueAt(tokens, c, isTitle));
  // A name of several words, not all of them everyday words, is specific ("Dera Ismail Khan", not "White House").
  const specific = cands.map((c) => wordCount(tokens, c) > 1 && !isOrdinaryPhrase(tokens, c.from, c.to));

  // Stage 2: what the page is about: entities named unambiguously, and their countries.
  const onPage = new Set<number>(lastSeen.keys());
  cands.forEach((c, i) => {
    const full = optionsOf(c);
    if (isName[i] && full.length === 1) onPage.add(full[0].entity);
  });
  const confident = new Set<number>();
  const fit: PageFit = { onPage, lastSeen, countries: new Map(), confident };
  // Words of names the packs know for sure; a bare surname is not one ("Muhammad Khan Achakzai").
  const inMatch = new Uint8Array(tokens.length);
  cands.forEach((c, i) => {
    if (!isName[i]) return;
    const e = chooseEntity(optionsOf(c), matcher, fit, cues[i], specific[i]);
    if (e < 0) return;
    confident.add(e);
    inMatch.fill(1, c.from, c.to);
  });
  countPageCountries(tokens, matcher, confident, fit.countries);

  // In a Title Case headline, a capitalised word after a place is usually a verb or noun of the
  // headline ("Pakistan Widens Drive"); next to a person's name it is still a name ("By Ahmed Munir").
  const isUnknownName = (k: number, headlineWordsCount = true): boolean => {
    if (k < 0 || k >= tokens.length || inMatch[k]) return false;
    if (!headlineWordsCount && titleLine[k]) return false;
    const t = tokens[k];
    if (t.caps !== 'title' && t.caps !== 'upper') return false;
    if (isTitle(t.fold) || isCalendarWord(t) || Object.hasOwn(matcher.cues.demonyms, t.fold)) return false;
    const lower = t.raw.toLowerCase();
    if (FUNCTION_WORDS.has(lower)) return false;
    const zipf = zipfOf(lower);
    // An everyday word, or one the page also writes in lowercase, capitalised because it starts a
    // sentence or sits on a Title Case line ("Kabul Rejects Charge"); a name never is.
    if ((t.sentenceStart || titleLine[k]) && (zipf > 0 || page.lower.has(lower))) return false;
    return true;
  };
  // Pairs of capitalised words the page writes mid-sentence ("in Inner Mongolia"): the same pair
  // at a sentence start is the same longer name, though its first word is an everyday word there.
  const midPairs = new Set<string>();
  for (let k = 1; k < tokens.length; k++) {
    const a = tokens[k - 1];
    if (tokens[k].spaceBefore && !a.sentenceStart && !titleLine[k - 1] && (a.caps === 'title' || a.caps === 'upper'))
      midPairs.add(`${a.fold} ${tokens[k].fold}`);
  }
  const pairSeenMidSentence = (k: number) => tokens[k].sentenceStart && !inMatch[k] && midPairs.has(`${tokens[k].fold} ${tokens[k + 1].fold}`);
  /** Capitalised words the packs do not know sit right before or after [from, to): a longer name. */
  const unknownAfter = (c: Candidate, headlineWordsCount = true) =>
    c.to < tokens.length && tokens[c.to].spaceBefore && !tokens[c.to - 1].possessive && isUnknownName(c.to, headlineWordsCount);
  const unknownBefore = (c: Candidate, headlineWordsCount = true) =>
    c.from > 0 &&
    tokens[c.from].spaceBefore &&
    !tokens[c.from - 1].possessive &&
    (isUnknownName(c.from - 1, headlineWordsCount) || pairSeenMidSentence(c.from - 1));
  // "UK Home Secretary", "US Trade Representative": a place followed by an office (one capitalised
  // everyday word, then a title) is the place; the office belongs to the person it introduces.
  const officeAfter = (c: Candidate): boolean => {
    const k = c.to;
    if (k + 1 >= tokens.length || !tokens[k].spaceBefore || !tokens[k + 1].spaceBefore || tokens[k + 1].lineStart) return false;
    const [word, title] = [tokens[k], tokens[k + 1]];
    const capital = (t: Token) => t.caps === 'title' || t.caps === 'upper';
    return capital(word) && capital(title) && zipfOf(word.raw.toLowerCase()) > 0 && isTitle(title.fold);
  };
  /** A capitalised word the packs do not know right after the match makes a longer name ("Washington Post"). */
  const longerAfter = (c: Candidate) => unknownAfter(c, false) && !GENERIC_AFTER.has(tokens[c.to].fold) && !officeAfter(c);
  // A fragment of a place's or organisation's name ("Emirates" of "United Arab Emirates") that the
  // page also writes inside a longer name it does not know ("Emirates Airline") stands for that name.
  // And the last word of a longer name whose first word is no everyday word ("Marcel Granollers",
  // "FC Porto") stands for that name when the page uses it alone: no place or organisation.
  // Both carry over to later texts of the same page through the context's unknown names, under
  // prefixes no folded surname has ("part:", "last:").
  const inLongerName = new Set<string>();
  const lastOfName = new Set<string>();
  for (const key of lastUnknown.keys()) {
    if (key.startsWith(PART_KEY)) inLongerName.add(key.slice(PART_KEY.length));
    else if (key.startsWith(LAST_KEY)) lastOfName.add(key.slice(LAST_KEY.length));
  }
  cands.forEach((c, i) => {
    if (!isName[i]) return;
    const before = unknownBefore(c, false);
    const s = surface(tokens, c);
    if (before || longerAfter(c)) {
      inLongerName.add(s);
      if (s.length <= MAX_KEPT_SURFACE) lastUnknown.set(PART_KEY + s, i);
    }
    const first = tokens[c.from - 1];
    if (before && !first.sentenceStart && zipfOf(first.raw.toLowerCase()) === 0) {
      lastOfName.add(s);
      if (s.length <= MAX_KEPT_SURFACE) lastUnknown.set(LAST_KEY + s, i);
    }
  });
  const withoutPartsOfNames = (c: Candidate, options: ReturnType<typeof optionsOf>) => {
    const s = surface(tokens, c);
    let kept = inLongerName.has(s) ? options.filter((x) => !(x.flags & FLAG.FRAGMENT)) : options;
    if (lastOfName.has(s)) kept = kept.filter((x) => matcher.typeOf(x.entity) === 'person');
    return kept;
  };

  // Stage 3: decide each match.
  const out: Resolved[] = [];
  cands.forEach((c, pos) => {
    const short = c.entries.filter((x) => x.flags & FLAG.SHORT);
    if (isName[pos]) {
      // A name glued by hyphens to lowercase words on both sides is part of a web address's slug
      // ("…-providing-Vietnam-with-coast-guard"), not prose.
      if (inSlug(tokens, c)) return;
      const entity = chooseEntity(withoutPartsOfNames(c, optionsOf(c)), matcher, fit, cues[pos], specific[pos]);
      const type = entity >= 0 ? matcher.typeOf(entity) : 'other';
      // Longer names win: "Islamabad High Court", "Washington Post", "Latin America", "Good
      // Morning America" (a place or organisation inside a longer name the packs do not know)…
      const placeInLongerName = (type === 'place' || type === 'organization') && (longerAfter(c) || unknownBefore(c, false));
      // …and "Maryam Nawaz Sharif", "Melania Trump", "Trump Tower", "Bush Administration".
      const personInLongerName = type === 'person' && (unknownBefore(c) || unknownAfter(c, false));
      if (entity >= 0 && !placeInLongerName && !personInLongerName) {
        const year = c.from > 0 && tokens[c.from].spaceBefore && /^(1[89]|20)\d\d$/.test(tokens[c.from - 1].raw) ? tokens[c.from - 1] : null;
        out.push({ cand: c, entity, start: type === 'event' && year ? year.start : undefined });
        lastSeen.set(entity, pos);
      }
      return;
    }
    if (!short.length) return;
    const surnameKey = tokens[c.from].fold;
    // "Gul Khan", "Bibi Sharif", "Imran Baloch": a name we do not know, not the one we do.
    const before = c.from - 1;
    const after = c.to;
    const blockedBefore = tokens[c.from].spaceBefore && !tokens[before]?.possessive && isUnknownName(before);
    const blockedAfter = after < tokens.length && tokens[after].spaceBefore && !tokens[after - 1].possessive && isUnknownName(after);
    if (blockedBefore || blockedAfter) {
      lastUnknown.set(surnameKey, pos);
      return;
    }
    let best = -1;
    let bestAt = Number.NEGATIVE_INFINITY;
    let tie = false;
    for (const x of short) {
      const at = lastSeen.get(x.entity);
      if (at === undefined) continue;
      if (at > bestAt) {
        best = x.entity;
        bestAt = at;
        tie = false;
      } else if (at === bestAt) tie = true;
    }
    const unknownAt = lastUnknown.get(surnameKey) ?? Number.NEGATIVE_INFINITY;
    if (best >= 0 && !tie) {
      if (unknownAt > bestAt) return;
      out.push({ cand: c, entity: best });
      return;
    }
    // No earlier full mention: only a unique surname the pack allows to stand alone.
    if (short.length === 1 && !(short[0].flags & FLAG.NO_STANDALONE) && unknownAt === Number.NEGATIVE_INFINITY) {
      out.push({ cand: c, entity: short[0].entity });
    }
  });

  const seenAt = [...lastSeen.entries()].sort((a, b) => a[1] - b[1]).slice(-MAX_CONTEXT);
  const seen = seenAt.map(([e]) => matcher.keyOf(e));
  // seenAt is sorted by position: the rank is a binary search, not a scan per unknown name.
  const rankOf = (at: number) => {
    let lo = 0;
    let hi = seenAt.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seenAt[mid][1] < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const unknown = [...lastUnknown.entries()].sort((a, b) => a[1] - b[1]).map(([k, at]) => `${k}|${rankOf(at)}`);
  return {
    mentions: out.map((r) => ({ start: r.start ?? r.cand.start, end: r.cand.end, entity: matcher.keyOf(r.entity) })),
    context: { seen, unknown: unknown.slice(-MAX_CONTEXT) },
  };
}

/** The matched words as the page writes them, folded ("emirates"). */
const surface = (tokens: Token[], c: Candidate): string =>
  tokens
    .slice(c.from, c.to)
    .map((t) => t.fold)
    .join(' ');

function inSlug(tokens: Token[], c: Candidate): boolean {
  const glued = (k: number) => k > 0 && k < tokens.length && !tokens[k].spaceBefore && !tokens[k].breakBefore && tokens[k].caps === 'lower';
  return c.from > 0 && !tokens[c.from].spaceBefore && !tokens[c.from].breakBefore && tokens[c.from - 1].caps === 'lower' && glued(c.to);
}

function wordCount(tokens: Token[], c: Candidate): number {
  let n = 0;
  for (let k = c.from; k < c.to; k++) if (!tokens[k].connector) n++;
  return n;
}

/** "Gen. Munir", "Khan said" → a person; "in Quetta", "Lahore-based" → a place. */
function typeCueAt(tokens: Token[], c: Candidate, isTitle: (fold: string) => boolean): TypeCue {
  const prev = c.from > 0 && !tokens[c.from].lineStart ? tokens[c.from - 1] : null;
  const next = c.to < tokens.length && !tokens[c.to].lineStart ? tokens[c.to] : null;
  if (prev && (prev.caps === 'title' || prev.caps === 'upper') && isTitle(prev.fold)) return 'person';
  if (prev && tokens[c.from].spaceBefore && prev.caps === 'lower' && PLACE_BEFORE.has(prev.fold)) return 'place';
  if (next && next.fold === 'based' && !next.spaceBefore && !next.breakBefore) return 'place';
  if ((next?.spaceBefore && PERSON_VERBS.has(next.fold)) || (prev && tokens[c.from].spaceBefore && PERSON_VERBS.has(prev.fold))) return 'speaker';
  return null;
}

/** Country → how many confident entities (and distinct demonyms: "Kenyan") of it the page names. */
function countPageCountries(tokens: Token[], matcher: Matcher, confident: Set<number>, out: Map<number, number>): void {
  const add = (code: number) => out.set(code, (out.get(code) ?? 0) + 1);
  for (const e of confident) for (const code of matcher.countriesOf(e)) add(code);
  const demonyms = new Set<string>();
  for (const t of tokens) if (t.caps === 'title' && Object.hasOwn(matcher.cues.demonyms, t.fold)) demonyms.add(t.fold);
  for (const d of demonyms) add(countryCodeOf(matcher.cues.demonyms[d]));
}
