import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { PackCues, PackMeta } from '../../core/pack-format';
import { ADAPTERS } from './adapters';
import { checkGzipComplete, isGzipFile } from './adapters/text-lines';
import type { Adapter, FileProblem } from './adapters/types';
import { ExplainedError, PackWriter, type Section } from './pack-writer';
import { Progress } from './progress';
import type { Recipe } from './recipe';

export interface BuildOptions {
  out: string;
  /** DuckDB's memory limit; beyond it, sorts and joins spill to `spillDir`. */
  memoryLimit?: string;
  threads?: number;
  spillDir?: string;
  /** Overrides the recipe's pack version (e.g. a nightly build number). */
  version?: number;
  progress?: Progress;
}

export interface BuildSummary {
  out: string;
  counts: Record<Section, number>;
  seconds: number;
}

/** A query failed: find the first bad line of an input, so the message names a file and a line. */
async function locate(recipe: Recipe, cause: unknown): Promise<Error> {
  const reason = cause instanceof Error ? cause.message : String(cause);
  // A mistake in the recipe's SQL is not in the data: say so at once, without re-reading a dump.
  if (/^(Parser|Binder|Catalog) Error/.test(reason)) return new Error(`${recipe.file}: the recipe's SQL: ${reason}`);
  if (/Out of Memory Error/.test(reason))
    return new Error(`the query needs more memory than --memory allows; raise it (e.g. --memory 2GB) or use fewer --threads\n${reason.split('\n')[0]}`);
  for (const input of recipe.inputs) {
    const adapter: Adapter = ADAPTERS[input.adapter];
    if (!adapter.diagnose || !input.path) continue;
    let problem: FileProblem | undefined;
    try {
      problem = await adapter.diagnose(input);
    } catch (e) {
      problem = { file: input.path, line: 0, message: e instanceof Error ? e.message : String(e) };
    }
    if (problem) return new Error(`${problem.file}:${problem.line}: ${problem.message}`);
  }
  return new Error(reason);
}

/**
 * Every gzip input is read to its end by Node while DuckDB works: DuckDB's reader may stop
 * quietly at a cut between deflate blocks, and a silently shorter pack must never be written.
 */
async function checkCompressedInputs(recipe: Recipe): Promise<(FileProblem | undefined)[]> {
  const files = recipe.inputs.map((i) => i.path).filter((p): p is string => Boolean(p) && statSync(p as string).isFile());
  const gz = [];
  for (const file of files) if (await isGzipFile(file)) gz.push(file);
  return Promise.all(gz.map(checkGzipComplete));
}

async function runStep(conn: DuckDBConnection, sql: string, step: string, progress: Progress, onRow: (json: string) => void): Promise<number> {
  const pending = await conn.start(sql);
  // Run the query's tasks in slices so the progress bar can redraw between them.
  for (;;) {
    const state = pending.runTask();
    if (state === 0) break;
    const p = conn.progress;
    progress.update(step, p.percentage >= 0 ? p.percentage / 100 : undefined, 'querying');
    // Yield to the event loop: the gzip integrity checks run alongside the query.
    await new Promise((r) => (state === 3 ? setTimeout(r, 5) : setImmediate(r)));
  }
  const result = await pending.getResult();
  let rows = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    for (const [json] of chunk.getRows()) {
      onRow(String(json));
      rows++;
    }
    progress.update(step, undefined, `${rows.toLocaleString('en-US')} written`);
  }
  return rows;
}

const itemsSql = (sql: string) => `SELECT CAST(item AS VARCHAR) FROM (\n${sql}\n) AS q ORDER BY json_extract_string(item, '$.id')`;

async function readCues(conn: DuckDBConnection, recipe: Recipe): Promise<PackCues | undefined> {
  const cues: PackCues = {};
  if (recipe.cues.titles) {
    const r = await conn.runAndReadAll(`SELECT DISTINCT CAST(text AS VARCHAR) AS t FROM (\n${recipe.cues.titles}\n) WHERE text IS NOT NULL ORDER BY t`);
    cues.titles = r.getRows().map(([t]) => String(t));
  }
  if (recipe.cues.demonyms) {
    const r = await conn.runAndReadAll(
      `SELECT DISTINCT CAST(text AS VARCHAR) AS t, CAST(country AS VARCHAR) AS c FROM (\n${recipe.cues.demonyms}\n) WHERE text IS NOT NULL AND country IS NOT NULL ORDER BY t, c`,
    );
    cues.demonyms = r.getRows().map(([text, country]) => ({ text: String(text), country: String(country) }));
  }
  return cues.titles || cues.demonyms ? cues : undefined;
}

/** Run a recipe: register its inputs as views, run its SQL in DuckDB, stream the items into a pack file. */
export async function buildPack(recipe: Recipe, options: BuildOptions): Promise<BuildSummary> {
  const started = Date.now();
  const progress = options.progress ?? new Progress();
  const tmpDir = mkdtempSync(path.join(tmpdir(), 'backstory-build-'));
  const spill = options.spillDir ?? path.join(tmpDir, 'spill');
  mkdirSync(spill, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:', {
    memory_limit: options.memoryLimit ?? '1GB',
    threads: String(options.threads ?? 2),
    temp_directory: spill,
    preserve_insertion_order: 'false',
  });
  const conn = await instance.connect();
  await conn.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false');
  let writer: PackWriter | undefined;
  try {
    try {
      for (const input of recipe.inputs) {
        progress.update('inputs', undefined, input.name);
        await ADAPTERS[input.adapter].register(input, { conn, tmpDir });
      }
      const gzipChecks = checkCompressedInputs(recipe);
      for (const [name, sql] of recipe.views) await conn.run(`CREATE VIEW ${name} AS ${sql}`);
      const { pack } = recipe;
      const meta = { ...pack, format: 'backstory-pack', formatVersion: 1, version: options.version ?? pack.version } as PackMeta;
      meta.cues = await readCues(conn, recipe);
      writer = new PackWriter(options.out);
      const w = writer;
      w.header(meta);
      for (const section of ['entities', 'statements', 'events'] as const) {
        const sql = recipe[section];
        w.begin(section);
        if (!sql) continue;
        const n = await runStep(conn, itemsSql(sql), section, progress, (json) => w.add(JSON.parse(json)));
        progress.done(section, `${n.toLocaleString('en-US')} items`);
      }
      const damaged = (await gzipChecks).find(Boolean);
      if (damaged) throw new ExplainedError(`${damaged.file}:${damaged.line}: ${damaged.message}`);
      w.commit();
      return { out: options.out, counts: w.counts, seconds: (Date.now() - started) / 1000 };
    } catch (e) {
      // Errors raised by our own checks already say what is wrong; DuckDB's get a file and line.
      throw e instanceof ExplainedError ? e : await locate(recipe, e);
    }
  } catch (e) {
    writer?.abort();
    throw e;
  } finally {
    conn.closeSync();
    instance.closeSync();
    rmSync(tmpDir, { recursive: true, force: true });
  }
}
