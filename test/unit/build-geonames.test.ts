import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildOwn, buildTo, builtIn, fixture, readValidPack, tempDir } from './build-helpers';

describe('pack build: GeoNames dump files', () => {
  it('builds places from cities1000.txt: filters, de-duplicates, joins countries, writes facts and sources', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'world.json');
    const summary = await buildTo(builtIn('geonames-dump'), out, { cities: fixture('cities1000.txt') });
    const pack = readValidPack(out);
    const places = pack.entities.filter((e) => e.id.startsWith('gn-'));
    // 8 rows: a duplicate Warsaw (PPLX in the same cell), a hamlet of 500 and a historical place are dropped.
    expect(places.map((p) => p.id)).toEqual(['gn-1176615', 'gn-3094802', 'gn-5295903', 'gn-5308655', 'gn-756135']);
    expect(summary.counts.entities).toBe(pack.entities.length);
    const warsaw = places.find((p) => p.id === 'gn-756135');
    expect(warsaw).toMatchObject({
      type: 'place',
      name: 'Warsaw',
      description: 'Capital of Poland',
      countries: ['PL'],
      facts: [
        { label: 'Country', value: 'Poland' },
        { label: 'Population', value: '1,702,139' },
        { label: 'Coordinates', value: '52.2298° N, 21.0118° E' },
      ],
      sources: [{ url: 'https://www.geonames.org/756135', publisher: 'GeoNames' }],
    });
    expect(places.find((p) => p.id === 'gn-1176615')?.description).toBe('Town in Khyber Pakhtunkhwa, Pakistan');
    expect(places.find((p) => p.id === 'gn-3094802')?.description).toBe('City in Lesser Poland, Poland');
    // Prominence grows with population.
    const byPop = [...places].sort((a, b) => Number(a.facts?.[1].value.replace(/,/g, '')) - Number(b.facts?.[1].value.replace(/,/g, '')));
    const prominence = byPop.map((p) => p.prominence ?? -1);
    expect(prominence).toEqual([...prominence].sort((a, b) => a - b));
    expect(pack.license).toContain('GeoNames');
  });

  it('reads allCountries.txt and a gzipped copy with the same recipe, unchanged', async () => {
    const dir = tempDir();
    const gz = path.join(dir, 'allCountries.txt.gz');
    writeFileSync(gz, gzipSync(readFileSync(fixture('allCountries.txt'))));
    await buildTo(builtIn('geonames-dump'), path.join(dir, 'a.json'), { cities: fixture('allCountries.txt') });
    await buildTo(builtIn('geonames-dump'), path.join(dir, 'b.json'), { cities: gz });
    const a = readFileSync(path.join(dir, 'a.json'));
    expect(a.equals(readFileSync(path.join(dir, 'b.json')))).toBe(true);
    // The mountain (feature class T) in allCountries is not a populated place.
    expect(a.toString()).not.toContain('Tirich Mir');
  });

  it('reads alternateNamesV2.txt: English names become aliases through SQL', async () => {
    const pack = await buildOwn({
      inputs: [
        { name: 'cities', adapter: 'geonames', path: fixture('cities1000.txt') },
        { name: 'alt', adapter: 'geonames-alternate-names', path: fixture('alternateNamesV2.txt') },
      ],
      entities: [
        "SELECT json_object('id', 'gn-' || c.geonameid, 'type', 'place', 'name', c.name,",
        "  'aliases', list(a.alternate_name ORDER BY a.alternate_name) FILTER (WHERE a.alternate_name IS NOT NULL AND a.alternate_name <> c.name),",
        "  'sources', [json_object('url', 'https://www.geonames.org/' || c.geonameid)]) AS item",
        "FROM cities c LEFT JOIN alt a ON a.geonameid = c.geonameid AND a.isolanguage = 'en' AND a.is_historic IS NULL AND a.is_colloquial IS NULL",
        'WHERE c.population >= 100000 GROUP BY c.geonameid, c.name',
      ],
    });
    // Historic "Cracow" and colloquial "Valley of the Sun" are left out; the link row is not English.
    expect(pack.entities.find((e) => e.id === 'gn-3094802')?.aliases).toEqual(['Krakow']);
    expect(pack.entities.find((e) => e.id === 'gn-5308655')?.aliases).toBeUndefined();
  });
});
