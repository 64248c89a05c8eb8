/**
 * The compiled, in-memory view of all enabled packs: the matcher (for detection), the search
 * index (for the popup) and the Wikidata merge map (for cards). Each is stored as its own
 * ArrayBuffer record, so a worker woken for a hover loads only what that hover needs.
 */
import { compileCues } from '../core/detection-cues';
import { type EntityFeed, Matcher, type MatcherCues, type MatcherEntityInput } from '../core/matcher';
import { aliasText } from '../core/pack-format';
import { type SearchEntry, SearchIndex } from '../core/search-index';
import type { BackstoryDatabase, BlobRecord, NameRecord, PackRecord } from './database';

export interface Compiled {
  matcher: Matcher;
  search: SearchIndex;
  /** Entities merged into another by a shared Wikidata id: primary key → the other keys. */
  merged: Record<string, string[]>;
  stamp: string;
}

export type Part = 'matcher' | 'search' | 'merged';
export type PartValue = { matcher: Matcher; search: SearchIndex; merged: Record<string, string[]> };

export const stampOf = (packs: PackRecord[]): string =>
  packs
    .filter((p) => p.enabled)
    .map((p) => `${p.id}@${p.generation}`)
    .sort()
    .join(',');

type NameEntry = NameRecord['names'][number];

interface Sources {
  /** Matcher inputs, made on demand (the matcher reads them twice). */
  matcher: EntityFeed<MatcherEntityInput>;
  search: EntityFeed<SearchEntry>;
  merged: Record<string, string[]>;
  cues: MatcherCues;
  stamp: string;
}

const aliasObjects = (n: NameEntry) => (n.aliases ?? []).map((a) => (typeof a === 'string' ? { text: a } : a));

/**
 * The entities of the enabled packs, in order, as feeds: an entity that shares a Wikidata id with
 * an earlier one is merged into it (one entity on the card, both packs' aliases). Inputs are made
 * while a builder reads them, so only one entity's input is alive at a time.
 */
function sourcesOf(packs: PackRecord[], names: Map<string, NameRecord>): Sources {
  const enabled = packs.filter((p) => p.enabled).sort((a, b) => Number(b.bundled) - Number(a.bundled) || a.id.localeCompare(b.id));
  const lists = enabled.flatMap((pack) => {
    const rec = names.get(pack.generation);
    return rec ? [{ pack: pack.id, names: rec.names }] : [];
  });
  // Merges first: a primary's input carries the names and aliases of the entries merged into it.
  const primaryKey = new Map<string, string>();
  const extras = new Map<string, NameEntry[]>();
  const merged: Record<string, string[]> = {};
  for (const { pack, names: list } of lists) {
    for (const n of list) {
      if (!n.wikidata) continue;
      const primary = primaryKey.get(n.wikidata);
      if (primary === undefined) {
        primaryKey.set(n.wikidata, `${pack}:${n.id}`);
        continue;
      }
      (merged[primary] ??= []).push(`${pack}:${n.id}`);
      let more = extras.get(n.wikidata);
      if (!more) extras.set(n.wikidata, (more = []));
      more.push(n);
    }
  }
  primaryKey.clear();
  function* each(): Generator<{ pack: string; n: NameEntry; more: NameEntry[] }> {
    const seen = new Set<string>();
    for (const { pack, names: list } of lists) {
      for (const n of list) {
        if (n.wikidata) {
          if (seen.has(n.wikidata)) continue;
          seen.add(n.wikidata);
        }
        yield { pack, n, more: (n.wikidata && extras.get(n.wikidata)) || [] };
      }
    }
  }
  return {
    *matcher() {
      for (const { pack, n, more } of each()) {
        const aliases = aliasObjects(n);
        for (const m of more) aliases.push({ text: m.name }, ...aliasObjects(m));
        yield {
          key: `${pack}:${n.id}`,
          name: n.name,
          type: n.type,
          aliases,
          prominence: n.prominence,
          countries: n.countries,
          // Read only by the matcher's second pass: made then, not held through the first.
          get related() {
            return n.related.map((r) => `${pack}:${r}`);
          },
        };
      }
    },
    *search() {
      for (const { pack, n, more } of each()) {
        const aliases = (n.aliases ?? []).map(aliasText);
        for (const m of more) aliases.push(m.name, ...(m.aliases ?? []).map(aliasText));
        yield { key: `${pack}:${n.id}`, name: n.name, type: n.type, description: n.description, aliases, prominence: n.prominence };
      }
    },
    merged,
    cues: compileCues(enabled.map((p) => p.meta.cues)),
    stamp: stampOf(packs),
  };
}

/** Build matcher and search index from the name records of the given (enabled) packs. */
export function compile(packs: PackRecord[], names: Map<string, NameRecord>): Compiled {
  const s = sourcesOf(packs, names);
  return { matcher: Matcher.build(s.matcher, s.cues), search: SearchIndex.build(s.search), merged: s.merged, stamp: s.stamp };
}

/**
 * The records that hold a compiled view, built one part at a time: each part is serialised and
 * its builder's memory released before the next is built (an import's peak memory is here).
 */
export function compileBlobs(packs: PackRecord[], names: Map<string, NameRecord>): BlobRecord[] {
  const s = sourcesOf(packs, names);
  const matcher = Matcher.build(s.matcher, s.cues).toSnapshot();
  const search = SearchIndex.build(s.search).toSnapshot();
  const merged = new TextEncoder().encode(JSON.stringify(s.merged));
  return [
    { key: 'matcher', data: matcher, stamp: s.stamp },
    { key: 'search', data: search, stamp: s.stamp },
    { key: 'merged', data: merged.buffer.slice(merged.byteOffset, merged.byteOffset + merged.byteLength), stamp: s.stamp },
  ];
}

function parsePart<P extends Part>(part: P, data: ArrayBuffer): PartValue[P] | null {
  if (part === 'matcher') return Matcher.fromSnapshot(data) as PartValue[P] | null;
  if (part === 'search') return SearchIndex.fromSnapshot(data) as PartValue[P] | null;
  try {
    return JSON.parse(new TextDecoder().decode(data)) as PartValue[P];
  } catch {
    return null;
  }
}

/**
 * Load one part of the compiled view: its stored snapshot when it matches the live packs, else
 * a rebuild of all parts from the name records (stored again for the next wake-up).
 */
export async function loadPart<P extends Part>(db: BackstoryDatabase, part: P): Promise<PartValue[P]> {
  const packs = await db.packs.toArray();
  const stamp = stampOf(packs);
  const blob = await db.blobs.get(part);
  if (blob && blob.stamp === stamp) {
    const value = parsePart(part, blob.data);
    if (value) return value;
  }
  const names = new Map<string, NameRecord>();
  for (const rec of await db.names.bulkGet(packs.filter((p) => p.enabled).map((p) => p.generation))) {
    if (rec) names.set(rec.generation, rec);
  }
  const blobs = compileBlobs(packs, names);
  names.clear();
  try {
    await db.blobs.bulkPut(blobs);
  } catch {
    // A full disk must not stop detection: the in-memory view still works this time.
  }
  const fresh = parsePart(part, (blobs.find((b) => b.key === part) as BlobRecord).data);
  if (!fresh) throw new Error(`the compiled ${part} could not be read back`);
  return fresh;
}
