/**
 * A multi-pattern matcher over word tokens: every alias of every enabled entity becomes a path of
 * token ids in a trie, flattened into typed arrays (compressed sparse rows) so that the whole
 * structure serialises to one ArrayBuffer and reloads without rebuilding.
 */

import { byteList, floatList, intList } from './growable';
import { TrieBuilder } from './matcher-trie';
import { isStrictAliasToken, strictKey, type Token, tokenize } from './normalize';
import type { EntityType } from './pack-format';
import { align4, checksum, writeSnapshot } from './snapshot-layout';
import { StringTable } from './string-table';

export const ENTITY_TYPE_CODES: EntityType[] = ['person', 'organization', 'place', 'event', 'initiative', 'other'];

/** Alias flags stored per (trie node, entity). */
export const FLAG = {
  /** A single-word name part of a person (surname, first name): a reference back, not a full mention. */
  SHORT: 1,
  /** The pack forbids this short alias from opening a card without an earlier full mention. */
  NO_STANDALONE: 2,
  /** The alias itself starts in lowercase, so a lowercase start in the text is fine. */
  LOWER_START: 4,
  /** The canonical name. */
  CANONICAL: 8,
  /** Some of the words of a longer name of a place or organisation ("Emirates" of "United Arab Emirates"). */
  FRAGMENT: 16,
} as const;

export interface MatcherEntityInput {
  key: string;
  name: string;
  type: EntityType;
  aliases: { text: string; standalone?: boolean; caseSensitive?: boolean }[];
  prominence?: number;
  /** Keys of entities that share events with this one. */
  related?: string[];
  /** ISO 3166-1 alpha-2 codes (page-fit evidence). */
  countries?: string[];
}

/** Items produced on demand, in the same order each time the feed is called. */
export type EntityFeed<T> = () => Iterable<T>;

type AliasForm = { text: string; canonical?: boolean; standalone?: boolean; caseSensitive?: boolean };

/** Words the enabled packs teach detection (pack `cues`), merged over packs; stored with the matcher. */
export interface MatcherCues {
  /** Folded titles that introduce a person's name ("sen", "gen", "maulana"). */
  titles: string[];
  /** Folded demonym → ISO country code ("kenyan" → "KE"). */
  demonyms: Record<string, string>;
}

/** Per-entity facts beside the trie: countries (CSR) and a hash of the canonical name. */
interface EntityFacts {
  countryStart: Int32Array;
  countryCode: Uint16Array;
  nameHash: Uint32Array;
}

export interface Candidate {
  /** Token index range [from, to). */
  from: number;
  to: number;
  start: number;
  end: number;
  entries: { entity: number; flags: number }[];
}

const MAGIC = 0x42535431; // "BST1"
const SNAPSHOT_VERSION = 7;
const ARRAY_COUNT = 21;

/** "PK" → a 16-bit code, and back. */
const countryToCode = (c: string): number => ((c.charCodeAt(0) & 0xff) << 8) | (c.charCodeAt(1) & 0xff);
const codeToCountry = (n: number): string => String.fromCharCode(n >> 8, n & 0xff);

/** The alias is a shorter run of the name's own words ("Emirates", "Saudi", "Vatican"). */
function isFragment(alias: Token[], name: string[]): boolean {
  if (alias.length >= name.length) return false;
  for (let i = 0; i + alias.length <= name.length; i++) if (alias.every((t, j) => t.fold === name[i + j])) return true;
  return false;
}

const foldedName = (text: string): string =>
  tokenize(text)
    .map((t) => t.fold)
    .join(' ');

function hashName(name: string): number {
  let h = 0x811c9dc5 | 0;
  for (const t of tokenize(name)) {
    for (let i = 0; i < t.fold.length; i++) h = Math.imul(h ^ t.fold.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 32, 0x01000193);
  }
  return h >>> 0;
}

export class Matcher {
  private titleSet: Set<string> | null = null;

  private constructor(
    /** Token strings by id, with their hash index (stored, so a woken worker need not rebuild it). */
    readonly vocab: StringTable,
    readonly edgeStart: Int32Array,
    readonly edgeToken: Int32Array,
    readonly edgeChild: Int32Array,
    readonly payloadStart: Int32Array,
    readonly payloadEntity: Int32Array,
    readonly payloadFlags: Uint8Array,
    /** `pack:entity` keys by entity index, with their hash index. */
    private readonly keys: StringTable,
    readonly entityTypes: Uint8Array,
    readonly entityProminence: Float32Array,
    readonly relatedStart: Int32Array,
    readonly relatedIndex: Int32Array,
    private readonly facts: EntityFacts,
    readonly cues: MatcherCues,
  ) {}

  get entityCount(): number {
    return this.keys.length;
  }

  /** The `pack:entity` key of an entity index. */
  keyOf(entity: number): string {
    return this.keys.at(entity);
  }

  /**
   * Build from entity aliases. Aliases that normalise to the same tokens share a node. The
   * entities come as an array or as a feed read twice (aliases, then relations), so a caller
   * compiling many packs need not hold every input at once.
   */
  static build(
    entities: MatcherEntityInput[] | EntityFeed<MatcherEntityInput>,
    cues: MatcherCues = { titles: [], demonyms: {} },
    /** Hash seed of the string tables: random unless given (a given seed makes the snapshot reproducible). */
    seed?: number,
  ): Matcher {
    const feed = typeof entities === 'function' ? entities : () => entities;
    const { vocab, idOf } = vocabulary();
    const trie = new TrieBuilder(mergeFlags);
    const keys: string[] = [];
    const keyIndex = new Map<string, number>();
    const types = byteList();
    const prominence = floatList();
    const ownStart = intList();
    const ownCode = intList();
    const nameHash = intList();
    for (const entity of feed()) {
      const ei = keys.length;
      keys.push(entity.key);
      keyIndex.set(entity.key, ei);
      types.push(ENTITY_TYPE_CODES.indexOf(entity.type));
      prominence.push(entity.prominence ?? 0.5);
      ownStart.push(ownCode.length);
      for (const c of entity.countries ?? []) if (/^[A-Z]{2}$/.test(c)) ownCode.push(countryToCode(c));
      nameHash.push(hashName(entity.name));
      // The same words as a full name and as a surname: the full reading wins (merged flags).
      aliasPaths(entity, idOf, (ids, flags) => trie.add(ids, ei, flags));
    }
    ownStart.push(ownCode.length);
    const t = trie.build();

    const relatedStart = new Int32Array(keys.length + 1);
    const relatedIndex = intList();
    let i = 0;
    for (const e of feed()) {
      relatedStart[i] = relatedIndex.length;
      const seen = new Set<number>();
      for (const r of e.related ?? []) {
        const j = keyIndex.get(r);
        if (j !== undefined && j !== i && !seen.has(j)) {
          seen.add(j);
          relatedIndex.push(j);
        }
      }
      i++;
    }
    relatedStart[keys.length] = relatedIndex.length;

    const typeCodes = types.done();
    const prominences = prominence.done();
    return new Matcher(
      StringTable.of(vocab, seed),
      t.edgeStart,
      t.edgeToken,
      t.edgeChild,
      t.payloadStart,
      t.payloadEntity,
      t.payloadFlags,
      StringTable.of(keys, seed),
      typeCodes,
      prominences,
      relatedStart,
      relatedIndex.done(),
      entityFacts(keys, typeCodes, prominences, ownStart.done(), ownCode.done(), new Uint32Array(nameHash.done().buffer)),
      cues,
    );
  }

  private tokenId(key: string): number {
    return this.vocab.indexOf(key);
  }

  private child(node: number, tok: number): number {
    let lo = this.edgeStart[node];
    let hi = this.edgeStart[node + 1] - 1;
    const tokens = this.edgeToken;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = tokens[mid];
      if (t === tok) return this.edgeChild[mid];
      if (t < tok) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private hasPayload(node: number): boolean {
    return this.payloadStart[node + 1] > this.payloadStart[node];
  }

  /** Ids under which a text token may continue a path: its strict spelling and its folded key. */
  private idsFor(t: Token): [number, number] {
    // Exact spelling: acronyms, and aliases the pack marked case-sensitive ("Dawn").
    const strict = this.tokenId(strictKey(t.raw));
    return [strict, this.tokenId(t.fold)];
  }

  /**
   * Longest match at each position, left to right, non-overlapping. A match starts only at a
   * capitalised word (or at an alias written in lowercase), never across punctuation.
   */
  scan(tokens: Token[]): Candidate[] {
    const out: Candidate[] = [];
    const ids: ([number, number] | undefined)[] = new Array(tokens.length);
    const idsAt = (i: number) => {
      let v = ids[i];
      if (!v) {
        v = this.idsFor(tokens[i]);
        ids[i] = v;
      }
      return v;
    };
    let i = 0;
    while (i < tokens.length) {
      const best = this.longestAt(tokens, i, idsAt);
      if (best) {
        out.push(best);
        i = best.to;
      } else i++;
    }
    return out;
  }

  private longestAt(tokens: Token[], i: number, idsAt: (i: number) => [number, number]): Candidate | null {
    const startCaps = tokens[i].caps;
    let bestNode = -1;
    let bestTo = -1;
    // Depth-first over at most two branches per token (strict and folded spelling).
    const stack: [number, number][] = [];
    for (const id of idsAt(i)) {
      if (id < 0) continue;
      const n = this.child(0, id);
      if (n >= 0) stack.push([n, i + 1]);
    }
    while (stack.length) {
      const [node, next] = stack.pop() as [number, number];
      if (this.hasPayload(node) && !tokens[next - 1].connector && (next > bestTo || (next === bestTo && node < bestNode))) {
        if (startCaps !== 'lower' || this.allowsLowerStart(node)) {
          bestNode = node;
          bestTo = next;
        }
      }
      if (next < tokens.length && !tokens[next].breakBefore) {
        // Connectors ("-e-", "-i-") are stepped over: the next word continues the same path.
        if (tokens[next].connector) stack.push([node, next + 1]);
        else
          for (const id of idsAt(next)) {
            if (id < 0) continue;
            const n = this.child(node, id);
            if (n >= 0) stack.push([n, next + 1]);
          }
      }
    }
    if (bestNode < 0) return null;
    const entries: Candidate['entries'] = [];
    for (let p = this.payloadStart[bestNode]; p < this.payloadStart[bestNode + 1]; p++) {
      if (startCaps === 'lower' && !(this.payloadFlags[p] & FLAG.LOWER_START)) continue;
      entries.push({ entity: this.payloadEntity[p], flags: this.payloadFlags[p] });
    }
    return { from: i, to: bestTo, start: tokens[i].start, end: tokens[bestTo - 1].end, entries };
  }

  private allowsLowerStart(node: number): boolean {
    for (let p = this.payloadStart[node]; p < this.payloadStart[node + 1]; p++) {
      if (this.payloadFlags[p] & FLAG.LOWER_START) return true;
    }
    return false;
  }

  /** Entity index of a `pack:entity` key, or -1. */
  indexOfKey(key: string): number {
    return this.keys.indexOf(key);
  }

  related(entity: number): Int32Array {
    return this.relatedIndex.subarray(this.relatedStart[entity], this.relatedStart[entity + 1]);
  }

  /** The entity's countries as 16-bit codes (compare with `countryCodeOf`). */
  countriesOf(entity: number): Uint16Array {
    const all = this.facts.countryCode.subarray(this.facts.countryStart[entity], this.facts.countryStart[entity + 1]);
    return all.length && all[0] & BORROWED ? all.subarray(0, 0) : all;
  }

  /** Where the entity is: its own countries, else those of its twin in another pack (codes as `countriesOf`). */
  placedIn(entity: number): number[] {
    return [...this.facts.countryCode.subarray(this.facts.countryStart[entity], this.facts.countryStart[entity + 1])].map((c) => c & ~BORROWED);
  }

  /** Same canonical name (after folding), by hash: twins across packs. */
  sameName(a: number, b: number): boolean {
    return this.facts.nameHash[a] === this.facts.nameHash[b];
  }

  /** The pack prefix of an entity key ("world" of "world:place-lahore-pk"). */
  packOf(entity: number): string {
    const k = this.keys.at(entity);
    return k.slice(0, k.indexOf(':'));
  }

  isTitle(fold: string): boolean {
    this.titleSet ??= new Set(this.cues.titles);
    return this.titleSet.has(fold);
  }

  typeOf(entity: number): EntityType {
    return ENTITY_TYPE_CODES[this.entityTypes[entity]] ?? 'other';
  }

  /** Serialise to one ArrayBuffer (the worker stores it in IndexedDB and reloads it on wake-up). */
  toSnapshot(): ArrayBuffer {
    const enc = new TextEncoder();
    const strings = enc.encode(JSON.stringify({ cues: this.cues }));
    const arrays: ArrayBufferView[] = [
      this.edgeStart,
      this.edgeToken,
      this.edgeChild,
      this.payloadStart,
      this.payloadEntity,
      this.relatedStart,
      this.relatedIndex,
      this.entityProminence,
      this.payloadFlags,
      this.entityTypes,
      this.facts.countryStart,
      this.facts.countryCode,
      this.facts.nameHash,
      ...tableParts(this.vocab, enc),
      ...tableParts(this.keys, enc),
    ];
    return writeSnapshot(4 + arrays.length, strings, arrays, (head) => {
      head[0] = MAGIC;
      head[1] = SNAPSHOT_VERSION;
      head[3] = strings.byteLength;
      arrays.forEach((a, k) => {
        head[4 + k] = a.byteLength;
      });
    });
  }

  /** Reload a snapshot; returns null when it is damaged or from another format version. */
  static fromSnapshot(buf: ArrayBuffer): Matcher | null {
    if (buf.byteLength < 16) return null;
    const pre = new Uint32Array(buf, 0, 4);
    if (pre[0] !== MAGIC || pre[1] !== SNAPSHOT_VERSION) return null;
    const count = ARRAY_COUNT;
    const headerWords = 4 + count;
    if (buf.byteLength < headerWords * 4) return null;
    const head = new Uint32Array(buf, 0, headerWords);
    if (checksum(buf, headerWords * 4) !== head[2]) return null;
    let off = headerWords * 4;
    const dec = new TextDecoder();
    const strings = JSON.parse(dec.decode(new Uint8Array(buf, off, head[3]))) as { cues?: MatcherCues };
    off += align4(head[3]);
    // Views over the stored buffer, no copies: the buffer is ours (fresh from IndexedDB).
    const at: [number, number][] = [];
    for (let k = 0; k < count; k++) {
      const len = head[4 + k];
      if (off + len > buf.byteLength) return null;
      at.push([off, len]);
      off += align4(len);
    }
    const i32 = (k: number) => new Int32Array(buf, at[k][0], at[k][1] >> 2);
    const table = (k: number) => {
      if (at[k + 3][1] !== 4) return null;
      const seed = new Uint32Array(buf, at[k + 3][0], 1)[0] as number;
      const t = new StringTable(dec.decode(new Uint8Array(buf, at[k][0], at[k][1])), i32(k + 1), i32(k + 2), seed);
      return t.isWellFormed() ? t : null;
    };
    const vocab = table(13);
    const keys = table(17);
    if (!vocab || !keys) return null;
    return new Matcher(
      vocab,
      i32(0),
      i32(1),
      i32(2),
      i32(3),
      i32(4),
      new Uint8Array(buf, at[8][0], at[8][1]),
      keys,
      new Uint8Array(buf, at[9][0], at[9][1]),
      new Float32Array(buf, at[7][0], at[7][1] >> 2),
      i32(5),
      i32(6),
      {
        countryStart: i32(10),
        countryCode: new Uint16Array(buf, at[11][0], at[11][1] >> 1),
        nameHash: new Uint32Array(buf, at[12][0], at[12][1] >> 2),
      },
      strings.cues ?? { titles: [], demonyms: {} },
    );
  }
}

/** A string table as four snapshot arrays: its text (UTF-8), its starts, its hash slots and its seed. */
const tableParts = (t: StringTable, enc: TextEncoder): ArrayBufferView[] => [enc.encode(t.text), t.starts, t.slots, Uint32Array.of(t.seed)];

/** Token ids by first sight: the matcher's vocabulary while it is built. */
export function vocabulary() {
  const vocab: string[] = [];
  const vocabIndex = new Map<string, number>();
  const idOf = (k: string) => {
    let id = vocabIndex.get(k);
    if (id === undefined) {
      id = vocab.length;
      vocab.push(k);
      vocabIndex.set(k, id);
    }
    return id;
  };
  return { vocab, idOf };
}

/**
 * Each alias of an entity (its name first) as a trie path: the token ids of its words (strict
 * spelling for acronyms and case-sensitive aliases, else folded; connectors skipped) and its flags.
 */
export function aliasPaths(entity: MatcherEntityInput, idOf: (key: string) => number, emit: (ids: number[], flags: number) => void): void {
  // The name before a comma is the name too ("Washington" of "Washington, D.C.").
  const head = entity.type !== 'person' && entity.name.includes(',') ? foldedName(entity.name.slice(0, entity.name.indexOf(','))) : null;
  const nameFolds = tokenize(entity.name).map((t) => t.fold);
  const forms: AliasForm[] = [
    { text: entity.name, canonical: true },
    ...entity.aliases.map((a) => (head !== null && foldedName(a.text) === head ? { ...a, canonical: true } : a)),
  ];
  const ids: number[] = [];
  for (const form of forms) {
    const tokens = tokenize(form.text);
    if (!tokens.length) continue;
    let flags = 0;
    if (form.canonical) flags |= FLAG.CANONICAL;
    else if (entity.type !== 'person' && isFragment(tokens, nameFolds)) flags |= FLAG.FRAGMENT;
    if (entity.type === 'person' && tokens.length === 1 && !form.canonical) flags |= FLAG.SHORT;
    if (form.standalone === false) flags |= FLAG.NO_STANDALONE;
    if (tokens[0].caps === 'lower') flags |= FLAG.LOWER_START;
    ids.length = 0;
    for (const t of tokens) if (!t.connector) ids.push(idOf(form.caseSensitive || isStrictAliasToken(t.raw) ? strictKey(t.raw) : t.fold));
    emit(ids, flags);
  }
}

export function mergeFlags(a: number, b: number): number {
  // Not short (nor a fragment) if either reading is a full one; canonical if either is.
  const both = a & b & (FLAG.SHORT | FLAG.FRAGMENT);
  return ((a | b) & ~(FLAG.SHORT | FLAG.FRAGMENT)) | both;
}

export const countryCodeOf = countryToCode;
export const countryOfCode = codeToCountry;

/** High bit of a stored country code: taken from a twin in another pack (ASCII codes never set it). */
const BORROWED = 0x8000;
const packOfKey = (key: string): string => key.slice(0, Math.max(0, key.indexOf(':')));

/**
 * Each entity's countries. A pack that gives none (a hand-written pack's "China") takes them from
 * its twin in another pack (same type and canonical name; of several, the most prominent), for the
 * place-inside-place rule of `entity-choice.ts` (`placedIn`); page fit uses a pack's own countries.
 * Borrowed codes carry `BORROWED`: they place the entity, but are no page-fit evidence of its own.
 */
function entityFacts(
  keys: string[],
  types: ArrayLike<number>,
  prominence: ArrayLike<number>,
  ownStart: Int32Array,
  ownCode: Int32Array,
  nameHash: Uint32Array,
): EntityFacts {
  const n = keys.length;
  const has = (i: number) => ownStart[i + 1] > ownStart[i];
  const best = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    if (!has(i)) continue;
    const k = `${nameHash[i]}|${types[i]}`;
    const b = best.get(k);
    if (b === undefined || prominence[i] > prominence[b]) best.set(k, i);
  }
  const countryStart = new Int32Array(n + 1);
  const codes = intList();
  for (let i = 0; i < n; i++) {
    countryStart[i] = codes.length;
    if (has(i)) {
      for (let c = ownStart[i]; c < ownStart[i + 1]; c++) codes.push(ownCode[c]);
      continue;
    }
    const b = best.get(`${nameHash[i]}|${types[i]}`);
    if (b === undefined || packOfKey(keys[b]) === packOfKey(keys[i])) continue;
    for (let c = ownStart[b]; c < ownStart[b + 1]; c++) codes.push(ownCode[c] | BORROWED);
  }
  countryStart[n] = codes.length;
  return { countryStart, countryCode: Uint16Array.from(codes.done()), nameHash };
}
