import { createRequire } from 'node:module';
import { type Adapter, sqlString } from './types';

/**
 * The `world-countries` package (mledoze/countries, ODbL): one row per country with `name`
 * (common, official), `cca2`, `cca3`, `altSpellings`, `capital`, `region`, `subregion`,
 * `independent` and English demonyms as `demonym_m`/`demonym_f`. A `path` reads another copy
 * of the same countries.json.
 */
export const worldCountries: Adapter = {
  async register(input, ctx) {
    const file = input.path ?? createRequire(import.meta.url).resolve('world-countries/countries.json');
    const columns = `{'name': 'STRUCT(common VARCHAR, official VARCHAR)', 'cca2': 'VARCHAR', 'cca3': 'VARCHAR', 'altSpellings': 'VARCHAR[]', 'capital': 'VARCHAR[]', 'region': 'VARCHAR', 'subregion': 'VARCHAR', 'independent': 'BOOLEAN', 'demonyms': 'STRUCT(eng STRUCT(f VARCHAR, m VARCHAR))'}`;
    await ctx.conn.run(
      `CREATE VIEW ${input.name} AS SELECT name.common AS common_name, name.official AS official_name, cca2, cca3, altSpellings AS alt_spellings, capital, region, subregion, independent, demonyms.eng.m AS demonym_m, demonyms.eng.f AS demonym_f FROM read_json(${sqlString(file)}, format='array', columns=${columns})`,
    );
  },
};
