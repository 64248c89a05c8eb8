import path from 'node:path';
import { buildPack } from '../build/engine';
import { loadRecipe, resolveRecipePath } from '../build/recipe';
import type { Command } from './index';

const USAGE = 'usage: build RECIPE --out FILE [--input NAME=PATH]… [--version N] [--memory 1GB] [--threads N]';

export const build: Command = {
  summary: 'build RECIPE --out FILE — build a pack from open data with DuckDB (recipes in packs/recipes/)',
  async run(args) {
    const [recipeArg, ...rest] = args;
    if (!recipeArg) throw new Error(USAGE);
    const inputs: Record<string, string> = {};
    let out: string | undefined;
    let version: number | undefined;
    let memoryLimit: string | undefined;
    let threads: number | undefined;
    for (let i = 0; i < rest.length; i++) {
      const flag = rest[i];
      const value = rest[++i];
      if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      if (flag === '--out') out = value;
      else if (flag === '--version') version = Number(value);
      else if (flag === '--memory') memoryLimit = value;
      else if (flag === '--threads') threads = Number(value);
      else if (flag === '--input') {
        const eq = value.indexOf('=');
        if (eq < 1) throw new Error(`--input expects NAME=PATH, got "${value}"`);
        inputs[value.slice(0, eq)] = path.resolve(value.slice(eq + 1));
      } else throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
    if (!out) throw new Error(`--out FILE is required\n${USAGE}`);
    if (version !== undefined && !(Number.isInteger(version) && version >= 1)) throw new Error('--version must be a whole number ≥ 1');
    const root = path.resolve(import.meta.dirname, '../../..');
    const recipe = loadRecipe(resolveRecipePath(recipeArg, root), inputs);
    const s = await buildPack(recipe, { out, version, memoryLimit, threads });
    const c = s.counts;
    console.log(`${out}: ${c.entities} entities, ${c.statements} statements, ${c.events} events in ${s.seconds.toFixed(1)} s`);
    return 0;
  },
};
