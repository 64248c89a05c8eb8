/**
 * Query matching over the search index's tables: every query word against the sorted vocabulary
 * (exact word, prefix of the last word), then typos only when exact and prefix matches do not
 * fill the page: a bounded Damerau (optimal string alignment) distance over the distinct
 * vocabulary, pre-filtered by length and a 32-bit letter mask. Each entity keeps its best form;
 * tiers rank exact names over aliases over initials over word, prefix and typo matches.
 */
import type { SearchHit } from '../shared/card-data';
import { tokenize } from './normalize';
import { F_ALIAS, F_DERIVED } from './search-forms';
import { cmpStr, maskOf, type SearchTables, strAt, TYPE_CODES } from './search-tables';

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

interface QueryWord {
  text: string;
  codes: number[];
  exact: number;
  /** Prefix range [lo, hi) of vocabulary ids (last word only; lo = hi when none). */
  lo: number;
  hi: number;
  fuzzy: Map<number, number> | null;
}

/** One query at a time over one index; its scratch space is allocated on first use and reused. */
export class SearchQuery {
  private best: Float64Array | null = null;
  private bestForm: Int32Array | null = null;
  private stamp: Uint32Array | null = null;
  private touched: Int32Array | null = null;
  private touchedCount = 0;
  private generation = 0;
  private rows: Int32Array[] = [];

  constructor(private readonly t: SearchTables) {}

  /** First word id whose text is >= s. */
  private lowerBound(s: string): number {
    let lo = 0;
    let hi = this.t.v;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmpStr(this.t, mid, s) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private startsWith(id: number, p: string): boolean {
    const start = this.t.a.strOff[id];
    if (this.t.a.strOff[id + 1] - start < p.length) return false;
    for (let i = 0; i < p.length; i++) if (this.t.strings.charCodeAt(start + i) !== p.charCodeAt(i)) return false;
    return true;
  }

  /** First word id after `lo` that does not start with p (binary search: the range is contiguous). */
  private prefixEnd(lo: number, p: string): number {
    let hi = this.t.v;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.startsWith(mid, p)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Search names and aliases. Never throws; an empty or wordless query gives no hits. */
  search(query: string, limit = 20): SearchHit[] {
    if (typeof query !== 'string' || this.t.n === 0) return [];
    const lim = Math.max(1, Math.min(100, Math.floor(Number.isFinite(limit) ? limit : 20)));
    const words = tokenize(query.slice(0, 500))
      .map((t) => t.fold)
      .filter((w) => w.length > 0)
      .slice(0, MAX_QUERY_WORDS);
    if (!words.length) return [];

    const qs: QueryWord[] = words.map((text, i) => {
      const lb = this.lowerBound(text);
      const exact = lb < this.t.v && cmpStr(this.t, lb, text) === 0 ? lb : -1;
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
      this.best = new Float64Array(this.t.n);
      this.bestForm = new Int32Array(this.t.n);
      this.stamp = new Uint32Array(this.t.n);
      this.touched = new Int32Array(this.t.n);
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
    const { postStart, postForms, formWordStart, formWords, formEntity, formFlags } = this.t.a;
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
        const qv = SearchQuery.quality(qs[i], formWords[j]);
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
        const first = SearchQuery.quality(qs[0], formWords[s]);
        const starts = first === Q_EXACT || first === Q_PREFIX;
        tier += starts ? 0 : flags & F_ALIAS ? 2 : 1;
      }
    }
    const entity = formEntity[form];
    const score = (tier * this.t.n + entity) * 2 + (flags & F_ALIAS ? 1 : 0);
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
    const { strOff, wordMask } = this.t.a;
    const out = new Map<number, number>();
    if (this.rows.length === 0) this.rows = [0, 1, 2].map(() => new Int32Array(MAX_FUZZY_LEN + 8 + 1));
    for (let w = 0; w < this.t.v; w++) {
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
    const s = this.t.strings;
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
    const { entType, formFlags, formText } = this.t.a;
    const bestForm = this.bestForm as Int32Array;
    return top.map((score) => {
      const half = Math.floor(score / 2);
      const tier = Math.floor(half / this.t.n);
      const entity = half - tier * this.t.n;
      const form = bestForm[entity];
      const hit: SearchHit = {
        key: strAt(this.t, this.t.v + entity),
        name: strAt(this.t, this.t.v + this.t.n + entity),
        type: TYPE_CODES[entType[entity]] ?? 'other',
        kind: KIND_OF_TIER[tier],
      };
      const description = strAt(this.t, this.t.v + 2 * this.t.n + entity);
      if (description) hit.description = description;
      if (formFlags[form] & F_ALIAS) hit.matched = strAt(this.t, formText[form]);
      return hit;
    });
  }
}

function sameSequence(formWords: Int32Array, s: number, qs: QueryWord[]): boolean {
  for (let i = 0; i < qs.length; i++) if (formWords[s + i] !== qs[i].exact) return false;
  return true;
}

function popcount(x: number): number {
  let v = x >>> 0;
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
