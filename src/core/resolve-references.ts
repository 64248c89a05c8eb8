/**
 * From raw alias matches to mentions a reader can trust: references back ("Sharif" after
 * "Shehbaz Sharif"), names the packs do not know ("Gul Khan" blocks "Khan"), and ambiguous aliases
 * resolved from what else the page mentions. When unsure, no mention.
 */
import { type Candidate, FLAG, type Matcher } from './matcher';
import type { Token } from './normalize';

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

/** Words that precede a name without being part of it. Lowercase, folded as by `foldWord`. */
const TITLES = new Set(
  (
    'mr mrs ms miss dr prof sir dame lord lady gen general lt col colonel maj major brig brigadier capt captain cmdr ' +
    'commander adm admiral field marshal air chief prime minister pm president vice premier foreign interior defence ' +
    'defense finance deputy federal provincial senator sen rep governor gov chairman chairperson chair secretary ' +
    'ambassador envoy special representative justice judge king queen prince princess sheikh shaikh mullah mula ' +
    'mulla maulana mawlana mufti qari haji hajji emir amir leader spokesman spokesperson former acting opposition ' +
    'caretaker former ex late then us un coas cjcsc cds dg ispr cm fm mna mpa mp ig igp sho'
  )
    .split(' ')
    .map((w) => w.replace(/(.)\1+/g, '$1')),
);

/** Capitalised words that start sentences or headings without being names. */
const COMMON = new Set(
  (
    'the a an and but or nor so yet for of in on at to by from with without into onto over under after before ' +
    'when while where why how what who whom whose which that this these those then than there here he she it they ' +
    'we i you his her its their our my your him them us as if though although because since until unless also ' +
    'meanwhile however yesterday today tomorrow tonight last next earlier later according not no yes all both each ' +
    'some many most more several other another such only even still just now once again amid despite during ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august ' +
    'september october november december pakistani afghan american chinese iranian indian british russian qatari ' +
    'western eastern northern southern north south east west said says told asked added'
  ).split(' '),
);

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
    .map((w) => w.replace(/(.)\1+/g, '$1')),
);

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

  const lowercaseWords = new Set<string>();
  for (const t of tokens) if (t.caps === 'lower') lowercaseWords.add(t.raw.toLowerCase());
  // Words of full names the packs know; a bare surname is not one ("Muhammad Khan Achakzai").
  const inMatch = new Uint8Array(tokens.length);
  for (const c of cands) if (c.entries.some((x) => !(x.flags & FLAG.SHORT))) for (let k = c.from; k < c.to; k++) inMatch[k] = 1;

  // Pass 1: entities named unambiguously in full anywhere in this text (evidence for ambiguity).
  const onPage = new Set<number>(lastSeen.keys());
  for (const c of cands) {
    const full = c.entries.filter((x) => !(x.flags & FLAG.SHORT));
    if (full.length === 1) onPage.add(full[0].entity);
  }

  const titleLine = titleCaseLines(tokens, inMatch);
  const seenLowercase = (w: string) => lowercaseWords.has(w) || lowercaseWords.has(`${w}s`) || (w.endsWith('s') && lowercaseWords.has(w.slice(0, -1)));
  // In a Title Case headline, a capitalised word after a place is usually a verb or noun of the
  // headline ("Pakistan Widens Drive"); next to a person's name it is still a name ("By Ahmed Munir").
  const isUnknownName = (k: number, headlineWordsCount = true): boolean => {
    if (k < 0 || k >= tokens.length || inMatch[k]) return false;
    if (!headlineWordsCount && titleLine[k]) return false;
    const t = tokens[k];
    if (t.caps !== 'title' && t.caps !== 'upper') return false;
    const lower = t.raw.toLowerCase();
    if (TITLES.has(t.fold) || COMMON.has(lower)) return false;
    // A capitalised word that also appears in lowercase is an ordinary word starting a sentence,
    // or a word of a Title Case headline ("Kabul Rejects Charge"); a name never is.
    if ((t.sentenceStart || titleLine[k]) && seenLowercase(lower)) return false;
    return true;
  };

  const out: Resolved[] = [];
  cands.forEach((c, pos) => {
    const full = c.entries.filter((x) => !(x.flags & FLAG.SHORT));
    const short = c.entries.filter((x) => x.flags & FLAG.SHORT);
    if (full.length) {
      const entity =
        full.length === 1
          ? full[0].entity
          : pickAmbiguous(
              full.map((x) => x.entity),
              matcher,
              onPage,
              lastSeen,
            );
      const type = entity >= 0 ? matcher.typeOf(entity) : 'other';
      // "Islamabad High Court", "Washington Post": a longer name the packs do not know.
      const next = c.to;
      const placeInLongerName =
        (type === 'place' || type === 'organization') &&
        next < tokens.length &&
        tokens[next].spaceBefore &&
        !tokens[next - 1].possessive &&
        isUnknownName(next, false) &&
        !GENERIC_AFTER.has(tokens[next].fold);
      // "Maryam Nawaz Sharif", "Hamza Shehbaz Sharif": a known name inside an unknown person's.
      const prev = c.from - 1;
      const personInLongerName = type === 'person' && prev >= 0 && tokens[c.from].spaceBefore && !tokens[prev].possessive && isUnknownName(prev);
      const partOfLongerName = placeInLongerName || personInLongerName;
      if (entity >= 0 && !partOfLongerName) {
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
  const seen = seenAt.map(([e]) => matcher.entityKeys[e]);
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
    mentions: out.map((r) => ({ start: r.start ?? r.cand.start, end: r.cand.end, entity: matcher.entityKeys[r.entity] })),
    context: { seen, unknown: unknown.slice(-MAX_CONTEXT) },
  };
}

/**
 * Several entities answer to one alias ("Washington": the city or the government). Score each by
 * what the page already established and how prominent it is; a close call yields no card.
 */
function pickAmbiguous(options: number[], matcher: Matcher, onPage: Set<number>, lastSeen: Map<number, number>): number {
  const scored = options.map((e) => {
    let score = matcher.entityProminence[e];
    if (lastSeen.has(e)) score += 2;
    let rel = 0;
    for (const r of matcher.related(e)) if (onPage.has(r)) rel++;
    score += Math.min(rel, 5) * 0.4;
    return { e, score };
  });
  scored.sort((a, b) => b.score - a.score);
  if (scored.length > 1 && scored[0].score - scored[1].score < 0.2) return -1;
  return scored[0].e;
}
