import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { tokenize } from '../../src/core/normalize';
import type { EntityType } from '../../src/core/pack-format';
import { type SearchEntry, SearchIndex } from '../../src/core/search-index';

const FIXTURES: SearchEntry[] = [
  { key: 'af:khalilzad', name: 'Zalmay Khalilzad', type: 'person', description: 'US diplomat', aliases: ['Khalilzad', 'Zal'], prominence: 0.8 },
  {
    key: 'af:ttp',
    name: 'Tehrik-i-Taliban Pakistan',
    type: 'organization',
    description: 'Militant alliance',
    aliases: ['TTP', 'Pakistani Taliban'],
    prominence: 0.9,
  },
  { key: 'af:taliban', name: 'Taliban', type: 'organization', description: 'Afghan movement', aliases: ['Islamic Emirate of Afghanistan'], prominence: 1 },
  { key: 'af:kp', name: 'Khyber Pakhtunkhwa', type: 'place', description: 'Province of Pakistan', aliases: ['KP', 'KPK'], prominence: 0.7 },
  { key: 'af:torkham', name: 'Torkham', type: 'place', description: 'Border crossing', aliases: [], prominence: 0.5 },
  { key: 'af:isisk', name: 'Islamic State – Khorasan Province', type: 'organization', aliases: ['ISIS-K', 'ISKP'], prominence: 0.6 },
  { key: 'af:khan', name: 'Imran Khan', type: 'person', aliases: ['Khan'], prominence: 0.95 },
  { key: 'af:khanna', name: 'Rajiv Khanna', type: 'person', aliases: [], prominence: 0.99 },
  { key: 'af:khan-a', name: 'Khan Abad', type: 'place', aliases: [], prominence: 0.1 },
  { key: 'af:munir', name: 'Asim Munir', type: 'person', description: 'Army chief', aliases: ['Syed Asim Munir'], prominence: 0.85 },
  { key: 'af:pti', name: 'Pakistan Tehreek-e-Insaf', type: 'organization', aliases: ['PTI'], prominence: 0.8 },
];

const keys = (hits: { key: string }[]) => hits.map((h) => h.key);

describe('SearchIndex: matching', () => {
  const index = SearchIndex.build(FIXTURES);

  it('finds names by prefix of any word', () => {
    expect(keys(index.search('zal'))).toContain('af:khalilzad');
    expect(keys(index.search('khal'))).toContain('af:khalilzad');
    expect(index.search('khal')[0].key).toBe('af:khalilzad');
    expect(index.search('Zalmay Kh')[0]).toMatchObject({ key: 'af:khalilzad', kind: 'prefix' });
  });

  it('requires every query word to match a word of the same form', () => {
    expect(keys(index.search('zalmay khan'))).not.toContain('af:khalilzad');
    expect(keys(index.search('imran khalilzad'))).toEqual([]);
    // Word order does not matter.
    expect(index.search('khalilzad zalmay')[0].key).toBe('af:khalilzad');
  });

  it('ranks exact name > exact alias > prefix > fuzzy, then prominence, then shorter name', () => {
    // "khan": exact alias of Imran Khan; "Khan Abad" and "Rajiv Khanna" only by word/prefix.
    const hits = index.search('khan');
    expect(keys(hits).slice(0, 3)).toEqual(['af:khan', 'af:khan-a', 'af:khanna']);
    expect(hits[0]).toMatchObject({ kind: 'alias', matched: 'Khan' });
    expect(hits[1].kind).toBe('prefix');
    // Exact name beats a more prominent entity's exact alias.
    const t = index.search('taliban');
    expect(t[0]).toMatchObject({ key: 'af:taliban', kind: 'exact' });
    expect(t[0].matched).toBeUndefined();
    expect(t[1].key).toBe('af:ttp');
  });

  it('ranks names that start with the query above later words, and names above aliases', () => {
    const idx = SearchIndex.build([
      { key: 'x:ttp', name: 'Tehrik-i-Taliban Pakistan', type: 'organization', aliases: ['Fitna al-Khawarij'], prominence: 1 },
      { key: 'x:zk', name: 'Zalmay Khalilzad', type: 'person', aliases: [], prominence: 0.9 },
      { key: 'x:kp', name: 'Khairpur', type: 'place', aliases: [], prominence: 0.2 },
    ]);
    // Prominence alone would put TTP (through its alias) first.
    expect(keys(idx.search('kha'))).toEqual(['x:kp', 'x:zk', 'x:ttp']);
  });

  it('deduplicates by entity and reports the alias that matched', () => {
    const hits = index.search('pakistani taliban');
    expect(hits.filter((h) => h.key === 'af:ttp')).toHaveLength(1);
    expect(hits[0]).toMatchObject({ key: 'af:ttp', kind: 'alias', matched: 'Pakistani Taliban' });
    // Matched by the name: no "also".
    expect(index.search('zalmay')[0].matched).toBeUndefined();
  });

  it('finds acronyms case-insensitively', () => {
    expect(index.search('TTP')[0]).toMatchObject({ key: 'af:ttp', kind: 'alias', matched: 'TTP' });
    expect(index.search('ttp')[0].key).toBe('af:ttp');
    expect(index.search('t.t.p.')[0].key).toBe('af:ttp');
    expect(index.search('pti')[0].key).toBe('af:pti');
  });

  it('derives initials for organisations without an explicit acronym', () => {
    const idx = SearchIndex.build([{ key: 'x:nrf', name: 'National Resistance Front', type: 'organization', aliases: [] }]);
    expect(idx.search('NRF')[0]).toMatchObject({ key: 'x:nrf', kind: 'alias', matched: 'NRF' });
    // Derived forms match only as a whole.
    expect(idx.search('nr')).toEqual([]);
  });

  it('treats "ISIS-K", "isis k" and "isisk" alike', () => {
    for (const q of ['ISIS-K', 'isis k', 'isis-k', 'ISIS K', 'isisk']) {
      expect(index.search(q)[0], q).toMatchObject({ key: 'af:isisk', matched: 'ISIS-K' });
    }
    expect(index.search('isis k')[0].kind).toBe('alias');
  });

  it('folds transliteration variants like detection does', () => {
    expect(index.search('tehreek e taliban')[0].key).toBe('af:ttp');
    expect(index.search('Tehreek-e-Taliban Pakistan')[0]).toMatchObject({ key: 'af:ttp', kind: 'exact' });
    expect(index.search('khyber pakhtoonkhwa')[0]).toMatchObject({ key: 'af:kp', kind: 'exact' });
    expect(index.search('pakhtoon')[0].key).toBe('af:kp');
    expect(index.search('tehrik insaaf')[0].key).toBe('af:pti');
    expect(index.search('Khyber Pakhtūnkhwā')[0].key).toBe('af:kp');
  });

  it('tolerates typos: 1 edit for 4–7 letters, 2 for 8+', () => {
    expect(index.search('khalilzd')[0]).toMatchObject({ key: 'af:khalilzad', kind: 'fuzzy' });
    expect(index.search('torkam')[0]).toMatchObject({ key: 'af:torkham', kind: 'fuzzy' });
    expect(index.search('kahlilzad')[0].key).toBe('af:khalilzad'); // transposition
    expect(index.search('khlilzda')[0].key).toBe('af:khalilzad'); // two edits, 8 letters
    expect(index.search('munr')[0].key).toBe('af:munir'); // 4 letters, one deletion
    expect(keys(index.search('mnr'))).not.toContain('af:munir'); // 3 letters: no typos
    expect(keys(index.search('tirkem'))).not.toContain('af:torkham'); // 2 edits on 6 letters
    // A typo in a word still being typed (last word, 5+ letters).
    expect(index.search('khalol')[0].key).toBe('af:khalilzad');
    expect(index.search('asim munr')[0].key).toBe('af:munir');
  });

  it('returns nothing for empty or wordless queries and respects the limit', () => {
    expect(index.search('')).toEqual([]);
    expect(index.search('  --- !! ')).toEqual([]);
    expect(index.search('k', 2)).toHaveLength(2);
    expect(SearchIndex.build([]).search('anything')).toEqual([]);
  });

  it('looks up name and type by key', () => {
    expect(index.infoOf('af:kp')).toEqual({ name: 'Khyber Pakhtunkhwa', type: 'place' });
    expect(index.infoOf('af:k')).toBeUndefined();
    expect(index.infoOf('zz:none')).toBeUndefined();
    expect(index.infoOf('')).toBeUndefined();
    expect(SearchIndex.fromSnapshot(index.toSnapshot())?.infoOf('af:ttp')).toEqual({ name: 'Tehrik-i-Taliban Pakistan', type: 'organization' });
  });

  it('copies type and description', () => {
    expect(index.search('torkham')[0]).toEqual({ key: 'af:torkham', name: 'Torkham', type: 'place', description: 'Border crossing', kind: 'exact' });
  });

  it('never throws, whatever the query', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary', maxLength: 60 }),
          fc.string({ unit: 'grapheme-composite' }),
          fc.constantFrom('khal', 'ISIS-K', 'e', "o'", '\u0301', '..'),
        ),
        fc.integer({ min: -5, max: 500 }),
        (q, limit) => {
          const hits = index.search(q, limit);
          expect(Array.isArray(hits)).toBe(true);
          expect(hits.length).toBeLessThanOrEqual(100);
          expect(new Set(keys(hits)).size).toBe(hits.length);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('SearchIndex: snapshot', () => {
  const index = SearchIndex.build(FIXTURES);

  it('round-trips to identical results', () => {
    const snap = index.toSnapshot();
    const copy = SearchIndex.fromSnapshot(snap.slice(0));
    expect(copy).not.toBeNull();
    for (const q of ['khal', 'TTP', 'isis k', 'torkam', 'khyber pakhtoonkhwa', 'khan', 'k', 'x']) {
      expect(copy?.search(q), q).toEqual(index.search(q));
    }
  });

  it('rejects damaged, truncated and foreign buffers', () => {
    const snap = index.toSnapshot();
    const flipped = snap.slice(0);
    const bytes = new Uint8Array(flipped);
    bytes[bytes.length - 20] ^= 0xff;
    expect(SearchIndex.fromSnapshot(flipped)).toBeNull();
    expect(SearchIndex.fromSnapshot(snap.slice(0, snap.byteLength - 4))).toBeNull();
    expect(SearchIndex.fromSnapshot(new ArrayBuffer(0))).toBeNull();
    expect(SearchIndex.fromSnapshot(new ArrayBuffer(200))).toBeNull();
    const otherVersion = snap.slice(0);
    new Uint32Array(otherVersion)[1] = 999;
    expect(SearchIndex.fromSnapshot(otherVersion)).toBeNull();
  });

  it('round-trips non-Latin text', () => {
    const idx = SearchIndex.build([{ key: 'x:a', name: 'ذبيح الله مجاهد', type: 'person', description: '😀 émoji', aliases: ['Zabihullah Mujahid'] }]);
    const copy = SearchIndex.fromSnapshot(idx.toSnapshot());
    expect(copy?.search('mujahid')).toEqual(idx.search('mujahid'));
    expect(copy?.search('مجاهد')[0]).toMatchObject({ key: 'x:a', description: '😀 émoji' });
  });
});

// ---------------------------------------------------------------------------------------------
// 100,000 generated entities, checked against a brute-force reference implementation.

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES =
  'ka ri to man sha zal hu bel dor qa fi nur ab del ra sul tan mir za gul im ran far uq lo ve sim pa kho tar bad jan wa lee sa hid mo ham at is nor qu be li ne os tu rek dan shi va gor'.split(
    ' ',
  );
const ORG_WORDS = 'Front Movement Council Party League Army Alliance Union Brigade Network Association Committee Federation'.split(' ');
const TYPES: EntityType[] = ['person', 'person', 'person', 'organization', 'place', 'event', 'initiative', 'other'];

function generate(count: number, seed: number): SearchEntry[] {
  const rand = mulberry32(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const word = (min: number, max: number) => {
    const n = min + Math.floor(rand() * (max - min + 1));
    let w = '';
    for (let i = 0; i < n; i++) w += pick(SYLLABLES);
    return w[0].toUpperCase() + w.slice(1);
  };
  const out: SearchEntry[] = [];
  for (let i = 0; i < count; i++) {
    const type = pick(TYPES);
    let name: string;
    const aliases: string[] = [];
    if (type === 'person') {
      const first = word(1, 3);
      const last = word(2, 4);
      name = `${first} ${last}`;
      aliases.push(last);
      if (rand() < 0.5) aliases.push(`${first} ${word(1, 2)} ${last}`);
    } else if (type === 'organization') {
      const parts = [word(2, 3), word(1, 3), pick(ORG_WORDS)];
      name = parts.join(' ');
      if (rand() < 0.6)
        aliases.push(
          parts
            .map((p) => p[0])
            .join('')
            .toUpperCase(),
        );
      aliases.push(`${parts[0]} ${parts[2]}`);
    } else {
      name = rand() < 0.5 ? word(2, 4) : `${word(2, 3)} ${word(2, 3)}`;
      if (rand() < 0.5) aliases.push(word(2, 4));
    }
    while (aliases.length < 3) aliases.push(word(2, 4));
    out.push({ key: `gen:e${i}`, name, type, description: `Generated ${type} ${i}`, aliases, prominence: Math.round(rand() * 100) / 100 });
  }
  return out;
}

/** Straightforward re-statement of the matching and ranking rules, without any index. */
function makeReference(entries: SearchEntry[]) {
  const fold = (s: string) => tokenize(s).map((t) => t.fold);
  const prom = (e: SearchEntry) => e.prominence ?? 0.5;
  const ranked = [...entries].sort((x, y) => prom(y) - prom(x) || x.name.length - y.name.length || (x.key < y.key ? -1 : 1));
  const SKIP = ['i', 'of', 'the', 'and', 'for', 'de', 'al', 'el', 'a', 'an', 'in', 'on', 'to'];
  type Form = { words: string[]; text: string; alias: boolean; derived: boolean };
  const formsOf: Form[][] = ranked.map((e) => {
    const forms: Form[] = [];
    const seen = new Set<string>();
    const add = (words: string[], text: string, alias: boolean, derived: boolean) => {
      const k = words.join(' ');
      if (!words.length || seen.has(k)) return;
      seen.add(k);
      forms.push({ words, text, alias, derived });
    };
    const nameWords = fold(e.name);
    add(nameWords, e.name, false, false);
    for (const a of e.aliases) add(fold(a), a, true, false);
    if (['organization', 'initiative', 'event'].includes(e.type)) {
      const ini = nameWords.filter((w) => !SKIP.includes(w) && /^\p{L}/u.test(w)).map((w) => [...w][0]);
      if (ini.length >= 2 && ini.length <= 8) add([ini.join('')], ini.join('').toUpperCase(), true, true);
    }
    for (const [words, text, alias] of [[nameWords, e.name, false] as const, ...e.aliases.map((a) => [fold(a), a, true] as const)]) {
      if (words.length >= 2 && words.length <= 4 && words.some((w) => w.length <= 2) && words.join('').length <= 16) add([words.join('')], text, alias, true);
    }
    return forms;
  });
  // Full (unbanded) OSA table in one reused buffer: d(i, j) = D[i * W + j].
  const W = 64;
  const D = new Int32Array(W * W);
  const osa = (a: string, b: string) => {
    for (let j = 0; j <= b.length; j++) D[j] = j;
    for (let i = 1; i <= a.length; i++) {
      D[i * W] = i;
      for (let j = 1; j <= b.length; j++) {
        let v = Math.min(D[(i - 1) * W + j] + 1, D[i * W + j - 1] + 1, D[(i - 1) * W + j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, D[(i - 2) * W + j - 2] + 1);
        D[i * W + j] = v;
      }
    }
    return (i: number, j: number) => D[i * W + j];
  };
  /** 0 exact, 1 prefix (last word), 2/3 one/two typos, -1 no match. */
  const quality = (qw: string, last: boolean, w: string) => {
    if (qw === w) return 0;
    if (last && w.startsWith(qw)) return 1;
    const m = qw.length;
    if (m < 4 || m > 32) return -1;
    const k = m >= 8 ? 2 : 1;
    let best = k + 1;
    const prefix = last && m >= 5;
    if (Math.abs(w.length - m) <= k || (prefix && w.length >= m - k)) {
      const d = osa(qw, w.slice(0, m + k));
      if (Math.abs(w.length - m) <= k) best = Math.min(best, d(m, w.length));
      if (prefix) for (let j = Math.max(1, m - k); j <= Math.min(w.length, m + k); j++) best = Math.min(best, d(m, j));
    }
    return best === 0 ? 0 : best <= k ? best + 1 : -1;
  };
  const KINDS = ['exact', 'alias', 'alias', 'prefix', 'prefix', 'prefix', 'prefix', 'prefix', 'prefix', 'fuzzy', 'fuzzy'];
  return (query: string, limit: number): { key: string; kind: string; matched?: string }[] => {
    const q = fold(query).filter(Boolean).slice(0, 12);
    if (!q.length) return [];
    const cache = q.map(() => new Map<string, number>());
    const qual = (i: number, w: string) => {
      let v = cache[i].get(w);
      if (v === undefined) {
        v = quality(q[i], i === q.length - 1, w);
        cache[i].set(w, v);
      }
      return v;
    };
    const hits: { score: number; key: string; kind: string; matched?: string }[] = [];
    ranked.forEach((e, rank) => {
      let best: { score: number; kind: string; matched?: string } | null = null;
      for (const f of formsOf[rank]) {
        let worst = 0;
        let okAll = true;
        for (let i = 0; i < q.length && okAll; i++) {
          let b = 99;
          for (const w of f.words) {
            const v = qual(i, w);
            if (v >= 0) b = Math.min(b, v);
          }
          if (b === 99) okAll = false;
          else worst = Math.max(worst, b);
        }
        if (!okAll) continue;
        let tier: number;
        if (f.words.join(' ') === q.join(' ')) tier = f.derived ? 2 : f.alias ? 1 : 0;
        else if (f.derived) continue;
        else {
          tier = [3, 6, 9, 10][worst];
          // Word and prefix matches: a form that starts with the query, then names, then aliases.
          if (tier <= 6) tier += qual(0, f.words[0]) === 0 || qual(0, f.words[0]) === 1 ? 0 : f.alias ? 2 : 1;
        }
        const score = (tier * entries.length + rank) * 2 + (f.alias ? 1 : 0);
        if (!best || score < best.score) best = { score, kind: KINDS[tier], matched: f.alias ? f.text : undefined };
      }
      if (best) hits.push({ ...best, key: e.key });
    });
    hits.sort((a, b) => a.score - b.score);
    return hits.slice(0, limit).map(({ key, kind, matched }) => (matched === undefined ? { key, kind } : { key, kind, matched }));
  };
}

describe('SearchIndex: 100,000 generated entities', () => {
  let entries: SearchEntry[];
  let index: SearchIndex;

  beforeAll(() => {
    entries = generate(100_000 - FIXTURES.length, 42);
    // The real names sit among the generated ones.
    entries.splice(50_000, 0, ...FIXTURES);
    index = SearchIndex.build(entries);
  }, 120_000);

  const project = (hits: { key: string; kind: string; matched?: string }[]) =>
    hits.map(({ key, kind, matched }) => (matched === undefined ? { key, kind } : { key, kind, matched }));

  it('finds the known names among 100k', () => {
    expect(index.size).toBe(100_000);
    expect(index.infoOf('gen:e123')?.name).toBe(entries.find((e) => e.key === 'gen:e123')?.name);
    expect(index.search('Zalmay Khalilzad')[0]).toMatchObject({ key: 'af:khalilzad', kind: 'exact' });
    expect(index.search('khalilzd')[0].key).toBe('af:khalilzad');
    expect(keys(index.search('torkam'))).toContain('af:torkham');
    expect(index.search('TTP')[0].key).toBe('af:ttp');
    expect(index.search('tehreek e taliban')[0].key).toBe('af:ttp');
    expect(index.search('khyber pakhtoonkhwa')[0].key).toBe('af:kp');
    expect(index.search('isis k')[0].key).toBe('af:isisk');
  });

  it('finds every sampled generated entity by its exact name, its aliases and a word prefix', () => {
    const rand = mulberry32(7);
    for (let s = 0; s < 200; s++) {
      const e = entries[Math.floor(rand() * entries.length)];
      const byName = index.search(e.name, 100);
      const exact = byName.filter((h) => h.kind === 'exact');
      expect(keys(exact), e.name).toContain(e.key);
      const alias = e.aliases[Math.floor(rand() * e.aliases.length)];
      const byAlias = index.search(alias, 100);
      expect(
        byAlias.some((h) => h.key === e.key && (h.kind === 'exact' || h.kind === 'alias')) ||
          // Very common aliases: a page of equal-or-better exact matches of other entities.
          byAlias.filter((h) => h.kind === 'exact' || h.kind === 'alias').length === 100,
        alias,
      ).toBe(true);
      // Every hit of a prefix query really contains a word with that prefix.
      const firstWord = tokenize(e.name)[0].fold;
      const prefix = firstWord.slice(0, 3);
      for (const h of index.search(prefix, 20)) {
        expect(h.kind === 'exact' || h.kind === 'alias' || h.kind === 'prefix').toBe(true);
      }
    }
  });

  it('agrees with a brute-force reference on ranking, dedup and typos', () => {
    const rand = mulberry32(99);
    const queries = ['khal', 'zal', 'k', 'tan', 'isis k', 'TTP', 'khalilzd', 'torkam'];
    for (let s = 0; s < 6; s++) {
      const e = entries[Math.floor(rand() * entries.length)];
      const words = tokenize(e.name).map((t) => t.raw);
      const w = words[words.length - 1];
      // A typo in the middle of the last word, plus a partial first word.
      const i = 1 + Math.floor(rand() * (w.length - 2));
      queries.push(`${w.slice(0, i)}${w.slice(i + 1)}`);
      queries.push(`${words[0]} ${w.slice(0, 3)}`);
      queries.push(e.aliases[0].toLowerCase());
    }
    const reference = makeReference(entries);
    const kinds = new Set<string>();
    for (const q of queries) {
      const hits = index.search(q, 20);
      expect(project(hits), q).toEqual(reference(q, 20));
      for (const h of hits) kinds.add(h.kind);
    }
    // The comparison covered every kind of match.
    expect([...kinds].sort()).toEqual(['alias', 'exact', 'fuzzy', 'prefix']);
  }, 120_000);

  it('answers identically after a snapshot round trip', () => {
    const copy = SearchIndex.fromSnapshot(index.toSnapshot());
    expect(copy).not.toBeNull();
    for (const q of ['khal', 'zalmay kh', 'torkam', 'ttp', 'a', 'gulman']) expect(copy?.search(q), q).toEqual(index.search(q));
  });
});
