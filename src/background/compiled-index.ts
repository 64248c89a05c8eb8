/**
 * The compiled, in-memory view of all enabled packs: the matcher (for detection), the search
 * index (for the popup) and the Wikidata merge map (for cards). Each is stored as its own
 * ArrayBuffer record, so a worker woken for a hover loads only what that hover needs.
 */
import { compileCues } from '../core/detection-cues';
import { Matcher, type MatcherEntityInput } from '../core/matcher';
import { aliasText } from '../core/pack-format';
import { SearchIndex } from '../core/search-index';
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

/** Build matcher and search index from the name records of the given (enabled) packs. */
export function compile(packs: PackRecord[], names: Map<string, NameRecord>): Compiled {
  const enabled = packs.filter((p) => p.enabled).sort((a, b) => Number(b.bundled) - Number(a.bundled) || a.id.localeCompare(b.id));
  const inputs: MatcherEntityInput[] = [];
  const searchEntries: Parameters<typeof SearchIndex.build>[0] = [];
  const byWikidata = new Map<string, number>();
  const merged: Record<string, string[]> = {};
  for (const pack of enabled) {
    const rec = names.get(pack.generation);
    if (!rec) continue;
    for (const n of rec.names) {
      const key = `${pack.id}:${n.id}`;
      const aliases = (n.aliases ?? []).map((a) => (typeof a === 'string' ? { text: a } : a));
      const primary = n.wikidata ? byWikidata.get(n.wikidata) : undefined;
      if (primary !== undefined) {
        // Same real-world thing in two packs: one entity on the card, both packs' aliases.
        const p = inputs[primary];
        p.aliases.push({ text: n.name }, ...aliases);
        searchEntries[primary].aliases.push(n.name, ...aliases.map(aliasText));
        (merged[p.key] ??= []).push(key);
        continue;
      }
      if (n.wikidata) byWikidata.set(n.wikidata, inputs.length);
      inputs.push({
        key,
        name: n.name,
        type: n.type,
        aliases,
        prominence: n.prominence,
        countries: n.countries,
        related: n.related.map((r) => `${pack.id}:${r}`),
      });
      searchEntries.push({ key, name: n.name, type: n.type, description: n.description, aliases: aliases.map(aliasText), prominence: n.prominence });
    }
  }
  const cues = compileCues(enabled.map((p) => p.meta.cues));
  return { matcher: Matcher.build(inputs, cues), search: SearchIndex.build(searchEntries), merged, stamp: stampOf(packs) };
}

/** The records that hold a compiled view; written together in the import's switch transaction. */
export function toBlobs(c: Compiled): BlobRecord[] {
  const merged = new TextEncoder().encode(JSON.stringify(c.merged));
  return [
    { key: 'matcher', data: c.matcher.toSnapshot(), stamp: c.stamp },
    { key: 'search', data: c.search.toSnapshot(), stamp: c.stamp },
    { key: 'merged', data: merged.buffer.slice(merged.byteOffset, merged.byteOffset + merged.byteLength), stamp: c.stamp },
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
  const c = compile(packs, names);
  try {
    await db.blobs.bulkPut(toBlobs(c));
  } catch {
    // A full disk must not stop detection: the in-memory view still works this time.
  }
  return c[part] as PartValue[P];
}
