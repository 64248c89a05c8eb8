import type { RecipeInput } from '../recipe';
import { findBadLine } from './text-lines';
import { type Adapter, requirePath, sqlString } from './types';

/**
 * Wikidata JSON dumps (`latest-all.json.gz`): a JSON array with one entity a line. DuckDB reads
 * the array as a stream of records; only the fields a recipe uses are parsed.
 *
 * Views, for an input named `wd` and its `language` (default "en"):
 * - `wd`: qid, label, description, aliases (list), sitelinks (count), instance_of (list of Q ids)
 * - `wd_claims`: qid, property, value (a Q id, a pack date YYYY[-MM[-DD]], a string or an amount),
 *   one row per non-deprecated main claim
 */
export const wikidata: Adapter = {
  async register(input, ctx) {
    const file = requirePath(input);
    const lang = (input.language ?? 'en').replace(/[^a-zA-Z-]/g, '');
    const columns = `{'id': 'VARCHAR', 'type': 'VARCHAR', 'labels': 'JSON', 'descriptions': 'JSON', 'aliases': 'JSON', 'claims': 'JSON', 'sitelinks': 'JSON'}`;
    const n = input.name;
    await ctx.conn.run(
      `CREATE VIEW ${n}_raw AS SELECT * FROM read_json(${sqlString(file)}, format='array', records=true, columns=${columns}, maximum_object_size=33554432)`,
    );
    await ctx.conn.run(`CREATE VIEW ${n} AS SELECT
        id AS qid,
        json_extract_string(labels, '$."${lang}".value') AS label,
        json_extract_string(descriptions, '$."${lang}".value') AS description,
        coalesce(json_extract_string(aliases, '$."${lang}"[*].value'), []) AS aliases,
        coalesce(len(json_keys(sitelinks)), 0) AS sitelinks,
        coalesce(json_extract_string(claims, '$.P31[*].mainsnak.datavalue.value.id'), []) AS instance_of
      FROM ${n}_raw`);
    // A time of precision 9 (year), 10 (month) or 11 (day) becomes a pack date; BCE dates are dropped.
    await ctx.conn.run(`CREATE VIEW ${n}_claims AS
      WITH c AS (
        SELECT r.id AS qid, p.key AS property, s.value AS claim
        FROM ${n}_raw r, json_each(r.claims) p, json_each(p.value) s
      ), v AS (
        SELECT qid, property, json_extract_string(claim, '$.mainsnak.datavalue.type') AS kind,
          json_extract(claim, '$.mainsnak.datavalue.value') AS value
        FROM c WHERE coalesce(json_extract_string(claim, '$.rank'), 'normal') <> 'deprecated'
      )
      SELECT qid, property, CASE kind
          WHEN 'wikibase-entityid' THEN json_extract_string(value, '$.id')
          WHEN 'string' THEN json_extract_string(value, '$')
          WHEN 'monolingualtext' THEN json_extract_string(value, '$.text')
          WHEN 'quantity' THEN ltrim(json_extract_string(value, '$.amount'), '+')
          WHEN 'time' THEN CASE
            WHEN NOT starts_with(json_extract_string(value, '$.time'), '+') THEN NULL
            WHEN CAST(json_extract(value, '$.precision') AS INTEGER) >= 11 THEN substr(json_extract_string(value, '$.time'), 2, 10)
            WHEN CAST(json_extract(value, '$.precision') AS INTEGER) = 10 THEN substr(json_extract_string(value, '$.time'), 2, 7)
            WHEN CAST(json_extract(value, '$.precision') AS INTEGER) = 9 THEN substr(json_extract_string(value, '$.time'), 2, 4)
          END
        END AS value
      FROM v WHERE kind IS NOT NULL`);
  },
  diagnose: (input: RecipeInput) => {
    let last = '';
    return findBadLine(requirePath(input), (line, n) => {
      last = line.trim();
      if (n === 1) return last === '[' ? undefined : 'a Wikidata JSON dump starts with a line holding only "["';
      if (last === '' || last === ']') return undefined;
      try {
        const entity = JSON.parse(last.endsWith(',') ? last.slice(0, -1) : last) as { id?: unknown };
        return typeof entity?.id === 'string' ? undefined : 'an entity without an "id"';
      } catch (e) {
        return `not one JSON entity (${e instanceof Error ? e.message : String(e)})`;
      }
    }).then(
      (problem) => problem ?? (last === ']' ? undefined : { file: requirePath(input), line: 0, message: 'the dump does not end with "]": it is truncated' }),
    );
  },
};
