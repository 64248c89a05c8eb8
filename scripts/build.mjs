// `npm run build`: the Chrome extension into dist/chrome, then the Firefox one into dist/firefox.
// Each also gets the gzipped world pack at packs/world.json.gz (4 MB; offered on the welcome page,
// never installed by default), from the cache in scripts/world-pack.mjs, and the privacy policy as
// privacy.html (scripts/privacy-page.mjs).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { writePrivacyPage } from './privacy-page.mjs';
import { worldPackGz } from './world-pack.mjs';

// The word-frequency lexicon is generated from its package (see scripts/build-lexicon.mjs).
const lexicon = spawnSync(process.execPath, ['scripts/build-lexicon.mjs'], { stdio: 'inherit' });
if (lexicon.status !== 0) process.exit(lexicon.status ?? 1);
const targets = process.argv.includes('--chrome-only') ? ['chrome'] : ['chrome', 'firefox'];
for (const target of targets) {
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit', env: { ...process.env, BACKSTORY_TARGET: target } });
  if (r.status !== 0) process.exit(r.status ?? 1);
  mkdirSync(`dist/${target}/packs`, { recursive: true });
  copyFileSync(worldPackGz(), `dist/${target}/packs/world.json.gz`);
  writePrivacyPage(`dist/${target}`);
  console.log(`built dist/${target}`);
}
