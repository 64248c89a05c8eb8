// `npm run build`: the Chrome extension into dist/chrome, then the Firefox one into dist/firefox.
import { spawnSync } from 'node:child_process';

const targets = process.argv.includes('--chrome-only') ? ['chrome'] : ['chrome', 'firefox'];
for (const target of targets) {
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit', env: { ...process.env, BACKSTORY_TARGET: target } });
  if (r.status !== 0) process.exit(r.status ?? 1);
  console.log(`built dist/${target}`);
}
