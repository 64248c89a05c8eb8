// `npm run package`: build, then write the two store archives into dist/packages/:
// backstory-chrome-<version>.zip (dist/chrome, for the Chrome Web Store) and
// backstory-firefox-<version>.zip (dist/firefox via `web-ext build`, for addons.mozilla.org).
// web-ext zips the Chrome build too: it is a plain zip with manifest.json at the root, and it
// needs no `zip` binary on the machine. `--no-build` packages what is already in dist/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

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
