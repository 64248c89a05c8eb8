import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { ExplainedError } from '../pack-writer';
import type { RecipeInput } from '../recipe';
import { checkCsvRecords } from './csv-records';
import { type Adapter, type AdapterContext, requirePath, sqlString } from './types';

const SOURCE = ['source_url', 'source_title', 'source_publisher', 'source_date'];
/** The newsroom layout: one sheet per section, a header row, these columns (first ones required). */
export const SHEETS = {
  entities: {
    required: ['id', 'type', 'name'],
    optional: ['aliases', 'short_aliases', 'description', 'summary', 'facts', 'wikidata', 'prominence', 'countries', ...SOURCE],
  },
  statements: { required: ['id', 'entity', 'date', 'text'], optional: ['context', ...SOURCE] },
  events: { required: ['id', 'date', 'title', 'entities'], optional: ['summary', ...SOURCE] },
} as const;
type Sheet = keyof typeof SHEETS;

/** `a | b | c` → a list; blank cells are absent. */
const list = (col: string) => `list_filter(list_transform(string_split(coalesce(${col}, ''), '|'), x -> trim(x)), x -> x <> '')`;
const source = `json_object('title', source_title, 'url', source_url, 'publisher', source_publisher, 'date', source_date)`;

const ITEM_SQL: Record<Sheet, string> = {
  entities: `json_object('id', id, 'type', type, 'name', name,
      'aliases', list_concat(list_transform(${list('aliases')}, a -> to_json(a)), list_transform(${list('short_aliases')}, a -> json_object('text', a, 'standalone', false))),
      'description', description, 'summary', summary,
      'facts', list_transform(list_filter(${list('facts')}, f -> position(':' IN f) > 1),
        f -> json_object('label', trim(split_part(f, ':', 1)), 'value', trim(substr(f, position(':' IN f) + 1)))),
      'wikidata', wikidata, 'prominence', TRY_CAST(prominence AS DOUBLE), 'countries', list_transform(${list('countries')}, c -> upper(c)),
      'sources', [${source}])`,
  statements: `json_object('id', id, 'entity', entity, 'date', date, 'text', text, 'context', context, 'source', ${source})`,
  events: `json_object('id', id, 'date', date, 'title', title, 'summary', summary, 'entities', ${list('entities')}, 'source', ${source})`,
};

function findSheet(dir: string, sheet: Sheet): { file: string; delimiter: string } | undefined {
  for (const [ext, delimiter] of [
    ['csv', ','],
    ['tsv', '\t'],
  ] as const) {
    const file = path.join(dir, `${sheet}.${ext}`);
    if (existsSync(file)) return { file, delimiter };
  }
  return undefined;
}

function headerOf(file: string, delimiter: string): string[] {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(65536);
  const n = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const first = head
    .subarray(0, n)
    .toString('utf8')
    .split(/\r?\n/, 1)[0]
    .replace(/^\uFEFF/, '');
  return first.split(delimiter).map((h) => h.trim().replace(/^"|"$/g, '').toLowerCase());
}

async function registerSheet(input: RecipeInput, ctx: AdapterContext, sheet: Sheet): Promise<void> {
  const view = `${input.name}_${sheet}`;
  const found = findSheet(requirePath(input), sheet);
  if (!found) {
    if (sheet === 'entities') throw new ExplainedError(`${requirePath(input)}: no entities.csv or entities.tsv in this folder`);
    await ctx.conn.run(`CREATE VIEW ${view} AS SELECT NULL::VARCHAR AS id, NULL::JSON AS item WHERE false`);
    return;
  }
  const { file, delimiter } = found;
  const header = headerOf(file, delimiter);
  const missing = SHEETS[sheet].required.filter((c) => !header.includes(c));
  if (missing.length) throw new ExplainedError(`${file}:1: missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}`);
  const absent = (SHEETS[sheet].optional as readonly string[]).filter((c) => !header.includes(c));
  // The header was read above: the columns are given, nothing is guessed from a sample.
  const columns = header.map((h, i) => `${sqlString(/^[a-z_][a-z0-9_]*$/.test(h) ? h : `column_${i + 1}`)}: 'VARCHAR'`).join(', ');
  const quote = delimiter === ',' ? `'"'` : `''`;
  const read = `read_csv(${sqlString(file)}, delim=${sqlString(delimiter)}, header=false, skip=1, auto_detect=false, columns={${columns}}, strict_mode=true, null_padding=false, quote=${quote}, escape=${quote})`;
  const padded = `SELECT *${absent.map((c) => `, NULL::VARCHAR AS ${c}`).join('')} FROM ${read}`;
  await ctx.conn.run(`CREATE VIEW ${view} AS SELECT id, ${ITEM_SQL[sheet]} AS item FROM (${padded})`);
}

/**
 * The newsroom path: a folder with `entities`, `statements` and `events` sheets exported as CSV
 * or TSV (docs/building-packs.md has the columns). Views `<name>_entities`, `<name>_statements`
 * and `<name>_events` hold one pack item each, ready to select.
 */
export const sheets: Adapter = {
  async register(input, ctx) {
    for (const sheet of Object.keys(SHEETS) as Sheet[]) await registerSheet(input, ctx, sheet);
  },
  async diagnose(input) {
    for (const sheet of Object.keys(SHEETS) as Sheet[]) {
      const found = findSheet(requirePath(input), sheet);
      const problem = found && (await checkCsvRecords(found.file, found.delimiter));
      if (problem) return problem;
    }
    return undefined;
  },
};
