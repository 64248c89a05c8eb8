/**
 * Full-text search over entity names and aliases for the popup. Pure: runs in Node and workers.
 *
 * Layout (all typed arrays plus one string table, so a snapshot reloads as views, not objects):
 *  - Entities are stored in rank order (prominence desc, shorter name, key), so an entity's index
 *    is its tie-break rank and a score is simply `tier * N + index`.
 *  - Every name, alias and derived form ("ttp" from "Tehrik-i-Taliban Pakistan", "isisk" from
 *    "ISIS-K") is a *form*: a list of word ids (folded with the same rules as detection).
 *  - The word vocabulary is sorted, so a query prefix is a contiguous id range found by binary
 *    search; postings (word → forms) are CSR arrays ordered by word id, so a prefix range's
 *    postings are one contiguous slice too.
 *  - Typos: a bounded Damerau (optimal string alignment) distance over the distinct vocabulary,
 *    pre-filtered by length and a 32-bit letter mask, only when exact/prefix matches do not fill
 *    the page.
 */

import type { SearchHit } from '../shared/card-data';
import { tokenize } from './normalize';
import type { EntityType } from './pack-format';
import { align4, checksum, writeSnapshot } from './snapshot-layout';

export interface SearchEntry {
  key: string;
  name: string;
  type: EntityType;
  description?: string;
  aliases: string[];
  prominence?: number;
}

const TYPE_CODES: EntityType[] = ['person', 'organization', 'place', 'event', 'initiative', 'other'];
/** Entity types whose multi-word names also answer to their initials ("TTP"). */
const ACRONYM_TYPES = new Set<EntityType>(['organization', 'initiative', 'event']);
/** Words skipped when deriving initials. Connectors ("-i-", "-e-") are already folded to "i". */
const ACRONYM_SKIP = new Set(['i', 'of', 'the', 'and', 'for', 'de', 'al', 'el', 'a', 'an', 'in', 'on', 'to']);

/** Form flags. */
const F_ALIAS = 1;
/** A derived form (initials, joined letters): matches only as a whole, never by prefix or typo. */
const F_DERIVED = 2;

/** Tiers, best first. */
const T_EXACT_NAME = 0;
const T_EXACT_ALIAS = 1;
const T_EXACT_DERIVED = 2;
/**
 * Word and prefix matches come in three steps each: a name or alias that starts with the query
 * ("kha" → "Khyber Pakhtunkhwa"), then a later word of a name ("Zalmay Khalilzad"), then a later
 * word of an alias ("Fitna al-Khawarij" for TTP).
 */
const T_WORDS = 3;
const T_PREFIX = 6;
const T_FUZZY1 = 9;
const T_FUZZY2 = 10;
const KIND_OF_TIER: SearchHit['kind'][] = ['exact', 'alias', 'alias', 'prefix', 'prefix', 'prefix', 'prefix', 'prefix', 'prefix', 'fuzzy', 'fuzzy'];

/** Per (query word, vocabulary word) match quality; lower is better. */
const Q_EXACT = 0;
const Q_PREFIX = 1;
const Q_FUZZY1 = 2;
const Q_FUZZY2 = 3;

const MAX_QUERY_WORDS = 12;
const MAX_FUZZY_LEN = 32;
/** Last query words at least this long also match a vocabulary word's prefix with typos. */
const MIN_FUZZY_PREFIX = 5;

const MAGIC = 0x42535358; // "BSSX"
const VERSION = 1;
const HEADER_WORDS = 8 + 13;

interface Arrays {
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
  wordMask: Uint32Array;
  entProminence: Float32Array;
  /** Entity indices sorted by key (code unit order), for `infoOf`. */
  keyOrder: Int32Array;
}

interface QueryWord {
  text: string;
  codes: number[];
  exact: number;
  /** Prefix range [lo, hi) of vocabulary ids (last word only; lo = hi when none). */
  lo: number;
  hi: number;
  fuzzy: Map<number, number> | null;
}

export class SearchIndex {
  private readonly n: number;
  private readonly v: number;
  private readonly f: number;
  // Scratch space for one query, allocated on first use and reused.
  private best: Float64Array | null = null;
  private bestForm: Int32Array | null = null;
  private stamp: Uint32Array | null = null;
  private touched: Int32Array | null = null;
  private touchedCount = 0;
  private generation = 0;
  private rows: Int32Array[] = [];

  private constructor(
    private readonly strings: string,
    private readonly a: Arrays,
    counts: { n: number; v: number; f: number },
  ) {
    this.n = counts.n;
    this.v = counts.v;
    this.f = counts.f;
  }

  get size(): number {
    return this.n;
  }

  static build(entries: SearchEntry[]): SearchIndex {
    // Rank order: prominence desc, shorter name, key.
    const order = entries.map((_, i) => i);
    const prom = entries.map((e) => (Number.isFinite(e.prominence) ? (e.prominence as number) : 0.5));
    order.sort(
      (x, y) =>
        prom[y] - prom[x] ||
        entries[x].name.length - entries[y].name.length ||
        (entries[x].key < entries[y].key ? -1 : entries[x].key > entries[y].key ? 1 : 0),
    );
    const n = entries.length;

    interface Form {
      entity: number;
      words: string[];
      text: string;
      flags: number;
    }
    const forms: Form[] = [];
    const wordSet = new Set<string>();
    for (let r = 0; r < n; r++) {
      const e = entries[order[r]];
      const seen = new Set<string>();
      const add = (words: string[], text: string, flags: number) => {
        if (!words.length) return;
        const k = words.join(' ');
        if (seen.has(k)) return;
        seen.add(k);
        forms.push({ entity: r, words, text, flags });
        for (const w of words) wordSet.add(w);
      };
      const nameWords = tokenize(e.name).map((t) => t.fold);
      add(nameWords, e.name, 0);
      const aliasWords: [string[], string][] = [];
      for (const alias of e.aliases) {
        const words = tokenize(alias).map((t) => t.fold);
        aliasWords.push([words, alias]);
        add(words, alias, F_ALIAS);
      }
      // Derived forms, after the real ones so that a real alias with the same key wins.
      if (ACRONYM_TYPES.has(e.type)) {
        const initials = nameWords.filter((w) => !ACRONYM_SKIP.has(w) && /^\p{L}/u.test(w)).map((w) => String.fromCodePoint(w.codePointAt(0) as number));
        if (initials.length >= 2 && initials.length <= 8) add([initials.join('')], initials.join('').toUpperCase(), F_ALIAS | F_DERIVED);
      }
      for (const [words, text] of [[nameWords, e.name] as [string[], string], ...aliasWords]) {
        // "ISIS-K" → "isisk", "Al-Qaeda" → "alqaeda": joined forms of names with a short part.
        if (words.length >= 2 && words.length <= 4 && words.some((w) => w.length <= 2)) {
          const joined = words.join('');
          if (joined.length <= 16) add([joined], text, (text === e.name ? 0 : F_ALIAS) | F_DERIVED);
        }
      }
    }

    const vocab = [...wordSet].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    const v = vocab.length;
    const wordId = new Map<string, number>();
    for (let i = 0; i < v; i++) wordId.set(vocab[i], i);

    // String table.
    const parts: string[] = [];
    const strOffList: number[] = [0];
    let pos = 0;
    const push = (s: string) => {
      parts.push(s);
      pos += s.length;
      strOffList.push(pos);
      return strOffList.length - 2;
    };
    for (const w of vocab) push(w);
    for (let r = 0; r < n; r++) push(entries[order[r]].key);
    for (let r = 0; r < n; r++) push(entries[order[r]].name);
    for (let r = 0; r < n; r++) push(entries[order[r]].description ?? '');
    const nameBase = v + n;

    const f = forms.length;
    const formEntity = new Int32Array(f);
    const formText = new Int32Array(f);
    const formFlags = new Uint8Array(f);
    const formWordStart = new Int32Array(f + 1);
    let totalWords = 0;
    for (const fm of forms) totalWords += fm.words.length;
    const formWords = new Int32Array(totalWords);
    const postCount = new Int32Array(v + 1);
    let wp = 0;
    forms.forEach((fm, i) => {
      formEntity[i] = fm.entity;
      formFlags[i] = fm.flags;
      formText[i] = fm.flags & F_ALIAS ? push(fm.text) : nameBase + fm.entity;
      formWordStart[i] = wp;
      const distinct = new Set<number>();
      for (const w of fm.words) {
        const id = wordId.get(w) as number;
        formWords[wp++] = id;
        distinct.add(id);
      }
      for (const id of distinct) postCount[id]++;
    });
    formWordStart[f] = wp;

    const postStart = new Int32Array(v + 1);
    for (let i = 0; i < v; i++) postStart[i + 1] = postStart[i] + postCount[i];
    const postForms = new Int32Array(postStart[v]);
    const fill = postStart.slice(0, v);
    for (let i = 0; i < f; i++) {
      const s = formWordStart[i];
      const e = formWordStart[i + 1];
      for (let j = s; j < e; j++) {
        const id = formWords[j];
        let dup = false;
        for (let k = s; k < j; k++) if (formWords[k] === id) dup = true;
        if (!dup) postForms[fill[id]++] = i; // forms ascend, so each posting list is sorted
      }
    }

    const wordMask = new Uint32Array(v);
    for (let i = 0; i < v; i++) wordMask[i] = maskOf(vocab[i]);

    const keyOrder = Int32Array.from({ length: n }, (_, r) => r);
    keyOrder.sort((x, y) => {
      const kx = entries[order[x]].key;
      const ky = entries[order[y]].key;
      return kx < ky ? -1 : kx > ky ? 1 : x - y;
    });

    const entType = new Uint8Array(n);
    const entProminence = new Float32Array(n);
    for (let r = 0; r < n; r++) {
      const t = TYPE_CODES.indexOf(entries[order[r]].type);
      entType[r] = t < 0 ? TYPE_CODES.length - 1 : t;
      entProminence[r] = prom[order[r]];
    }

    return new SearchIndex(
      parts.join(''),
      {
        strOff: Int32Array.from(strOffList),
        entType,
        formEntity,
        formText,
        formFlags,
        formWordStart,
        formWords,
        postStart,
        postForms,
        wordMask,
        entProminence,
        keyOrder,
      },
      { n, v, f },
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Snapshot

  private static readonly ORDER: (keyof Arrays)[] = [
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
    const strBytes = new TextEncoder().encode(this.strings);
    const arrays = SearchIndex.ORDER.map((k) => this.a[k]);
    return writeSnapshot(HEADER_WORDS, strBytes, arrays, (head) => {
      head[0] = MAGIC;
      head[1] = VERSION;
      head[3] = strBytes.byteLength;
      head[4] = this.n;
      head[5] = this.v;
      head[6] = this.f;
      head[7] = this.strings.length;
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
      const views: Partial<Arrays> = {};
      SearchIndex.ORDER.forEach((k, i) => {
        const len = head[8 + i];
        const Ctor = k === 'entType' || k === 'formFlags' ? Uint8Array : k === 'wordMask' ? Uint32Array : k === 'entProminence' ? Float32Array : Int32Array;
        // biome-ignore lint/suspicious/noExplicitAny: one constructor per field, checked below
        (views as any)[k] = new Ctor(buf, off, len / Ctor.BYTES_PER_ELEMENT);
        off += align4(len);
      });
      const a = views as Arrays;
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
      return ok ? new SearchIndex(strings, a, { n, v, f }) : null;
    } catch {
      return null;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Lookup

  /** Name and type of an entity by key (binary search over the key order; no map is built). */
  infoOf(key: string): { name: string; type: EntityType } | undefined {
    const { keyOrder } = this.a;
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cmpStr(this.v + keyOrder[mid], key) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= this.n) return undefined;
    const e = keyOrder[lo];
    if (this.cmpStr(this.v + e, key) !== 0) return undefined;
    return { name: this.str(this.v + this.n + e), type: TYPE_CODES[this.a.entType[e]] ?? 'other' };
  }

  // ---------------------------------------------------------------------------------------------
  // Query

  private str(id: number): string {
    return this.strings.slice(this.a.strOff[id], this.a.strOff[id + 1]);
  }

  /** Compare vocabulary word `id` with `s` in UTF-16 code unit order, without allocating. */
  private cmpWord(id: number, s: string): number {
    return this.cmpStr(id, s);
  }

  /** Compare table string `id` with `s` in UTF-16 code unit order, without allocating. */
  private cmpStr(id: number, s: string): number {
    const start = this.a.strOff[id];
    const len = this.a.strOff[id + 1] - start;
    const m = Math.min(len, s.length);
    for (let i = 0; i < m; i++) {
      const d = this.strings.charCodeAt(start + i) - s.charCodeAt(i);
      if (d !== 0) return d;
    }
    return len - s.length;
  }

  /** First word id whose text is >= s. */
  private lowerBound(s: string): number {
    let lo = 0;
    let hi = this.v;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cmpWord(mid, s) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private startsWith(id: number, p: string): boolean {
    const start = this.a.strOff[id];
    if (this.a.strOff[id + 1] - start < p.length) return false;
    for (let i = 0; i < p.length; i++) if (this.strings.charCodeAt(start + i) !== p.charCodeAt(i)) return false;
    return true;
  }

  /** First word id after `lo` that does not start with p (binary search: the range is contiguous). */
  private prefixEnd(lo: number, p: string): number {
    let hi = this.v;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.startsWith(mid, p)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Search names and aliases. Never throws; an empty or wordless query gives no hits. */
  search(query: string, limit = 20): SearchHit[] {
    if (typeof query !== 'string' || this.n === 0) return [];
    const lim = Math.max(1, Math.min(100, Math.floor(Number.isFinite(limit) ? limit : 20)));
    const words = tokenize(query.slice(0, 500))
      .map((t) => t.fold)
      .filter((w) => w.length > 0)
      .slice(0, MAX_QUERY_WORDS);
    if (!words.length) return [];

    const qs: QueryWord[] = words.map((text, i) => {
      const lb = this.lowerBound(text);
      const exact = lb < this.v && this.cmpWord(lb, text) === 0 ? lb : -1;
      const last = i === words.length - 1;
      const hi = last ? this.prefixEnd(lb, text) : lb;
      const codes: number[] = [];
      for (let c = 0; c < text.length; c++) codes.push(text.charCodeAt(c));
      return { text, codes, exact, lo: lb, hi, fuzzy: null };
    });

    this.beginQuery();
    this.collect(qs);
    if (this.touchedCount < lim) {
      // Typos only when exact and prefix matches leave room: every typo tier ranks below them.
      for (let i = 0; i < qs.length; i++) qs[i].fuzzy = this.fuzzyWords(qs[i], i === qs.length - 1);
      if (qs.some((q) => q.fuzzy?.size)) this.collect(qs);
    }
    return this.topHits(lim);
  }

  private beginQuery(): void {
    if (!this.best) {
      this.best = new Float64Array(this.n);
      this.bestForm = new Int32Array(this.n);
      this.stamp = new Uint32Array(this.n);
      this.touched = new Int32Array(this.n);
    }
    this.generation = (this.generation + 1) >>> 0;
    if (this.generation === 0) {
      (this.stamp as Uint32Array).fill(0);
      this.generation = 1;
    }
    this.touchedCount = 0;
  }

  /** Quality of vocabulary word w for query word q (-1: no match). */
  private static quality(q: QueryWord, w: number): number {
    if (w === q.exact) return Q_EXACT;
    if (w >= q.lo && w < q.hi) return Q_PREFIX;
    if (q.fuzzy) {
      const d = q.fuzzy.get(w);
      if (d !== undefined) return d;
    }
    return -1;
  }

  /** Enumerate the forms of the rarest query word and keep, per entity, the best-scoring form. */
  private collect(qs: QueryWord[]): void {
    const { postStart, postForms, formWordStart, formWords, formEntity, formFlags } = this.a;
    // Driver: the query word with the fewest postings.
    let driver = 0;
    let driverCost = Number.POSITIVE_INFINITY;
    const candidates: number[][] = [];
    for (let i = 0; i < qs.length; i++) {
      const q = qs[i];
      const list: number[] = [];
      let cost = 0;
      if (q.hi > q.lo) {
        cost += postStart[q.hi] - postStart[q.lo];
      } else if (q.exact >= 0) {
        list.push(q.exact);
        cost += postStart[q.exact + 1] - postStart[q.exact];
      }
      if (q.fuzzy) {
        for (const w of q.fuzzy.keys()) {
          list.push(w);
          cost += postStart[w + 1] - postStart[w];
        }
      }
      candidates.push(list);
      if (cost < driverCost) {
        driverCost = cost;
        driver = i;
      }
    }
    if (driverCost === 0) return;
    const dq = qs[driver];
    const visit = (from: number, to: number) => {
      for (let p = from; p < to; p++) this.consider(postForms[p], qs, formWordStart, formWords, formEntity, formFlags);
    };
    if (dq.hi > dq.lo) visit(postStart[dq.lo], postStart[dq.hi]);
    for (const w of candidates[driver]) visit(postStart[w], postStart[w + 1]);
  }

  private consider(form: number, qs: QueryWord[], formWordStart: Int32Array, formWords: Int32Array, formEntity: Int32Array, formFlags: Uint8Array): void {
    const s = formWordStart[form];
    const e = formWordStart[form + 1];
    let worst = 0;
    for (let i = 0; i < qs.length; i++) {
      let bestQ = 99;
      for (let j = s; j < e; j++) {
        const qv = SearchIndex.quality(qs[i], formWords[j]);
        if (qv >= 0 && qv < bestQ) {
          bestQ = qv;
          if (qv === 0) break;
        }
      }
      if (bestQ === 99) return;
      if (bestQ > worst) worst = bestQ;
    }
    const flags = formFlags[form];
    let tier: number;
    if (worst === Q_EXACT && e - s === qs.length && sameSequence(formWords, s, qs)) {
      tier = flags & F_DERIVED ? T_EXACT_DERIVED : flags & F_ALIAS ? T_EXACT_ALIAS : T_EXACT_NAME;
    } else if (flags & F_DERIVED) {
      return;
    } else {
      tier = worst === Q_EXACT ? T_WORDS : worst === Q_PREFIX ? T_PREFIX : worst === Q_FUZZY1 ? T_FUZZY1 : T_FUZZY2;
      if (tier === T_WORDS || tier === T_PREFIX) {
        const first = SearchIndex.quality(qs[0], formWords[s]);
        const starts = first === Q_EXACT || first === Q_PREFIX;
        tier += starts ? 0 : flags & F_ALIAS ? 2 : 1;
      }
    }
    const entity = formEntity[form];
    const score = (tier * this.n + entity) * 2 + (flags & F_ALIAS ? 1 : 0);
    const stamp = this.stamp as Uint32Array;
    const best = this.best as Float64Array;
    if (stamp[entity] !== this.generation) {
      stamp[entity] = this.generation;
      best[entity] = score;
      (this.bestForm as Int32Array)[entity] = form;
      (this.touched as Int32Array)[this.touchedCount++] = entity;
    } else if (score < best[entity]) {
      best[entity] = score;
      (this.bestForm as Int32Array)[entity] = form;
    }
  }

  /** Vocabulary words within the typo budget of q (word id → quality), excluding exact/prefix hits. */
  private fuzzyWords(q: QueryWord, last: boolean): Map<number, number> | null {
    const m = q.codes.length;
    if (m < 4 || m > MAX_FUZZY_LEN) return null;
    const k = m >= 8 ? 2 : 1;
    const prefix = last && m >= MIN_FUZZY_PREFIX;
    const qmask = maskOf(q.text);
    const { strOff, wordMask } = this.a;
    const out = new Map<number, number>();
    if (this.rows.length === 0) this.rows = [0, 1, 2].map(() => new Int32Array(MAX_FUZZY_LEN + 8 + 1));
    for (let w = 0; w < this.v; w++) {
      const len = strOff[w + 1] - strOff[w];
      if (len < m - k) continue;
      if (!prefix && len > m + k) continue;
      const wm = wordMask[w];
      if (popcount(qmask & ~wm) > k) continue;
      const full = len <= m + k;
      if (!prefix && popcount(wm & ~qmask) > k) continue;
      if (w === q.exact || (w >= q.lo && w < q.hi)) continue;
      const cols = Math.min(len, m + k);
      const d = this.osa(q.codes, strOff[w], cols, k, full && cols === len, prefix);
      if (d <= k && d > 0) out.set(w, d === 1 ? Q_FUZZY1 : Q_FUZZY2);
    }
    return out;
  }

  /**
   * Bounded optimal-string-alignment distance between the query codes and the word at `off`
   * (first `n` chars). Returns the full distance (when `whole`), or the best distance to any prefix
   * of the word (when `prefix`), whichever is smaller; anything above k is reported as k + 1.
   */
  private osa(q: number[], off: number, n: number, k: number, whole: boolean, prefix: boolean): number {
    const INF = k + 1;
    const m = q.length;
    const s = this.strings;
    let p2 = this.rows[0];
    let p1 = this.rows[1];
    let c = this.rows[2];
    for (let j = 0; j <= n; j++) p1[j] = j <= k ? j : INF;
    for (let i = 1; i <= m; i++) {
      const lo = Math.max(1, i - k);
      const hi = Math.min(n, i + k);
      c[0] = i <= k ? i : INF;
      if (lo > 1) c[lo - 1] = INF;
      if (hi < n) c[hi + 1] = INF;
      const qc = q[i - 1];
      let rowMin = c[0];
      for (let j = lo; j <= hi; j++) {
        const wc = s.charCodeAt(off + j - 1);
        let val = p1[j - 1] + (qc === wc ? 0 : 1);
        const del = p1[j] + 1;
        if (del < val) val = del;
        const ins = c[j - 1] + 1;
        if (ins < val) val = ins;
        if (i > 1 && j > 1 && qc === s.charCodeAt(off + j - 2) && q[i - 2] === wc) {
          const tr = p2[j - 2] + 1;
          if (tr < val) val = tr;
        }
        if (val > INF) val = INF;
        c[j] = val;
        if (val < rowMin) rowMin = val;
      }
      if (rowMin > k) return INF;
      const t = p2;
      p2 = p1;
      p1 = c;
      c = t;
    }
    let d = INF;
    if (whole && Math.abs(m - n) <= k) d = p1[n];
    if (prefix) {
      const from = Math.max(1, m - k);
      const to = Math.min(n, m + k);
      for (let j = from; j <= to; j++) if (p1[j] < d) d = p1[j];
    }
    return d;
  }

  private topHits(limit: number): SearchHit[] {
    const best = this.best as Float64Array;
    const touched = this.touched as Int32Array;
    const top: number[] = [];
    for (let t = 0; t < this.touchedCount; t++) {
      const score = best[touched[t]];
      if (top.length === limit && score >= top[limit - 1]) continue;
      let i = top.length < limit ? top.length : limit - 1;
      if (top.length < limit) top.push(score);
      while (i > 0 && top[i - 1] > score) {
        top[i] = top[i - 1];
        i--;
      }
      top[i] = score;
    }
    const { entType, formFlags, formText } = this.a;
    const bestForm = this.bestForm as Int32Array;
    return top.map((score) => {
      const half = Math.floor(score / 2);
      const tier = Math.floor(half / this.n);
      const entity = half - tier * this.n;
      const form = bestForm[entity];
      const hit: SearchHit = {
        key: this.str(this.v + entity),
        name: this.str(this.v + this.n + entity),
        type: TYPE_CODES[entType[entity]] ?? 'other',
        kind: KIND_OF_TIER[tier],
      };
      const description = this.str(this.v + 2 * this.n + entity);
      if (description) hit.description = description;
      if (formFlags[form] & F_ALIAS) hit.matched = this.str(formText[form]);
      return hit;
    });
  }
}

function sameSequence(formWords: Int32Array, s: number, qs: QueryWord[]): boolean {
  for (let i = 0; i < qs.length; i++) if (formWords[s + i] !== qs[i].exact) return false;
  return true;
}

/** 32-bit letter set: a–z one bit each, digits and everything else hashed into the top bits. */
function maskOf(w: string): number {
  let mask = 0;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    const bit = c >= 97 && c <= 122 ? c - 97 : c >= 48 && c <= 57 ? 26 + ((c - 48) % 3) : 29 + (c % 3);
    mask |= 1 << bit;
  }
  return mask >>> 0;
}

function popcount(x: number): number {
  let v = x >>> 0;
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
