/**
 * The search index's tables, shared by its builder, its snapshot and its queries: typed arrays
 * plus one string table, so a stored index reloads as views over one buffer, not as objects.
 *  - Entities are stored in rank order (prominence desc, shorter name, key), so an entity's index
 *    is its tie-break rank and a score is simply `tier * N + index`.
 *  - A form is a list of word ids (see `search-forms.ts`). The word vocabulary is sorted, so a
 *    query prefix is a contiguous id range; postings (word → forms) are CSR arrays ordered by
 *    word id, so a prefix range's postings are one contiguous slice too.
 */
import type { EntityType } from './pack-format';

export const TYPE_CODES: EntityType[] = ['person', 'organization', 'place', 'event', 'initiative', 'other'];

export interface SearchArrays {
  /** String table offsets (UTF-16 units), S + 1. Ids: [0,V) words, then N keys, N names, N descriptions, then alias texts. */
  strOff: Int32Array;
  entType: Uint8Array;
  formEntity: Int32Array;
  formText: Int32Array;
  formFlags: Uint8Array;
  formWordStart: Int32Array;
  formWords: Int32Array;
  postStart: Int32Array;
  postForms: Int32Array;
  /** Per word: a 32-bit letter set (see `maskOf`), the typo search's pre-filter. */
  wordMask: Uint32Array;
  entProminence: Float32Array;
  /** Entity indices sorted by key (code unit order), for `infoOf`. */
  keyOrder: Int32Array;
}

export interface SearchTables {
  strings: string;
  a: SearchArrays;
  /** Entities, vocabulary words, forms. */
  n: number;
  v: number;
  f: number;
}

/** String `id` of the table. */
export function strAt(t: SearchTables, id: number): string {
  return t.strings.slice(t.a.strOff[id], t.a.strOff[id + 1]);
}

/** Compare table string `id` with `s` in UTF-16 code unit order, without allocating. */
export function cmpStr(t: SearchTables, id: number, s: string): number {
  const start = t.a.strOff[id];
  const len = t.a.strOff[id + 1] - start;
  const m = Math.min(len, s.length);
  for (let i = 0; i < m; i++) {
    const d = t.strings.charCodeAt(start + i) - s.charCodeAt(i);
    if (d !== 0) return d;
  }
  return len - s.length;
}

/** 32-bit letter set: a–z one bit each, digits and everything else hashed into the top bits. */
export function maskOf(w: string): number {
  let mask = 0;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    const bit = c >= 97 && c <= 122 ? c - 97 : c >= 48 && c <= 57 ? 26 + ((c - 48) % 3) : 29 + (c % 3);
    mask |= 1 << bit;
  }
  return mask >>> 0;
}
