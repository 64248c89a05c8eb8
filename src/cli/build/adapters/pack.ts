import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeProblems } from '../../../core/pack-validate';
import { readPackFile } from '../../read-pack';
import { ExplainedError } from '../pack-writer';
import { type Adapter, requirePath, sqlString } from './types';

/**
 * An existing pack (.json or .json.gz), checked with the extension's own validator, as three
 * views of one JSON column `item`, plus the item's `id`: `<name>_entities`, `<name>_statements`,
 * `<name>_events`. Merging is SQL: join two packs on id and `json_merge_patch(base.item,
 * override.item)` overrides field by field (a field set to null in the override removes it).
 */
export const pack: Adapter = {
  async register(input, ctx) {
    const file = requirePath(input);
    const r = readPackFile(file);
    if (!r.ok) throw new ExplainedError(`${file}: not a valid pack\n${describeProblems(r.error)}`);
    for (const section of ['entities', 'statements', 'events'] as const) {
      const lines = (r.value[section] ?? []).map((item) => JSON.stringify({ item }));
      const ndjson = path.join(ctx.tmpDir, `${input.name}_${section}.ndjson`);
      writeFileSync(ndjson, lines.length ? `${lines.join('\n')}\n` : '');
      const source = lines.length
        ? `read_json(${sqlString(ndjson)}, format='newline_delimited', columns={'item': 'JSON'})`
        : `(SELECT NULL::JSON AS item WHERE false)`;
      await ctx.conn.run(`CREATE VIEW ${input.name}_${section} AS SELECT json_extract_string(item, '$.id') AS id, item FROM ${source}`);
    }
  },
};
