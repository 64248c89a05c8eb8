import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { PackEntity, PackEvent, PackStatement } from '../../core/pack-format';
import type { Command } from './index';
import {
  between,
  EVENT_KINDS,
  fillerSentence,
  fillerText,
  flags,
  INITIATIVE_KINDS,
  isoDate,
  ORG_KINDS,
  PLACE_PREFIXES,
  pick,
  type Rand,
  rng,
  slug,
  wordPool,
} from './synth-words';

/**
 * A synthetic pack of the shape real packs have at scale: mostly people with shared surnames,
 * organisations with acronyms (some shared), places, and about half a statement and half an event
 * per entity. Same seed, same bytes.
 */
export function synthPack(
  entities: number,
  seed: number,
): { head: Record<string, unknown>; entities: PackEntity[]; statements: PackStatement[]; events: PackEvent[] } {
  const r = rng(seed);
  const surnames = wordPool(r, Math.max(50, Math.round(entities / 25)));
  const given = wordPool(r, Math.max(50, Math.round(entities / 60)), new Set(surnames));
  const roots = wordPool(r, Math.max(50, Math.round(entities / 8)), new Set([...surnames, ...given]));
  const usedNames = new Set<string>();
  const usedIds = new Set<string>();
  const out: PackEntity[] = [];
  let q = 1000;

  const unique = (make: () => string): string => {
    for (;;) {
      const n = make();
      if (!usedNames.has(n)) {
        usedNames.add(n);
        return n;
      }
    }
  };
  const idFor = (name: string): string => {
    let id = slug(name);
    for (let k = 2; usedIds.has(id); k++) id = `${slug(name)}-${k}`;
    usedIds.add(id);
    return id;
  };

  for (let i = 0; i < entities; i++) {
    const x = r();
    let entity: PackEntity;
    if (x < 0.55) {
      const surname = pick(r, surnames);
      const name = unique(() => {
        const words = [pick(r, given)];
        const middles = r() < 0.25 ? between(r, 1, 2) : 0;
        for (let k = 0; k < middles; k++) words.push(pick(r, given));
        words.push(surname);
        return words.join(' ');
      });
      entity = base(r, idFor(name), 'person', name, `politician and official from ${pick(r, roots)}`);
      entity.aliases = r() < 0.2 ? [surname, { text: name.split(' ')[0], standalone: false }] : [surname];
    } else if (x < 0.8) {
      const name = unique(() => {
        const n = between(r, 1, 3);
        const words: string[] = [];
        for (let k = 0; k < n; k++) words.push(pick(r, roots));
        words.push(pick(r, ORG_KINDS));
        return words.join(' ');
      });
      entity = base(r, idFor(name), 'organization', name, `${name.split(' ').pop()?.toLowerCase()} founded in ${between(r, 1900, 2020)}`);
      const words = name.split(' ');
      if (words.length >= 2) entity.aliases = [words.map((w) => w[0]).join('')];
    } else if (x < 0.95) {
      const name = unique(() => (r() < 0.3 ? `${pick(r, PLACE_PREFIXES)} ${pick(r, roots)}` : pick(r, roots)));
      entity = base(r, idFor(name), 'place', name, `district of about ${between(r, 10, 900)} thousand people`);
    } else {
      const kind = r() < 0.5 ? 'initiative' : 'event';
      const name = unique(() => `${pick(r, roots)} ${pick(r, kind === 'initiative' ? INITIATIVE_KINDS : EVENT_KINDS)}`);
      entity = base(r, idFor(name), kind, name, `${kind} first reported in ${between(r, 1990, 2025)}`);
    }
    if (r() < 0.3) entity.wikidata = `Q${q++}`;
    out.push(entity);
  }

  const statements: PackStatement[] = [];
  const events: PackEvent[] = [];
  for (let i = 0; i < Math.round(entities / 2); i++) {
    const who = out[Math.floor(r() * out.length)];
    statements.push({
      id: `st-${i}`,
      entity: who.id,
      date: isoDate(r),
      text: fillerText(r, between(r, 30, 100)),
      context: fillerSentence(r, 5),
      source: source(r),
    });
  }
  for (let i = 0; i < Math.round(entities / 2); i++) {
    const n = between(r, 2, 4);
    const ids = new Set<string>();
    while (ids.size < Math.min(n, out.length)) ids.add(out[Math.floor(r() * out.length)].id);
    events.push({
      id: `ev-${i}`,
      date: isoDate(r),
      title: fillerSentence(r, 7).slice(0, -1),
      summary: fillerText(r, between(r, 20, 70)),
      entities: [...ids],
      source: source(r),
    });
  }
  const head = {
    format: 'backstory-pack',
    formatVersion: 1,
    id: `synth-${seed}`,
    version: 1,
    title: `Synthetic pack (${entities} entities, seed ${seed})`,
    description: 'Generated for benchmarks; every name is invented.',
    language: 'en',
    publisher: { name: 'Backstory bench' },
    license: 'CC0-1.0',
    published: '2025-01-01T00:00:00Z',
  };
  return { head, entities: out, statements, events };
}

function base(r: Rand, id: string, type: PackEntity['type'], name: string, description: string): PackEntity {
  const e: PackEntity = {
    id,
    type,
    name,
    description,
    summary: fillerText(r, between(r, 20, 90)),
    prominence: Math.round(r() * 1000) / 1000,
    sources: [source(r)],
  };
  if (r() < 0.4) e.facts = [{ label: 'Since', value: String(between(r, 1950, 2025)) }];
  return e;
}

function source(r: Rand): { title: string; url: string; publisher: string; date: string } {
  const n = Math.floor(r() * 1e9).toString(36);
  return { title: fillerSentence(r, 3).slice(0, -1), url: `https://news.example.org/a/${n}`, publisher: 'Example News', date: isoDate(r) };
}

/** Write the pack as compact JSON without holding one 60 MB string. */
export function writePack(file: string, pack: ReturnType<typeof synthPack>): number {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const fd = openSync(file, 'w');
  let bytes = 0;
  const w = (s: string) => {
    bytes += writeSync(fd, s);
  };
  try {
    w(JSON.stringify(pack.head).slice(0, -1));
    for (const [key, list] of [
      ['entities', pack.entities],
      ['statements', pack.statements],
      ['events', pack.events],
    ] as const) {
      w(`,"${key}":[`);
      let buf = '';
      list.forEach((item, i) => {
        buf += (i ? ',' : '') + JSON.stringify(item);
        if (buf.length > 1 << 20) {
          w(buf);
          buf = '';
        }
      });
      w(`${buf}]`);
    }
    w('}');
  } finally {
    closeSync(fd);
  }
  return bytes;
}

export const synth: Command = {
  summary: 'synth --entities N --seed S --out FILE — a deterministic synthetic pack for benchmarks',
  async run(args) {
    const f = flags(args);
    const entities = Number(f.entities ?? 100_000);
    const seed = Number(f.seed ?? 1);
    if (!f.out || !Number.isInteger(entities) || entities < 1 || !Number.isInteger(seed)) throw new Error('usage: synth --entities N --seed S --out FILE');
    const pack = synthPack(entities, seed);
    const bytes = writePack(f.out, pack);
    console.log(
      `${f.out}: ${pack.entities.length} entities, ${pack.statements.length} statements, ${pack.events.length} events, ${(bytes / 1024 / 1024).toFixed(1)} MB`,
    );
    return 0;
  },
};
