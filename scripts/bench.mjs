// `npm run bench [-- --entities N] [--seed S]`: the scale benchmark (test/bench/run.ts) against the
// built extension in dist/chrome. Build first: `node scripts/build.mjs --chrome-only`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('dist/chrome/manifest.json')) {
  console.error('dist/chrome is missing: run `node scripts/build.mjs --chrome-only` first');
  process.exit(1);
}
// The bench talks CDP to the worker over a WebSocket; Node 20 has one behind a flag.
const flags = typeof WebSocket === 'undefined' ? ['--experimental-websocket', '--no-warnings=ExperimentalWarning'] : [];
const r = spawnSync(process.execPath, [...flags, '--import', 'tsx', 'test/bench/run.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
