// `npm run build`: the Chrome extension into dist/chrome, then the Firefox one into dist/firefox.
import { spawnSync } from 'node:child_process';

// The word-frequency lexicon is generated from its package (see scripts/build-lexicon.mjs).
const lexicon = spawnSync(process.execPath, ['scripts/build-lexicon.mjs'], { stdio: 'inherit' });
if (lexicon.status !== 0) process.exit(lexicon.status ?? 1);
const targets = process.argv.includes('--chrome-only') ? ['chrome'] : ['chrome', 'firefox'];
for (const target of targets) {
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit', env: { ...process.env, BACKSTORY_TARGET: target } });
  if (r.status !== 0) process.exit(r.status ?? 1);
  console.log(`built dist/${target}`);
}
