import type { RecipeInput } from '../recipe';
import { checkDelimitedLines } from './text-lines';
import { type Adapter, requirePath, sqlString } from './types';

/** The 19 tab-separated columns of GeoNames' geoname table (allCountries.txt, cities1000.txt, cities500.txt …). */
export const GEONAME_COLUMNS: [string, string][] = [
  ['geonameid', 'BIGINT'],
  ['name', 'VARCHAR'],
  ['asciiname', 'VARCHAR'],
  ['alternatenames', 'VARCHAR'],
  ['latitude', 'DOUBLE'],
  ['longitude', 'DOUBLE'],
  ['feature_class', 'VARCHAR'],
  ['feature_code', 'VARCHAR'],
  ['country_code', 'VARCHAR'],
  ['cc2', 'VARCHAR'],
  ['admin1_code', 'VARCHAR'],
  ['admin2_code', 'VARCHAR'],
  ['admin3_code', 'VARCHAR'],
  ['admin4_code', 'VARCHAR'],
  ['population', 'BIGINT'],
  ['elevation', 'INTEGER'],
  ['dem', 'INTEGER'],
  ['timezone', 'VARCHAR'],
  ['modification_date', 'DATE'],
];

/** The 10 columns of alternateNamesV2.txt. */
export const ALTERNATE_NAME_COLUMNS: [string, string][] = [
  ['alternate_name_id', 'BIGINT'],
  ['geonameid', 'BIGINT'],
  ['isolanguage', 'VARCHAR'],
  ['alternate_name', 'VARCHAR'],
  ['is_preferred_name', 'VARCHAR'],
  ['is_short_name', 'VARCHAR'],
  ['is_colloquial', 'VARCHAR'],
  ['is_historic', 'VARCHAR'],
  ['from_period', 'VARCHAR'],
  ['to_period', 'VARCHAR'],
];

/** The 4 columns of admin1CodesASCII.txt: "US.AZ", the region's name, its ASCII name, its geonameid. */
export const ADMIN1_COLUMNS: [string, string][] = [
  ['code', 'VARCHAR'],
  ['name', 'VARCHAR'],
  ['asciiname', 'VARCHAR'],
  ['geonameid', 'BIGINT'],
];

/** read_csv over a headerless GeoNames TSV (plain or .gz): no quoting, strict column count. */
export function geonamesTsvSql(file: string, columns: [string, string][]): string {
  const cols = columns.map(([n, t]) => `${sqlString(n)}: ${sqlString(t)}`).join(', ');
  return `read_csv(${sqlString(file)}, delim='\\t', header=false, quote='', escape='', strict_mode=true, null_padding=false, auto_detect=false, columns={${cols}})`;
}

function tsvAdapter(columns: [string, string][]): Adapter {
  return {
    async register(input, ctx) {
      await ctx.conn.run(`CREATE VIEW ${input.name} AS SELECT * FROM ${geonamesTsvSql(requirePath(input), columns)}`);
    },
    diagnose: (input: RecipeInput) => checkDelimitedLines(requirePath(input), { delimiter: '\t', columns }),
  };
}

export const geonames = tsvAdapter(GEONAME_COLUMNS);
export const geonamesAlternateNames = tsvAdapter(ALTERNATE_NAME_COLUMNS);
export const geonamesAdmin1 = tsvAdapter(ADMIN1_COLUMNS);
