/**
 * `npm run bench [-- --entities N]`: every figure as a ratio or difference against a baseline
 * measured in the same run; budgets decide the exit code, aims are reported. Results go to the
 * console as a table and to bench/results.json.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ArticleMention } from '../../src/cli/commands/synth-article';
import { ROOT, serve } from '../e2e/harness';
import { launchBench, message } from './browser';
import { hoverSeries, openHoverPage } from './measure-hover';
import { importFloor, importThroughUi, type UiImport } from './measure-import';
import { lastMentionRun, quietRuns } from './measure-page';
import { popupKeystrokes } from './measure-popup';
import { scanBench } from './measure-scan';
import { coldStart } from './measure-worker';
import { median, quantile, round } from './stats';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : dflt;
};
const entities = Number(arg('entities', '100000'));
/** `--only import`: just the two imports and their memory (a quick check while working on import). */
const only = arg('only', '');
if (only && only !== 'import') throw new Error(`--only takes "import", not "${only}"`);
/** Peak worker heap allowed while importing the synthetic pack or the world pack. */
const IMPORT_HEAP_BUDGET_MB = 200;
const worldFile = path.join(ROOT, 'dist/chrome/packs/world.json.gz');
const seed = Number(arg('seed', '1'));
const OUT = path.join(ROOT, '.tmp/bench');
mkdirSync(OUT, { recursive: true });

function pack(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/pack-cli.ts', ...args], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`pack ${args[0]} failed`);
}

// 1. Data: generated once per size and seed, validated by the extension's own validator.
const packFile = path.join(OUT, `synth-${entities}-s${seed}.json`);
const articleFile = path.join(OUT, `article-${entities}-s${seed}.html`);
const hoverFile = path.join(OUT, `hover-${entities}-s${seed}.html`);
if (!existsSync(packFile)) {
  pack('synth', '--entities', String(entities), '--seed', String(seed), '--out', packFile);
  pack('validate', packFile);
}
if (!existsSync(articleFile)) pack('synth-article', '--pack', packFile, '--out', articleFile, '--chars', '1000000', '--mentions', '300');
if (!existsSync(hoverFile)) pack('synth-article', '--pack', packFile, '--out', hoverFile, '--chars', '20000', '--mentions', '40', '--seed', '2');
const articleMentions = JSON.parse(readFileSync(`${articleFile}.mentions.json`, 'utf8')) as ArticleMention[];
const hoverMentions = JSON.parse(readFileSync(`${hoverFile}.mentions.json`, 'utf8')) as ArticleMention[];
const last = articleMentions[articleMentions.length - 1];

const srv = await serve();
const file =
  (p: string, type: string, cors = false) =>
  (_req: unknown, res: import('node:http').ServerResponse) => {
    res.setHeader('content-type', type);
    if (cors) res.setHeader('access-control-allow-origin', '*');
    createReadStream(p).pipe(res);
  };
srv.route('/bench/pack.json', file(packFile, 'application/json', true));
srv.route('/bench/article.html', file(articleFile, 'text/html; charset=utf-8'));
srv.route('/bench/hover.html', file(hoverFile, 'text/html; charset=utf-8'));

const log = (s: string) => console.error(`[bench] ${s}`);
const results: Record<string, unknown> = {};
const rows: [string, string, string, string, boolean | null][] = [];
const row = (what: string, value: string, base: string, target: string, ok: boolean | null) => rows.push([what, value, base, target, ok]);
const budgets: boolean[] = [];
const budget = (ok: boolean) => {
  budgets.push(ok);
  return ok;
};

/** The world pack on its own, in a fresh browser (the compile covers every enabled pack). */
async function importWorld(): Promise<UiImport | null> {
  if (!existsSync(worldFile)) return null;
  log('world pack import via the options page (fresh browser)');
  const w = await launchBench(true);
  try {
    return await importThroughUi(w, worldFile);
  } finally {
    await w.close();
  }
}

function importRows(ui: UiImport, floor: { ms: number }, world: UiImport | null): void {
  const ratio = ui.ms / floor.ms;
  row('import via options page', `${round(ui.ms / 1000, 2)} s`, `floor ${round(floor.ms / 1000, 2)} s`, '≤ 2.5× (aim ≤ 1×)', budget(ratio <= 2.5));
  row('  ratio to floor', `${round(ratio, 2)}×`, '', '', null);
  const heapRow = (what: string, r: UiImport) =>
    row(
      what,
      `${round(r.peakWorkerHeapMB)} MB (${r.peakPhase.replace(/…$/, '')})`,
      `idle worker ${round(r.startWorkerHeapMB, 1)} MB`,
      `≤ ${IMPORT_HEAP_BUDGET_MB} MB`,
      budget(r.peakWorkerHeapMB <= IMPORT_HEAP_BUDGET_MB),
    );
  heapRow('  peak worker heap', ui);
  if (world) {
    row('world pack import via options page', `${round(world.ms / 1000, 2)} s`, '', 'reported', null);
    heapRow('  peak worker heap', world);
  } else row('world pack import', 'skipped', 'dist/chrome/packs/world.json.gz absent', '', null);
}

function printTable(title: string): boolean {
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => String(r[c]).length), 8));
  const mark = (ok: boolean | null) => (ok === null ? '' : ok ? 'ok' : 'MISS');
  console.log(`\n${title}`);
  for (const r of rows)
    console.log(`${r[0].padEnd(widths[0])}  ${r[1].padStart(widths[1])}  ${r[2].padEnd(widths[2])}  ${r[3].padEnd(widths[3])}  ${mark(r[4])}`);
  const allOk = budgets.every(Boolean);
  console.log(allOk ? '\nbudgets: all met' : '\nbudgets: MISSED');
  return allOk;
}

try {
  if (only === 'import') {
    log('import floor (fetch + JSON.parse + one raw IndexedDB transaction)');
    const b = await launchBench(true);
    const floor = await importFloor(b, `${srv.url}/bench/pack.json`);
    log(`  ${round(floor.ms / 1000, 2)} s; now the options page`);
    const ui = await importThroughUi(b, packFile);
    await b.close();
    const world = await importWorld();
    importRows(ui, floor, world);
    process.exitCode = printTable(`Backstory bench (import only) — ${entities} entities`) ? 0 : 1;
    process.exit();
  }
  log(`matcher scan in Node (${entities} entities)`);
  const scan = scanBench(packFile, articleFile, last.text);

  log('page without the extension');
  const off = await launchBench(false);
  const offRun = await quietRuns(off, `${srv.url}/bench/article.html`, 3000);
  await off.close();

  const b = await launchBench(true);
  // The card latency readers feel first: the bundled default pack on the demo article.
  log('hover latency on the default pack');
  const DWELL = 300;
  const dwellSet = await message(b, 'setSettings', { dwellMs: DWELL });
  if (!dwellSet.ok) throw new Error(`setSettings failed: ${dwellSet.error}`);
  const demoMentions = [
    'Zalmay Khalilzad',
    'Torkham',
    'Shehbaz Sharif',
    'Imran Khan',
    'Asim Munir',
    'Ghulam Khan',
    'Adiala Jail',
    'Rawalpindi',
    'Kabul',
    'Khyber Pakhtunkhwa',
  ].map((text) => ({
    text,
    nth: 1,
  }));
  const dp = await openHoverPage(b, `${srv.url}/demo/`);
  await hoverSeries(b, dp, demoMentions.slice(0, 3), false, DWELL);
  const demoWarm = await hoverSeries(b, dp, [...demoMentions, ...demoMentions, ...demoMentions], false, DWELL);
  const demoCold = await hoverSeries(b, dp, demoMentions, true, DWELL);
  await dp.close();

  log('import floor (fetch + JSON.parse + one raw IndexedDB transaction)');
  const floor = await importFloor(b, `${srv.url}/bench/pack.json`);
  log(`  ${round(floor.ms / 1000, 2)} s for ${floor.records} records; now the options page`);
  const ui = await importThroughUi(b, packFile);
  log(`  ${round(ui.ms / 1000, 2)} s, peak worker heap ${round(ui.peakWorkerHeapMB)} MB`);

  log('worker cold start');
  const cold = await coldStart(b);

  const settings = await message(b, 'setSettings', { dwellMs: 0 });
  if (!settings.ok) throw new Error(`setSettings failed: ${settings.error}`);

  log('page with the extension');
  const onRun = await quietRuns(b, `${srv.url}/bench/article.html`, 3000);
  const lastRuns: number[] = [];
  for (let i = 0; i < 3; i++) lastRuns.push((await lastMentionRun(b, `${srv.url}/bench/article.html`, last.text, last.nth)).ms);

  log('hover latency');
  const dwell100k = await message(b, 'setSettings', { dwellMs: DWELL });
  if (!dwell100k.ok) throw new Error(`setSettings failed: ${dwell100k.error}`);
  const hp = await openHoverPage(b, `${srv.url}/bench/hover.html`);
  const warmList = hoverMentions.slice(0, 30);
  await hoverSeries(b, hp, warmList.slice(0, 3), false, DWELL); // first card reads warm the caches
  const warm = await hoverSeries(b, hp, warmList, false, DWELL);
  const coldH = await hoverSeries(b, hp, hoverMentions.slice(0, 10), true, DWELL);
  await hp.close();

  log('popup search');
  const queries = hoverMentions.slice(0, 8).map((m) => m.text.toLowerCase());
  const keys = await popupKeystrokes(b, queries);
  await b.close();

  const world = await importWorld();

  let sync: unknown = null;
  const syncFile = path.join(ROOT, 'test/bench/sync-delta.ts');
  if (existsSync(syncFile)) {
    log('sync delta vs full');
    const mod = (await import(syncFile)) as { benchSyncDelta?: () => Promise<unknown> };
    sync = mod.benchSyncDelta ? await mod.benchSyncDelta() : null;
  }

  const wrong = [...warm.wrong, ...coldH.wrong, ...demoWarm.wrong, ...demoCold.wrong];
  Object.assign(results, {
    entities,
    records: floor.records,
    import: {
      uiMs: ui.ms,
      floorMs: floor.ms,
      ratio: ui.ms / floor.ms,
      peakWorkerHeapMB: ui.peakWorkerHeapMB,
      peakPhase: ui.peakPhase,
      startWorkerHeapMB: ui.startWorkerHeapMB,
      progress: ui.progressSeen,
    },
    worldImport: world && { uiMs: world.ms, peakWorkerHeapMB: world.peakWorkerHeapMB, peakPhase: world.peakPhase, startWorkerHeapMB: world.startWorkerHeapMB },
    page: {
      off: offRun,
      on: onRun,
      extraBlockingMs: onRun.blockingMs - offRun.blockingMs,
      extraHeapMB: onRun.heapMB - offRun.heapMB,
      lastMentionMs: median(lastRuns),
      lastMentionRuns: lastRuns,
    },
    worker: { coldDetectMs: cold.detectMs, coldWakeMs: cold.wakeMs, matcherReadyExtraMs: cold.detectMs - cold.wakeMs },
    scan,
    hover: { dwellMs: DWELL, warm: warm.ms, cold: coldH.ms, defaultPackWarm: demoWarm.ms, defaultPackCold: demoCold.ms, wrongCards: wrong },
    popup: { keystrokesMs: keys },
    sync,
  });

  importRows(ui, floor, world);
  const extraBlock = onRun.blockingMs - offRun.blockingMs;
  row('1 MB article: extra blocking', `${round(extraBlock)} ms`, `off ${round(offRun.blockingMs)} ms`, '≤ 50 ms (aim ≤ 10)', budget(extraBlock <= 50));
  row('  longest task with / without', `${round(onRun.maxTaskMs)} ms`, `off ${round(offRun.maxTaskMs)} ms`, 'reported', null);
  row('  layout shift (CLS) with / without', `${round(onRun.cls, 4)}`, `off ${round(offRun.cls, 4)}`, '≤ off', budget(onRun.cls <= offRun.cls + 1e-6));
  row('  load → last mention card', `${round(median(lastRuns))} ms`, 'load event', '≤ 3000 ms (aim ≤ 1000)', budget(median(lastRuns) <= 3000));
  const extraHeap = onRun.heapMB - offRun.heapMB;
  row('  extra renderer heap', `${round(extraHeap, 2)} MB`, `off ${round(offRun.heapMB, 1)} MB`, '≤ 10 MB (aim ≤ 5)', budget(extraHeap <= 10));
  row('worker stopped → matcher ready', `${round(cold.detectMs)} ms`, `wake only ${round(cold.wakeMs)} ms`, 'aim ≤ 100 ms', cold.detectMs <= 100);
  row('  matcher share (difference)', `${round(cold.detectMs - cold.wakeMs)} ms`, '', '', null);
  row('matcher scan (tokenize+scan+resolve)', `${round(scan.scanMBs, 1)} MB/s`, `indexOf ${round(scan.indexOfMBs)} MB/s`, 'reported', null);
  row('  scan / indexOf', `${round(scan.scanMBs / scan.indexOfMBs, 4)}×`, '', '', null);
  row(
    'default pack: dwell end → card, warm p50 / p95',
    `${round(median(demoWarm.ms))} / ${round(quantile(demoWarm.ms, 0.95))} ms`,
    `after the ${DWELL} ms dwell`,
    'aim p95 < 30 ms',
    quantile(demoWarm.ms, 0.95) < 30,
  );
  row(
    'default pack: dwell end → card, cold p50 / p95',
    `${round(median(demoCold.ms))} / ${round(quantile(demoCold.ms, 0.95))} ms`,
    'worker stopped',
    'aim p95 < 150 ms',
    quantile(demoCold.ms, 0.95) < 150,
  );
  row(
    'hover → card, warm p50 / p95',
    `${round(median(warm.ms))} / ${round(quantile(warm.ms, 0.95))} ms`,
    `after the ${DWELL} ms dwell`,
    'aim p95 < 30 ms',
    quantile(warm.ms, 0.95) < 30,
  );
  row(
    'hover → card, cold p50 / p95',
    `${round(median(coldH.ms))} / ${round(quantile(coldH.ms, 0.95))} ms`,
    'worker stopped',
    'aim p95 < 150 ms',
    quantile(coldH.ms, 0.95) < 150,
  );
  row('  wrong cards', String(wrong.length), '', '0', budget(wrong.length === 0));
  row(
    'popup keystroke → results p50 / p95',
    `${round(median(keys))} / ${round(quantile(keys, 0.95))} ms`,
    `${keys.length} keys`,
    'aim p95 < 50 ms',
    quantile(keys, 0.95) < 50,
  );
  if (sync && typeof sync === 'object') for (const [k, v] of Object.entries(sync)) row(`sync: ${k}`, String(v), '', 'reported', null);
  else row('sync delta vs full', 'skipped', 'test/bench/sync-delta.ts absent', '', null);

  const allOk = printTable(`Backstory bench — ${entities} entities, ${floor.records} records, ${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}`);

  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
  } catch {}
  const doc = {
    date: new Date().toISOString(),
    commit,
    machine: {
      cpu: os.cpus()[0]?.model,
      cores: os.cpus().length,
      memGB: Math.round(os.totalmem() / 1024 ** 3),
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
    },
    budgetsMet: allOk,
    table: rows.map(([what, value, baseline, target, ok]) => ({ what, value, baseline, target, ok })),
    ...results,
  };
  mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
  const name = entities === 100_000 ? 'results.json' : `results-${entities}.json`;
  writeFileSync(path.join(ROOT, 'bench', name), `${JSON.stringify(doc, null, 1)}\n`);
  console.log(`written bench/${name}`);
  process.exitCode = allOk ? 0 : 1;
} finally {
  srv.close();
}
