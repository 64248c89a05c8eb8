// The streaming pack scanner against the engine's JSON.parse: the same fields and items for any
// document cut into any slices, and an error wherever JSON.parse has one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ITEM_KINDS, type PackItemKind, packStream, shapeOf } from '../../src/core/pack-stream';

interface Seen {
  meta: Record<string, unknown>;
  items: Record<PackItemKind, unknown[]>;
  shape?: ReturnType<typeof shapeOf>;
}

function run(text: string, cuts: number[]): Seen {
  const seen: Seen = { meta: {}, items: { entities: [], statements: [], events: [] } };
  const s = packStream({
    meta: (k, v) => {
      seen.meta[k] = v;
    },
    item: (kind, v, i) => {
      expect(i).toBe(seen.items[kind].length);
      seen.items[kind].push(v);
    },
    shape: (sh) => {
      seen.shape = sh;
    },
  });
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    s.write(text.slice(at, c));
    at = Math.max(at, c);
  }
  s.write(text.slice(at));
  s.end();
  return seen;
}

function expected(doc: Record<string, unknown>): Seen {
  const meta: Record<string, unknown> = {};
  const known = ['format', 'formatVersion', 'id', 'version', 'title', 'description', 'language', 'publisher', 'license', 'published', 'cues'];
  for (const k of known) if (k in doc) meta[k] = doc[k];
  const items = { entities: [], statements: [], events: [] } as Record<PackItemKind, unknown[]>;
  for (const k of ITEM_KINDS) if (Array.isArray(doc[k])) items[k] = doc[k] as unknown[];
  return { meta, items, shape: shapeOf(doc) };
}

// Strings with quotes, backslashes (runs of them), unicode and escapes: where scanners go wrong.
const tricky = fc.oneof(
  fc.string(),
  fc.constantFrom('\\', '\\\\', '"', '\\"', '\\\\"', '}', ']', '{"a":[', '\u2028', '😀', ''),
  fc.array(fc.constantFrom('\\', '"', 'x', '}', ']', ',', ':', '[', '{', ' '), { maxLength: 12 }).map((a) => a.join('')),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    tricky,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(tricky, tie('value'), { maxKeys: 4 }),
  ),
})).value;
const doc = fc.record(
  {
    format: fc.constant('backstory-pack'),
    id: tricky,
    version: fc.integer(),
    title: tricky,
    publisher: json,
    unknownField: json,
    entities: fc.oneof(fc.array(json, { maxLength: 6 }), json),
    statements: fc.array(json, { maxLength: 4 }),
    events: fc.array(json, { maxLength: 4 }),
  },
  { requiredKeys: [] },
);

describe('packStream', () => {
  it('hands out what JSON.parse sees, however the text is sliced and indented', () => {
    fc.assert(
      fc.property(doc, fc.constantFrom(0, 1, 2, '\t'), fc.array(fc.nat(), { maxLength: 8 }), (d, indent, cuts) => {
        const text = JSON.stringify(d, null, indent);
        const seen = run(
          text,
          cuts.map((c) => c % (text.length + 1)),
        );
        expect(seen).toEqual(expected(JSON.parse(text)));
      }),
      { numRuns: 400 },
    );
  });

  it('fails wherever JSON.parse fails: any cut-off document, and any damaged one', () => {
    fc.assert(
      fc.property(doc, fc.nat(), fc.nat(), fc.constantFrom('', '"', ',', '}', ']', '{', 'x', '\\'), (d, cutAt, at, insert) => {
        const full = JSON.stringify(d);
        const truncated = full.slice(0, cutAt % full.length);
        expect(() => run(truncated, [Math.floor(truncated.length / 2)])).toThrow(/not valid JSON/);
        const i = at % (full.length + 1);
        const damaged = full.slice(0, i) + insert + full.slice(i);
        let parsed: unknown;
        try {
          parsed = JSON.parse(damaged);
        } catch {
          expect(() => run(damaged, [i])).toThrow(/not valid JSON/);
          return;
        }
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) expect(run(damaged, [i])).toEqual(expected(parsed as Record<string, unknown>));
      }),
      { numRuns: 400 },
    );
  });

  it('explains what is wrong in words', () => {
    expect(() => run('', [])).toThrow(/the file is empty/);
    expect(() => run('  \n ', [])).toThrow(/the file is empty/);
    expect(() => run('[1, 2]', [])).toThrow(/a pack is a JSON object, but it starts with "\["/);
    expect(() => run('{"entities": [{"id": 1}', [])).toThrow(/ends in the middle/);
    expect(() => run('{"id": "a",}', [])).toThrow(/unexpected "}" at position 11/);
    expect(() => run('{"entities": [{},]}', [])).toThrow(/unexpected "]"/);
    expect(() => run('{"a": 1} x', [])).toThrow(/unexpected "x" at position 9/);
  });
});
