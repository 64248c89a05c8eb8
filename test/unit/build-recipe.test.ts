import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRecipe, resolveRecipePath } from '../../src/cli/build/recipe';
import { buildTo, builtIn, fixture, noPackWritten, PACK_META, ROOT, tempDir, writeRecipe } from './build-helpers';

describe('recipes', () => {
  it('finds built-in recipes by name and reads SQL from files beside them', () => {
    const file = resolveRecipePath('world', ROOT);
    expect(file).toBe(builtIn('world'));
    const recipe = loadRecipe(file);
    expect(recipe.pack.id).toBe('world');
    expect(recipe.entities).toContain('FROM cities');
    expect(recipe.cues.demonyms).toContain('demonym_m');
  });

  it('resolves input paths against the recipe and lets --input replace them', () => {
    const recipe = loadRecipe(builtIn('geonames-dump'), { cities: '/data/allCountries.txt.gz' });
    expect(recipe.inputs.find((i) => i.name === 'cities')?.path).toBe('/data/allCountries.txt.gz');
    const plain = loadRecipe(builtIn('geonames-dump'));
    expect(plain.inputs.find((i) => i.name === 'cities')?.path).toBe(fixture('cities1000.txt'));
  });

  it('refuses an unknown input name, an unknown adapter and a missing recipe, saying which', () => {
    expect(() => loadRecipe(builtIn('world'), { town: 'x.txt' })).toThrow('--input town=…: the recipe has no input named "town"');
    const dir = tempDir();
    const bad = writeRecipe(dir, { pack: PACK_META, inputs: [{ name: 'x', adapter: 'shapefile' }], entities: 'SELECT 1' });
    expect(() => loadRecipe(bad)).toThrow(/invalid recipe\n {2}inputs\.0\.adapter: expected one of geonames/);
    expect(() => resolveRecipePath(path.join(dir, 'nope.json'), ROOT)).toThrow('not in packs/recipes/ and not a file');
  });

  it('a mistake in the SQL is reported as a recipe error, not blamed on the data', async () => {
    const dir = tempDir();
    const recipe = writeRecipe(dir, {
      pack: PACK_META,
      inputs: [{ name: 'cities', adapter: 'geonames', path: fixture('cities1000.txt') }],
      entities: "SELECT json_object('id', geonam_id) AS item FROM cities",
    });
    const out = path.join(dir, 'out.json');
    await expect(buildTo(recipe, out)).rejects.toThrow(`${recipe}: the recipe's SQL: Binder Error`);
    expect(noPackWritten(dir, out)).toBe(true);
  });
});
