import type { DuckDBConnection } from '@duckdb/node-api';
import { ExplainedError } from '../pack-writer';
import type { RecipeInput } from '../recipe';

export interface AdapterContext {
  conn: DuckDBConnection;
  /** A private scratch folder, removed after the build. */
  tmpDir: string;
}

/** Where a file stops being what the adapter expects: the message names the file and the line. */
export interface FileProblem {
  file: string;
  line: number;
  message: string;
}

export interface Adapter {
  /** Create the SQL views the recipe reads (named after `input.name`); they read the file lazily, as a stream. */
  register(input: RecipeInput, ctx: AdapterContext): Promise<void>;
  /** Called only after a query failed: a streaming pass over the file that finds the first bad line. */
  diagnose?(input: RecipeInput): Promise<FileProblem | undefined>;
}

/** Quote a string as a SQL literal. */
export const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;

export function requirePath(input: RecipeInput): string {
  if (!input.path)
    throw new ExplainedError(`input "${input.name}" (${input.adapter}) needs a path: set "path" in the recipe or pass --input ${input.name}=FILE`);
  return input.path;
}
