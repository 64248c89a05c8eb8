import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as v from 'valibot';
import { ADAPTER_NAMES } from './adapters';

const sql = v.union([v.string(), v.array(v.string())]);
const InputSchema = v.object({
  /** The SQL name of the view (or the prefix of its views) the adapter creates. */
  name: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_]*$/, 'must be a lowercase SQL name such as "cities"')),
  adapter: v.picklist(ADAPTER_NAMES, `expected one of ${ADAPTER_NAMES.join(', ')}`),
  /** File path (relative to the recipe), overridable with `--input name=path`. Package adapters need none. */
  path: v.optional(v.string()),
  /** Wikidata: the language of labels, descriptions and aliases (default "en"). */
  language: v.optional(v.string()),
});

const RecipeSchema = v.object({
  pack: v.object({
    id: v.string(),
    version: v.number(),
    title: v.string(),
    description: v.optional(v.string()),
    language: v.optional(v.string()),
    license: v.optional(v.string()),
    publisher: v.optional(v.object({ name: v.string(), url: v.optional(v.string()) })),
  }),
  inputs: v.array(InputSchema),
  /** Named SQL views created in order after the inputs, shared by the queries below. */
  views: v.optional(v.record(v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_]*$/, 'must be a lowercase SQL name')), sql)),
  /** SQL (inline, a list of lines, or a `.sql` file beside the recipe) returning one JSON column `item`. */
  entities: sql,
  statements: v.optional(sql),
  events: v.optional(sql),
  cues: v.optional(v.object({ titles: v.optional(sql), demonyms: v.optional(sql) })),
});

export type RecipeInput = v.InferOutput<typeof InputSchema>;
type RawRecipe = v.InferOutput<typeof RecipeSchema>;
export interface Recipe {
  /** The recipe file, for messages and for resolving relative paths. */
  file: string;
  pack: RawRecipe['pack'];
  inputs: RecipeInput[];
  views: [string, string][];
  entities: string;
  statements?: string;
  events?: string;
  cues: { titles?: string; demonyms?: string };
}

/** Built-in recipes live in packs/recipes/<name>/recipe.json; any other argument is a path. */
export function resolveRecipePath(nameOrPath: string, root: string): string {
  const builtIn = path.join(root, 'packs/recipes', nameOrPath, 'recipe.json');
  if (/^[a-z0-9-]+$/.test(nameOrPath) && existsSync(builtIn)) return builtIn;
  if (existsSync(nameOrPath)) return path.resolve(nameOrPath);
  throw new Error(`no recipe "${nameOrPath}": not in packs/recipes/ and not a file`);
}

export function loadRecipe(file: string, overrides: Record<string, string> = {}): Recipe {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: not a readable JSON recipe (${e instanceof Error ? e.message : String(e)})`);
  }
  const r = v.safeParse(RecipeSchema, raw);
  if (!r.success) {
    const issues = r.issues.map((i) => `  ${v.getDotPath(i) ?? '(root)'}: ${i.message}`).join('\n');
    throw new Error(`${file}: invalid recipe\n${issues}`);
  }
  const dir = path.dirname(file);
  const text = (s: string | string[] | undefined) => {
    if (s === undefined) return undefined;
    const joined = Array.isArray(s) ? s.join('\n') : s;
    return /^[\w./-]+\.sql$/.test(joined) ? readFileSync(path.join(dir, joined), 'utf8') : joined;
  };
  const names = new Set(r.output.inputs.map((i) => i.name));
  for (const key of Object.keys(overrides)) if (!names.has(key)) throw new Error(`--input ${key}=…: the recipe has no input named "${key}"`);
  const inputs = r.output.inputs.map((i) => {
    const p = overrides[i.name] ?? (i.path === undefined ? undefined : path.resolve(dir, i.path));
    return p === undefined ? { ...i } : { ...i, path: p };
  });
  return {
    file,
    pack: r.output.pack,
    inputs,
    views: Object.entries(r.output.views ?? {}).map(([name, body]) => [name, text(body) ?? '']),
    entities: text(r.output.entities) ?? '',
    statements: text(r.output.statements),
    events: text(r.output.events),
    cues: { titles: text(r.output.cues?.titles), demonyms: text(r.output.cues?.demonyms) },
  };
}
