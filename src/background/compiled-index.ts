/**
 * The compiled, in-memory view of all enabled packs: the matcher (for detection) and the search
 * index (for the popup), reloaded from ArrayBuffer snapshots when the worker wakes up.
 */
import { Matcher, type MatcherEntityInput } from '../core/matcher';
import { aliasText } from '../core/pack-format';
import { SearchIndex } from '../core/search-index';
import type { BackstoryDatabase, NameRecord, PackRecord } from './database';

export interface Compiled {
  matcher: Matcher;
  search: SearchIndex;
  /** Entities merged into another by a shared Wikidata id: primary key → the other keys. */
  merged: Record<string, string[]>;
  stamp: string;
}

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
        related: n.related.map((r) => `${pack.id}:${r}`),
      });
      searchEntries.push({
        key,
        name: n.name,
        type: n.type,
        description: n.description,
        aliases: aliases.map(aliasText),
        prominence: n.prominence,
      });
    }
  }
  return { matcher: Matcher.build(inputs), search: SearchIndex.build(searchEntries), merged, stamp: stampOf(packs) };
}

const BLOB_KEY = 'compiled';

/** Serialise the compiled view into one record. */
export function toBlob(c: Compiled): { key: string; data: ArrayBuffer; stamp: string } {
  const m = new Uint8Array(c.matcher.toSnapshot());
  const s = new Uint8Array(c.search.toSnapshot());
  const extra = new TextEncoder().encode(JSON.stringify(c.merged));
  const head = new Uint32Array([m.byteLength, s.byteLength, extra.byteLength]);
  const out = new Uint8Array(12 + m.byteLength + s.byteLength + extra.byteLength);
  out.set(new Uint8Array(head.buffer), 0);
  out.set(m, 12);
  out.set(s, 12 + m.byteLength);
  out.set(extra, 12 + m.byteLength + s.byteLength);
  return { key: BLOB_KEY, data: out.buffer, stamp: c.stamp };
}

export function fromBlob(data: ArrayBuffer, stamp: string): Compiled | null {
  if (data.byteLength < 12) return null;
  const [ml, sl, el] = new Uint32Array(data.slice(0, 12));
  if (12 + ml + sl + el !== data.byteLength) return null;
  const matcher = Matcher.fromSnapshot(data.slice(12, 12 + ml));
  const search = SearchIndex.fromSnapshot(data.slice(12 + ml, 12 + ml + sl));
  if (!matcher || !search) return null;
  let merged: Record<string, string[]>;
  try {
    merged = JSON.parse(new TextDecoder().decode(new Uint8Array(data, 12 + ml + sl, el)));
  } catch {
    return null;
  }
  return { matcher, search, merged, stamp };
}

/** Load the compiled view: the stored snapshot when it matches the live packs, else a rebuild. */
export async function loadCompiled(db: BackstoryDatabase): Promise<Compiled> {
  const packs = await db.packs.toArray();
  const stamp = stampOf(packs);
  const blob = await db.blobs.get(BLOB_KEY);
  if (blob && blob.stamp === stamp) {
    const c = fromBlob(blob.data, stamp);
    if (c) return c;
  }
  const names = new Map<string, NameRecord>();
  for (const rec of await db.names.bulkGet(packs.filter((p) => p.enabled).map((p) => p.generation))) {
    if (rec) names.set(rec.generation, rec);
  }
  const c = compile(packs, names);
  try {
    await db.blobs.put(toBlob(c));
  } catch {
    // A full disk must not stop detection: the in-memory view still works this time.
  }
  return c;
}
