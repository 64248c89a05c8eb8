import { daySpan } from './date-range';
import { at, type Finding, type LoosePack, type LooseSource, list } from './findings';

/** Host of a source URL, lowercased, without "www." and a trailing dot. */
function hostOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    return new URL(url).hostname
      .toLowerCase()
      .replace(/\.$/, '')
      .replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

/** Is the host one of the listed domains or a subdomain of one? */
export function onListedDomain(url: unknown, domains: ReadonlySet<string>): string | undefined {
  const host = hostOf(url);
  if (!host) return undefined;
  const parts = host.split('.');
  for (let i = 0; i < parts.length - 1; i++) {
    const candidate = parts.slice(i).join('.');
    if (domains.has(candidate)) return candidate;
  }
  return undefined;
}

interface Cited {
  where: string;
  date: unknown;
  source: LooseSource | undefined;
  kind: 'statement' | 'event';
}

/**
 * Dated items against their sources: an item dated after the report it cites (unless marked
 * approximate) is an error; a statement or event source with no date is a warning.
 */
export function datedSources(pack: LoosePack): Finding[] {
  const cited: Cited[] = [
    ...list<{ id?: unknown; date?: unknown; source?: LooseSource }>(pack.statements).map((s, i) => ({
      where: at('statements', i, s),
      date: s.date,
      source: s.source,
      kind: 'statement' as const,
    })),
    ...list<{ id?: unknown; date?: unknown; source?: LooseSource }>(pack.events).map((e, i) => ({
      where: at('events', i, e),
      date: e.date,
      source: e.source,
      kind: 'event' as const,
    })),
  ];
  const findings: Finding[] = [];
  for (const c of cited) {
    if (!c.source) continue;
    const own = daySpan(c.date);
    const src = daySpan(c.source.date);
    if (!src) {
      findings.push({ severity: 'warning', rule: 'undated-source', where: `${c.where}.source`, message: 'the source has no date; add the publication date' });
      continue;
    }
    if (own && !own.approx && own.start > src.end) {
      findings.push({
        severity: 'error',
        rule: 'dated-after-source',
        where: c.where,
        message: `the ${c.kind} is dated ${String(c.date)} but its source was published ${String(c.source.date)}; cite a report from after the date, or mark the date approximate (~)`,
      });
    }
  }
  return findings;
}

/** Sources hosted on mirror, scraper or syndication domains (the list is data: packs/lint/mirror-domains.txt). */
export function mirrorSources(pack: LoosePack, domains: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  const check = (where: string, source: LooseSource | undefined) => {
    const domain = onListedDomain(source?.url, domains);
    if (domain)
      findings.push({
        severity: 'warning',
        rule: 'mirror-source',
        where,
        message: `cites ${domain}, a mirror or syndication site; cite the original outlet's article`,
      });
  };
  list<{ id?: unknown; sources?: unknown }>(pack.entities).forEach((e, i) => {
    list<LooseSource>(e.sources).forEach((s, j) => {
      check(`${at('entities', i, e)}.sources[${j}]`, s);
    });
  });
  list<{ id?: unknown; source?: LooseSource }>(pack.statements).forEach((s, i) => {
    check(`${at('statements', i, s)}.source`, s.source);
  });
  list<{ id?: unknown; source?: LooseSource }>(pack.events).forEach((e, i) => {
    check(`${at('events', i, e)}.source`, e.source);
  });
  return findings;
}
