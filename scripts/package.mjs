// `npm run package`: build, then write the two store archives into dist/packages/:
// backstory-chrome-<version>.zip (dist/chrome, for the Chrome Web Store) and
// backstory-firefox-<version>.zip (dist/firefox via `web-ext build`, for addons.mozilla.org).
// web-ext zips the Chrome build too: it is a plain zip with manifest.json at the root, and it
// needs no `zip` binary on the machine. `--no-build` packages what is already in dist/.
// It also writes the world pack, gzipped (dist/packages/world.json.gz), and a signed site folder
// ready to host (dist/packages/world-site/), signed with BACKSTORY_PUBLISHER_KEY (a publisher.key
// file from `npm run pack -- keygen`) or, when unset, a local key kept in .cache/publisher-keys/.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { worldPackGz } from './world-pack.mjs';

const root = path.resolve(import.meta.dirname, '..');
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

if (!process.argv.includes('--no-build') && run('node', ['scripts/build.mjs']) !== 0) process.exit(1);

const out = path.join(root, 'dist/packages');
mkdirSync(out, { recursive: true });
for (const target of ['chrome', 'firefox']) {
  const dir = path.join(root, 'dist', target);
  const { version } = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const filename = `backstory-${target}-${version}.zip`;
  rmSync(path.join(out, filename), { force: true });
  const args = ['web-ext', 'build', '--source-dir', dir, '--artifacts-dir', out, '--filename', filename, '--overwrite-dest'];
  if (run('npx', args) !== 0) {
    console.error(`packaging dist/${target} failed`);
    process.exit(1);
  }
  console.log(`packaged dist/packages/${filename} (${Math.round(statSync(path.join(out, filename)).size / 1024)} KiB)`);
}

const worldGz = path.join(out, 'world.json.gz');
copyFileSync(worldPackGz(), worldGz);
console.log(`packaged dist/packages/world.json.gz (${Math.round(statSync(worldGz).size / 1024)} KiB)`);

let key = process.env.BACKSTORY_PUBLISHER_KEY;
if (!key) {
  key = path.join(root, '.cache/publisher-keys/publisher.key');
  if (!existsSync(key) && run('npx', ['tsx', 'src/cli/pack-cli.ts', 'keygen', '--out', path.dirname(key)]) !== 0) process.exit(1);
  console.log(`signing with the local key ${path.relative(root, key)}; set BACKSTORY_PUBLISHER_KEY to publish with yours`);
}
const site = path.join(out, 'world-site');
rmSync(site, { recursive: true, force: true });
if (run('npx', ['tsx', 'src/cli/pack-cli.ts', 'publish', worldGz, '--key', key, '--out', site]) !== 0) {
  console.error('signing the world pack site failed');
  process.exit(1);
}
console.log('packaged dist/packages/world-site/ (serve it as static files; subscribe to its index.json)');
