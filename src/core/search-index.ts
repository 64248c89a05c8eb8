/**
 * Full-text search over entity names and aliases for the popup. Pure: runs in Node and workers.
 * This file builds the index (tables in `search-tables.ts`, forms from `search-forms.ts`) and
 * stores and reloads it as one ArrayBuffer; `search-query.ts` answers queries over it.
 *
 * The build keeps nothing per form or per entity in objects: forms go to flat typed arrays with
 * provisional word ids as the entries arrive, and are put in rank order and given sorted word ids
 * at the end, so a pack of 100,000 names is indexed in a few MB of working memory.
 */

import type { SearchHit } from '../shared/card-data';
import { floatList, intList } from './growable';
import type { EntityFeed } from './matcher';
import type { EntityType } from './pack-format';
import { F_ALIAS, formsOf } from './search-forms';
import { SearchQuery } from './search-query';
import { cmpStr, maskOf, type SearchArrays, type SearchTables, strAt, TYPE_CODES } from './search-tables';
import { align4, checksum, writeSnapshot } from './snapshot-layout';

export interface SearchEntry {
  key: string;
  name: string;
  type: EntityType;
  description?: string;
  aliases: string[];
  prominence?: number;
}

const MAGIC = 0x42535358; // "BSSX"
const VERSION = 1;
const HEADER_WORDS = 8 + 13;

const byCodeUnits = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

export class SearchIndex {
  private query: SearchQuery | null = null;

  private constructor(private readonly t: SearchTables) {}

  get size(): number {
    return this.t.n;
  }

  /** An index over tables built elsewhere (tests compare builders through their snapshots). */
  static fromTables(t: SearchTables): SearchIndex {
    return new SearchIndex(t);
  }

  /** Build from entries given as an array or as a feed (read once). */
  static build(entries: SearchEntry[] | EntityFeed<SearchEntry>): SearchIndex {
    const feed = typeof entries === 'function' ? entries : () => entries;
    // Per entity, in arrival order.
    const keys: string[] = [];
    const names: string[] = [];
    const descriptions: string[] = [];
    const prom: number[] = [];
    const types: number[] = [];
    // Per form, in arrival order; word ids provisional (order of first sight).
    const formEntity = intList();
    const formFlags = intList();
    const formWordStart = intList();
    const formWordsTmp = intList();
    const aliasTexts: (string | null)[] = [];
    const tmpId = new Map<string, number>();
    const tmpWords: string[] = [];
    formWordStart.push(0);
    for (const e of feed()) {
      const i = keys.length;
      keys.push(e.key);
      names.push(e.name);
      descriptions.push(e.description ?? '');
      prom.push(Number.isFinite(e.prominence) ? (e.prominence as number) : 0.5);
      const t = TYPE_CODES.indexOf(e.type);
      types.push(t < 0 ? TYPE_CODES.length - 1 : t);
      formsOf(e, (words, text, flags) => {
        formEntity.push(i);
        formFlags.push(flags);
        aliasTexts.push(flags & F_ALIAS ? text : null);
        for (const w of words) {
          let id = tmpId.get(w);
          if (id === undefined) {
            id = tmpWords.length;
            tmpWords.push(w);
            tmpId.set(w, id);
          }
          formWordsTmp.push(id);
        }
        formWordStart.push(formWordsTmp.length);
      });
    }
    tmpId.clear();
    const n = keys.length;

    // Rank order: prominence desc, shorter name, key. rankOf[arrival index] = rank.
    const order = Int32Array.from({ length: n }, (_, i) => i);
    order.sort((x, y) => prom[y] - prom[x] || names[x].length - names[y].length || byCodeUnits(keys[x], keys[y]));
    const rankOf = new Int32Array(n);
    for (let r = 0; r < n; r++) rankOf[order[r]] = r;

    // Sorted vocabulary: wordOf[provisional id] = sorted id.
    const v = tmpWords.length;
    const byText = Int32Array.from({ length: v }, (_, i) => i);
    byText.sort((x, y) => byCodeUnits(tmpWords[x], tmpWords[y]));
    const wordOf = new Int32Array(v);
    for (let s = 0; s < v; s++) wordOf[byText[s]] = s;

    // Forms in rank order of their entity, each entity's forms in derivation order (stable).
    const f = formEntity.length;
    const firstOfRank = new Int32Array(n + 1);
    for (let k = 0; k < f; k++) firstOfRank[rankOf[formEntity.at(k)] + 1]++;
    for (let r = 0; r < n; r++) firstOfRank[r + 1] += firstOfRank[r];
    const formAt = new Int32Array(f);
    for (let k = 0; k < f; k++) formAt[firstOfRank[rankOf[formEntity.at(k)]]++] = k;

    // String table: words, keys, names, descriptions, then alias texts in form order.
    const parts: string[] = [];
    const strOff = intList();
    strOff.push(0);
    let pos = 0;
    const push = (s: string) => {
      parts.push(s);
      pos += s.length;
      return strOff.push(pos) - 1;
    };
    for (let s = 0; s < v; s++) push(tmpWords[byText[s]]);
    for (let r = 0; r < n; r++) push(keys[order[r]]);
    for (let r = 0; r < n; r++) push(names[order[r]]);
    for (let r = 0; r < n; r++) push(descriptions[order[r]]);
    const nameBase = v + n;

    const outEntity = new Int32Array(f);
    const outText = new Int32Array(f);
    const outFlags = new Uint8Array(f);
    const outWordStart = new Int32Array(f + 1);
    const formWords = new Int32Array(formWordsTmp.length);
    const postStart = new Int32Array(v + 1);
    let wp = 0;
    for (let i = 0; i < f; i++) {
      const k = formAt[i];
      const rank = rankOf[formEntity.at(k)];
      outEntity[i] = rank;
      outFlags[i] = formFlags.at(k);
      outText[i] = outFlags[i] & F_ALIAS ? push(aliasTexts[k] as string) : nameBase + rank;
      outWordStart[i] = wp;
      const from = wp;
      for (let j = formWordStart.at(k); j < formWordStart.at(k + 1); j++) {
        const id = wordOf[formWordsTmp.at(j)];
        formWords[wp++] = id;
        if (!repeats(formWords, from, wp - 1, id)) postStart[id + 1]++;
      }
    }
    outWordStart[f] = wp;
    for (let w = 0; w < v; w++) postStart[w + 1] += postStart[w];
    const postForms = new Int32Array(postStart[v]);
    const fill = postStart.slice(0, v);
    for (let i = 0; i < f; i++) {
      for (let j = outWordStart[i]; j < outWordStart[i + 1]; j++) {
        const id = formWords[j];
        if (!repeats(formWords, outWordStart[i], j, id)) postForms[fill[id]++] = i; // forms ascend: each posting list is sorted
      }
    }

    const wordMask = new Uint32Array(v);
    for (let s = 0; s < v; s++) wordMask[s] = maskOf(tmpWords[byText[s]]);
    const keyOrder = Int32Array.from({ length: n }, (_, r) => r);
    keyOrder.sort((x, y) => byCodeUnits(keys[order[x]], keys[order[y]]) || x - y);
    const entType = new Uint8Array(n);
    const entProminence = floatList();
    for (let r = 0; r < n; r++) {
      entType[r] = types[order[r]];
      entProminence.push(prom[order[r]]);
    }

    return new SearchIndex({
      strings: parts.join(''),
      a: {
        strOff: strOff.done(),
        entType,
        formEntity: outEntity,
        formText: outText,
        formFlags: outFlags,
        formWordStart: outWordStart,
        formWords,
        postStart,
        postForms,
        wordMask,
        entProminence: entProminence.done(),
        keyOrder,
      },
      n,
      v,
      f,
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Snapshot

  private static readonly ORDER: (keyof SearchArrays)[] = [
    'strOff',
    'formEntity',
    'formText',
    'formWordStart',
    'formWords',
    'postStart',
    'postForms',
    'wordMask',
    'entProminence',
    'keyOrder',
    'entType',
    'formFlags',
  ];

  /** One ArrayBuffer: header, UTF-8 string table, then the typed arrays (4-byte aligned). */
  toSnapshot(): ArrayBuffer {
    const { strings, a, n, v, f } = this.t;
    const strBytes = new TextEncoder().encode(strings);
    const arrays = SearchIndex.ORDER.map((k) => a[k]);
    return writeSnapshot(HEADER_WORDS, strBytes, arrays, (head) => {
      head[0] = MAGIC;
      head[1] = VERSION;
      head[3] = strBytes.byteLength;
      head[4] = n;
      head[5] = v;
      head[6] = f;
      head[7] = strings.length;
      arrays.forEach((arr, k) => {
        head[8 + k] = arr.byteLength;
      });
    });
  }

  /**
   * Reload a snapshot. The typed arrays are views over `buf` (no copy), so the caller must not
   * modify it afterwards. Returns null for damaged, truncated or other-version snapshots.
   */
  static fromSnapshot(buf: ArrayBuffer): SearchIndex | null {
    try {
      if (!(buf instanceof ArrayBuffer) || buf.byteLength < HEADER_WORDS * 4) return null;
      const head = new Uint32Array(buf, 0, HEADER_WORDS);
      if (head[0] !== MAGIC || head[1] !== VERSION) return null;
      const [n, v, f, strLen] = [head[4], head[5], head[6], head[7]];
      let expected = HEADER_WORDS * 4 + align4(head[3]);
      for (let k = 0; k < SearchIndex.ORDER.length; k++) expected += align4(head[8 + k]);
      if (expected !== buf.byteLength) return null;
      if (checksum(buf, HEADER_WORDS * 4) !== head[2]) return null;
      let off = HEADER_WORDS * 4;
      const strings = new TextDecoder().decode(new Uint8Array(buf, off, head[3]));
      if (strings.length !== strLen) return null;
      off += align4(head[3]);
      const views: Partial<SearchArrays> = {};
      SearchIndex.ORDER.forEach((k, i) => {
        const len = head[8 + i];
        const Ctor = k === 'entType' || k === 'formFlags' ? Uint8Array : k === 'wordMask' ? Uint32Array : k === 'entProminence' ? Float32Array : Int32Array;
        // biome-ignore lint/suspicious/noExplicitAny: one constructor per field, checked below
        (views as any)[k] = new Ctor(buf, off, len / Ctor.BYTES_PER_ELEMENT);
        off += align4(len);
      });
      const a = views as SearchArrays;
      const s = a.strOff.length - 1;
      const ok =
        a.entType.length === n &&
        a.entProminence.length === n &&
        a.keyOrder.length === n &&
        a.formEntity.length === f &&
        a.formText.length === f &&
        a.formFlags.length === f &&
        a.formWordStart.length === f + 1 &&
        a.formWordStart[f] === a.formWords.length &&
        a.postStart.length === v + 1 &&
        a.postStart[v] === a.postForms.length &&
        a.wordMask.length === v &&
        s >= v + 3 * n &&
        a.strOff[s] === strings.length;
      return ok ? new SearchIndex({ strings, a, n, v, f }) : null;
    } catch {
      return null;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Lookup

  /** Name and type of an entity by key (binary search over the key order; no map is built). */
  infoOf(key: string): { name: string; type: EntityType } | undefined {
    const { a, n, v } = this.t;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmpStr(this.t, v + a.keyOrder[mid], key) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= n) return undefined;
    const e = a.keyOrder[lo];
    if (cmpStr(this.t, v + e, key) !== 0) return undefined;
    return { name: strAt(this.t, v + n + e), type: TYPE_CODES[a.entType[e]] ?? 'other' };
  }

  /** Search names and aliases. Never throws; an empty or wordless query gives no hits. */
  search(query: string, limit = 20): SearchHit[] {
    this.query ??= new SearchQuery(this.t);
    return this.query.search(query, limit);
  }
}

/** Word `id` already stands in formWords[from, at). */
function repeats(formWords: Int32Array, from: number, at: number, id: number): boolean {
  for (let k = from; k < at; k++) if (formWords[k] === id) return true;
  return false;
}
