// `npm test`: build the extension, run the unit tests (Vitest, Node, with coverage) and the end-to-end tests, then
// print one summary line. test/e2e holds each journey once: it runs in real Chromium
// (playwright-core, dist/chrome) and in Firefox ESR (puppeteer-core over WebDriver BiDi,
// dist/firefox) through one Driver (test/shared/driver.ts); BACKSTORY_BROWSERS=chromium (or
// firefox) narrows a run to one browser. test/e2e-firefox holds Firefox-only cases.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

const run = (cmd, args, env = {}) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
mkdirSync('.tmp', { recursive: true });

if (!process.argv.includes('--no-build') && run('node', ['scripts/build.mjs']) !== 0) {
  console.error('build failed');
  process.exit(1);
}

// The middle tier (Vitest project `middle`, in Node: core, worker on fake-indexeddb, content script
// on happy-dom, CLI on fixtures), with V8 line coverage of src/core, src/background and src/content;
// then the large generated property suites (project `property`), timed apart (vitest.config.ts).
function vitest(project, extra) {
  const start = Date.now();
  const out = `.tmp/unit-${project}.json`;
  const status = run('npx', ['vitest', 'run', '--project', project, ...extra, '--reporter=default', '--reporter=json', `--outputFile=${out}`]);
  const seconds = ((Date.now() - start) / 1000).toFixed(1);
  try {
    const j = JSON.parse(readFileSync(out, 'utf8'));
    return { passed: j.numPassedTests, failed: j.numFailedTests + (status !== 0 && j.numFailedTests === 0 ? 1 : 0), seconds };
  } catch {
    return { passed: 0, failed: 1, seconds };
  }
}
const middle = vitest('middle', ['--coverage']);
const property = vitest('property', []);
const unit = { passed: middle.passed + property.passed, failed: middle.failed + property.failed };

const only = process.argv.find((a) => a.startsWith('--e2e='))?.slice(6);
const specs = readdirSync('test/e2e')
  .filter((f) => f.endsWith('.spec.ts') && (!only || f.includes(only)))
  .map((f) => `test/e2e/${f}`);
/**
 * Spec files run side by side, one per core (BACKSTORY_E2E_JOBS sets another number; 1 runs them
 * one after another). A journey mostly waits on real time (the hover dwell, a sync's deadline, a
 * page's timers, an import): run one at a time, the browsers left a two-core machine idle four
 * fifths of the time. Each file has its own browsers, profiles and servers on ports of their own.
 */
const jobs = Math.max(1, Number(process.env.BACKSTORY_E2E_JOBS) || availableParallelism());

/** One node:test run of some spec files; counts come from its TAP report. */
async function runSpecs(files, tapFile) {
  if (!files.length) return { passed: 0, failed: 0 };
  const child = spawn(
    'node',
    [
      '--import',
      'tsx',
      '--test',
      `--test-concurrency=${jobs}`,
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tapFile}`,
      ...files,
    ],
    { stdio: 'inherit' },
  );
  const status = await new Promise((done) => child.on('close', (code) => done(code ?? 1)));
  try {
    const tap = readFileSync(tapFile, 'utf8');
    const counts = { passed: Number(/^# pass (\d+)/m.exec(tap)?.[1] ?? 0), failed: Number(/^# fail (\d+)/m.exec(tap)?.[1] ?? 0) };
    if (status !== 0 && counts.failed === 0) counts.failed = 1;
    return counts;
  } catch {
    return { passed: 0, failed: 1 };
  }
}

// Firefox-only cases (dist/firefox over WebDriver BiDi), beside the journeys.
const firefoxSpecs = readdirSync('test/e2e-firefox')
  .filter((f) => f.endsWith('.spec.ts') && (!only || f.includes(only)))
  .map((f) => `test/e2e-firefox/${f}`);
const [e2e, e2eFirefox] = await Promise.all([runSpecs(specs, '.tmp/e2e.tap'), runSpecs(firefoxSpecs, '.tmp/e2e-firefox.tap')]);
const passed = unit.passed + e2e.passed + e2eFirefox.passed;
const failed = unit.failed + e2e.failed + e2eFirefox.failed;

console.log(
  `\nunit: ${unit.passed} passed, ${unit.failed} failed (middle tier ${middle.passed + middle.failed} in ${middle.seconds} s, property suites ${property.passed + property.failed} in ${property.seconds} s); e2e: ${e2e.passed} passed, ${e2e.failed} failed; ` +
    `e2e-firefox: ${e2eFirefox.passed} passed, ${e2eFirefox.failed} failed`,
);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
