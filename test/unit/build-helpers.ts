import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildPack } from '../../src/cli/build/engine';
import { Progress } from '../../src/cli/build/progress';
import { loadRecipe } from '../../src/cli/build/recipe';
import type { Pack } from '../../src/core/pack-format';
import { validatePack } from '../../src/core/pack-validate';
import { scratchDir } from '../shared/scratch';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const FIXTURES = path.join(ROOT, 'test/fixtures/build');
export const fixture = (name: string) => path.join(FIXTURES, name);

/** A Progress that writes nowhere, so test output stays readable. */
export const quiet = () => new Progress({ isTTY: false, write: () => true } as unknown as NodeJS.WriteStream);

export const tempDir = () => scratchDir('build-test');

/** Build a recipe file (a built-in one, or one written by the test) into `out`. */
export async function buildTo(recipeFile: string, out: string, inputs: Record<string, string> = {}) {
  return buildPack(loadRecipe(recipeFile, inputs), { out, progress: quiet(), memoryLimit: '256MB' });
}

export const builtIn = (name: string) => path.join(ROOT, 'packs/recipes', name, 'recipe.json');

/** Write a recipe JSON into `dir` and return its path. */
export function writeRecipe(dir: string, recipe: object): string {
  const file = path.join(dir, 'recipe.json');
  writeFileSync(file, JSON.stringify(recipe));
  return file;
}

export const PACK_META = { id: 'test-pack', version: 1, title: 'Test pack' };

/** Build a recipe (PACK_META plus the given inputs and queries) in a fresh folder, and return the validated pack. */
export async function buildOwn(recipe: object): Promise<Pack> {
  const dir = tempDir();
  const out = path.join(dir, 'pack.json');
  await buildTo(writeRecipe(dir, { pack: PACK_META, ...recipe }), out);
  return readValidPack(out);
}

/** Read a built pack and check it with the extension's own validator. */
export function readValidPack(file: string): Pack {
  const r = validatePack(JSON.parse(readFileSync(file, 'utf8')));
  if (!r.ok) throw new Error(`built pack is invalid: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** A failed build leaves neither the target nor a temporary partial file. */
export function noPackWritten(dir: string, out: string): boolean {
  return !existsSync(out) && !readdirSync(dir).some((f) => f.includes('.partial'));
}
