import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOwn, buildTo, builtIn, fixture, noPackWritten, PACK_META, readValidPack, tempDir, writeRecipe } from './build-helpers';

/** A copy of the newsroom sheets with one sheet replaced, and the recipe pointed at it. */
async function newsroomWith(sheet: string, content: Buffer | string) {
  const dir = tempDir();
  const sheets = path.join(dir, 'sheets');
  cpSync(fixture('newsroom'), sheets, { recursive: true });
  writeFileSync(path.join(sheets, sheet), content);
  const out = path.join(dir, 'desk.json');
  const error = await buildTo(builtIn('newsroom-example'), out, { desk: sheets }).then(
    () => new Error('the build succeeded'),
    (e: Error) => e,
  );
  return { message: error.message, file: path.join(sheets, sheet), dir, out };
}

describe('pack build: newsroom spreadsheets (CSV/TSV)', () => {
  it('maps the entities, statements and events sheets to pack items', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'desk.json');
    const summary = await buildTo(builtIn('newsroom-example'), out);
    expect(summary.counts).toEqual({ entities: 2, statements: 1, events: 1 });
    const pack = readValidPack(out);
    expect(pack.entities[0]).toEqual({
      id: 'asim-munir',
      type: 'person',
      name: 'Asim Munir',
      aliases: ['Syed Asim Munir', 'Field Marshal Munir', { text: 'Munir', standalone: false }],
      description: 'Chief of Army Staff of Pakistan',
      summary: 'Pakistani general, army chief since November 2022.',
      facts: [
        { label: 'Born', value: '1968' },
        { label: 'Office', value: 'Chief of Army Staff' },
      ],
      wikidata: 'Q1001',
      prominence: 0.8,
      countries: ['PK'],
      sources: [{ title: 'Profile: Asim Munir', url: 'https://example.org/profiles/asim-munir', publisher: 'Example Desk', date: '2025-06-01' }],
    });
    // A quoted CSV cell keeps its commas and doubled quotes.
    expect(pack.entities[1].sources[0].title).toBe('Explainer: the TTP, "Pakistani Taliban"');
    expect(pack.statements?.[0].text).toBe('We will respond to any aggression, with full force.');
    expect(pack.events?.[0].entities).toEqual(['asim-munir', 'ttp']);
  });

  it('a missing column names the sheet and its header line', async () => {
    const csv = readFileSync(fixture('newsroom/entities.csv'), 'utf8').replace('id,type,name,', 'id,type,');
    const r = await newsroomWith('entities.csv', csv);
    expect(r.message).toBe(`${r.file}:1: missing column "name"`);
    expect(noPackWritten(r.dir, r.out)).toBe(true);
  });

  it('a malformed row (an unclosed or extra cell) names its line', async () => {
    const csv = `${readFileSync(fixture('newsroom/statements.csv'), 'utf8')}st-2,asim-munir,2025-06-19,"Words",extra,cells,here,too,many,x\n`;
    const r = await newsroomWith('statements.csv', csv);
    expect(r.message).toBe(`${r.file}:3: expected 9 columns as in the header, found 10 (record starting on line 3)`);
    expect(noPackWritten(r.dir, r.out)).toBe(true);
  });

  it('a sheet saved in Latin-1 names its line', async () => {
    const tsv = readFileSync(fixture('newsroom/events.tsv'), 'utf8').replace('Qatar', 'Qatar, caf\u00e9');
    const r = await newsroomWith('events.tsv', Buffer.from(tsv, 'latin1'));
    expect(r.message).toBe(`${r.file}:2: not valid UTF-8 text (save the file as UTF-8)`);
    expect(noPackWritten(r.dir, r.out)).toBe(true);
  });
});

describe('pack build: existing packs', () => {
  it('merges two packs and overrides field by field with SQL', async () => {
    const pack = await buildOwn({
      inputs: [
        { name: 'base', adapter: 'pack', path: fixture('merge/base.json') },
        { name: 'desk', adapter: 'pack', path: fixture('merge/override.json') },
      ],
      entities:
        'SELECT CASE WHEN b.item IS NULL THEN d.item WHEN d.item IS NULL THEN b.item ELSE json_merge_patch(b.item, d.item) END AS item FROM base_entities b FULL JOIN desk_entities d USING (id)',
      events: 'SELECT item FROM base_events',
    });
    expect(pack.entities.map((e) => e.id)).toEqual(['doha', 'islamabad', 'kabul']);
    const kabul = pack.entities.find((e) => e.id === 'kabul');
    // Fields the override sets win; fields it leaves out (facts) stay from the base.
    expect(kabul).toEqual({
      id: 'kabul',
      type: 'place',
      name: 'Kabul',
      aliases: ['Kabol'],
      description: 'Capital of Afghanistan, on the Kabul River',
      facts: [{ label: 'Population', value: '4,434,550' }],
      sources: [{ url: 'https://example.org/kabul', publisher: 'Example Desk' }],
    });
    expect(pack.events?.map((e) => e.id)).toEqual(['ev-talks']);
  });

  it('an input pack that the validator refuses stops the build', async () => {
    const dir = tempDir();
    const bad = path.join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        format: 'backstory-pack',
        formatVersion: 1,
        id: 'x',
        version: 1,
        title: 'X',
        entities: [{ id: 'a', type: 'place', name: 'A', sources: [] }],
      }),
    );
    const recipe = writeRecipe(dir, { pack: PACK_META, inputs: [{ name: 'base', adapter: 'pack', path: bad }], entities: 'SELECT item FROM base_entities' });
    const out = path.join(dir, 'out.json');
    await expect(buildTo(recipe, out)).rejects.toThrow(`${bad}: not a valid pack`);
    expect(noPackWritten(dir, out)).toBe(true);
  });

  it('recipe output that breaks the format is refused with the item id, and nothing is written', async () => {
    const dir = tempDir();
    const recipe = writeRecipe(dir, {
      pack: PACK_META,
      inputs: [{ name: 'base', adapter: 'pack', path: fixture('merge/base.json') }],
      entities:
        "SELECT json_object('id', id, 'type', 'planet', 'name', 'X', 'sources', [json_object('url', 'https://example.org')]) AS item FROM base_entities",
    });
    const out = path.join(dir, 'out.json');
    await expect(buildTo(recipe, out)).rejects.toThrow(/entities item "doha" field type: expected one of/);
    expect(noPackWritten(dir, out)).toBe(true);
  });
});
