/**
 * `npm run bench [-- --entities N] [--packs default,world,synthetic] [--only import|page|hover]`: every figure as a ratio or
 * difference against a baseline measured in the same run; budgets decide the exit code, aims are
 * reported. Results go to the console as a table and to bench/results.json.
 *
 * Packs: the built-in pack, the world pack shipped in the build (`packs/world.json.gz`) and the
 * synthetic pack of N entities, all installed through the options page as a reader would, before
 * the page and card figures are taken (`--packs default,synthetic` leaves the world pack out).
 * Pages: the 1 MB synthetic article, and a 3 MB page built from real saved news pages of
 * `../shared/realpages` (`real-page.ts`; skipped, with a message, when that folder is absent).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ArticleMention } from '../../src/cli/commands/synth-article';
import { EXT } from '../e2e/drivers/chromium-browser';
import { ROOT, serve } from '../e2e/server';
import { type BenchBrowser, launchBench, message } from './browser';
import { hoverSeries, openHoverPage } from './measure-hover';
import { importFloor, importThroughUi, type UiImport } from './measure-import';
import { lastMentionRun, type PageRun, quietRuns } from './measure-page';
import { popupKeystrokes } from './measure-popup';
import { scanBench } from './measure-scan';
import { coldStart } from './measure-worker';
import { buildRealPage, REAL_PAGE_VERSION, REAL_PAGES } from './real-page';
import { median, quantile, round } from './stats';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : dflt;
};
const entities = Number(arg('entities', '100000'));
/**
 * `--only import`: just the two imports and their memory (a quick check while working on import).
 * `--only page`: just the page-cost rows of both pages (tasks, layout shift, heap), measured as the
 * full run measures them, with the same packs installed (a quick check while working on the page).
 * `--only hover`: just the card-latency rows, measured as the full run measures them: the built-in
 * pack alone, then the synthetic and world packs imported through the options page beside it.
 */
const only = arg('only', '');
if (only && !['import', 'page', 'hover'].includes(only)) throw new Error(`--only takes "import", "page" or "hover", not "${only}"`);
/**
 * Renderer JS heap a page gains from Backstory (with, minus without, in the same run). The aims are
 * what fcd950b, when marks were `CSS.highlights`, adds to the same pages measured by this bench the
 * same way (all three packs; `--only page` with `BACKSTORY_EXT` at its build, two runs, both 0.69 and
 * 0.64 MB): issue 15 asks that the private overlay cost no more. The 0.56 MB quoted before was what
 * the bench of 2026-11-26 printed (100k synthetic pack alone, the article alone, no scroll through
 * the page, no trace), so it was not measured the same way. Without the world pack there is no
 * measured aim. The budget, which sets the exit code, stops a regression.
 */
const PAGE_HEAP_AIM_MB = { article: 0.69, real: 0.64 };
const PAGE_HEAP_BUDGET_MB = 1;
/** Peak worker heap allowed while importing the synthetic pack or the world pack. */
const IMPORT_HEAP_BUDGET_MB = 200;
const seed = Number(arg('seed', '1'));
const packs = new Set(arg('packs', 'default,world,synthetic').split(','));
for (const p of packs) if (!['default', 'world', 'synthetic'].includes(p)) throw new Error(`--packs: unknown pack "${p}" (default, world, synthetic)`);
if (!packs.has('default') || !packs.has('synthetic'))
  throw new Error('--packs: the built-in pack is always installed and the bench pages are written from the synthetic pack; list both');
const WORLD_GZ = path.join(EXT, 'packs/world.json.gz');
if (packs.has('world') && !existsSync(WORLD_GZ))
  throw new Error(`${WORLD_GZ} is missing: build with the world pack (npm run build), or run with --packs default,synthetic`);
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
// The world pack's floor reads the JSON the extension unpacks from the shipped gzip.
const worldJson = path.join(OUT, 'world.json');
if (packs.has('world')) {
  writeFileSync(worldJson, gunzipSync(readFileSync(WORLD_GZ)));
  srv.route('/bench/world.json', file(worldJson, 'application/json', true));
}
const realFile = path.join(OUT, `real-3mb-v${REAL_PAGE_VERSION}.html`);
srv.route('/bench/real.html', file(realFile, 'text/html; charset=utf-8'));

const log = (s: string) => console.error(`[bench] ${s}`);
const results: Record<string, unknown> = {};
const rows: [string, string, string, string, boolean | null][] = [];
const row = (what: string, value: string, base: string, target: string, ok: boolean | null) => rows.push([what, value, base, target, ok]);
const budgets: boolean[] = [];
const budget = (ok: boolean) => {
  budgets.push(ok);
  return ok;
};

/** The world pack on its own, in a fresh browser: its compile covers only it and the built-in pack. */
async function importWorldAlone(): Promise<UiImport | null> {
  if (!existsSync(WORLD_GZ)) return null;
  log('world pack import via the options page (fresh browser, for its memory)');
  const w = await launchBench(true);
  try {
    return await importThroughUi(w, WORLD_GZ);
  } finally {
    await w.close();
  }
}

const heapRow = (what: string, r: UiImport) =>
  row(
    what,
    `${round(r.peakWorkerHeapMB)} MB (${r.peakPhase.replace(/…$/, '')})`,
    `idle worker ${round(r.startWorkerHeapMB, 1)} MB`,
    `≤ ${IMPORT_HEAP_BUDGET_MB} MB`,
    budget(r.peakWorkerHeapMB <= IMPORT_HEAP_BUDGET_MB),
  );

function importRows(ui: UiImport, floor: { ms: number }, worldAlone: UiImport | null): void {
  const ratio = ui.ms / floor.ms;
  row('import via options page', `${round(ui.ms / 1000, 2)} s`, `floor ${round(floor.ms / 1000, 2)} s`, '≤ 2.5× (aim ≤ 1×)', budget(ratio <= 2.5));
  row('  ratio to floor', `${round(ratio, 2)}×`, '', '', null);
  heapRow('  peak worker heap', ui);
  if (worldAlone) {
    row('world pack import, alone (fresh browser)', `${round(worldAlone.ms / 1000, 2)} s`, '', 'reported', null);
    heapRow('  peak worker heap', worldAlone);
  } else row('world pack import', 'skipped', `${WORLD_GZ} absent`, '', null);
}

/** The page-cost rows of one page: blocking and long tasks owed to Backstory, layout shift, heap. */
function pageRows(label: string, on: PageRun, off: PageRun, bare: PageRun | null, aimMB: number | null): void {
  const onT = on.trace as NonNullable<PageRun['trace']>;
  const offT = off.trace as NonNullable<PageRun['trace']>;
  // The attribution must see the content script at all, or it cannot fail.
  if (!onT.extensionEntries) throw new Error(`${label}: the trace shows no content-script code; the task attribution is broken`);
  // One traced figure with the extension against the same without it; a budget when `limit` is set.
  type Figure = 'extensionBlockingMs' | 'blockingMs' | 'attributableLongTasks' | 'maxExtensionInTaskMs' | 'extensionMs' | 'maxTaskMs';
  const traced = (what: string, k: Figure, unit: string, target: string, limit: number | null) =>
    row(what, `${round(onT[k])}${unit}`, `off ${round(offT[k])}${unit}`, target, limit === null ? null : budget(onT[k] <= limit));
  // Blocking owed to Backstory, by CPU time: the page's own first layout alone swung by 90 ms of CPU
  // (and its wall clock by a second) between loads on this shared machine.
  traced(`${label}: blocking owed to Backstory (CPU)`, 'extensionBlockingMs', ' ms', '≤ 50 ms (aim ≤ 10)', 50);
  traced('  total blocking (CPU) with / without', 'blockingMs', ' ms', 'reported', null);
  row('  total blocking (wall, longtask) with / without', `${round(on.blockingMs)} ms`, `off ${round(off.blockingMs)} ms`, 'reported', null);
  traced('  tasks > 50 ms owed to Backstory (CPU)', 'attributableLongTasks', '', '0', 0);
  traced('  Backstory in one task, longest (CPU)', 'maxExtensionInTaskMs', ' ms', '≤ 50 ms', 50);
  if (onT.maxExtensionWhere) row('    sampled in that task', onT.maxExtensionWhere, '', 'reported', null);
  traced('  Backstory main-thread CPU, total', 'extensionMs', ' ms', 'reported', null);
  traced('  longest task (CPU) with / without', 'maxTaskMs', ' ms', 'reported', null);
  row('  longest task (wall) with / without', `${round(on.maxTaskMs)} ms`, `off ${round(off.maxTaskMs)} ms`, 'reported', null);
  row('  layout shift (CLS) with / without', `${round(on.cls, 4)}`, `off ${round(off.cls, 4)}`, '≤ off', budget(on.cls <= off.cls + 1e-6));
  // Against the same page without the extension, measured in this run; the budget is what the
  // page paid before the underlines moved into the closed overlay (issue 15).
  const extraHeap = on.heapMB - off.heapMB;
  row(
    '  extra renderer JS heap',
    `${round(extraHeap, 2)} MB`,
    `off ${round(off.heapMB, 2)} MB`,
    `≤ ${PAGE_HEAP_BUDGET_MB} MB`,
    budget(extraHeap <= PAGE_HEAP_BUDGET_MB),
  );
  if (aimMB === null) row('    against fcd950b (marks in CSS.highlights)', `${round(extraHeap, 2)} MB`, '', 'aim measured with all three packs', null);
  else row('    against fcd950b (marks in CSS.highlights)', `${round(extraHeap, 2)} MB`, 'fcd950b, this bench', `aim ≤ ${aimMB} MB`, extraHeap <= aimMB);
  row('  extra DOM heap', `${round(on.domMB - off.domMB, 2)} MB`, `off ${round(off.domMB, 1)} MB`, 'reported', null);
  if (bare) row('  of which underlines (JS + DOM)', `${round(on.heapMB + on.domMB - bare.heapMB - bare.domMB, 3)} MB`, 'underlines off', 'reported', null);
}

/** Hover rows: each warm figure is 30 cards after 3 that warm the page's caches, each cold one a card after a stopped worker. */
const DWELL = 300;
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
].map((text) => ({ text, nth: 1 }));
type Series = Awaited<ReturnType<typeof hoverSeries>>;
type HoverFigures = Record<'demoWarm' | 'demoCold' | 'warm' | 'coldH' | 'allWarm' | 'allCold' | 'allFirst', Series>;

async function setDwell(b: BenchBrowser): Promise<void> {
  const set = await message(b, 'setSettings', { dwellMs: DWELL });
  if (!set.ok) throw new Error(`setSettings failed: ${set.error}`);
}

/**
 * The demo article's names on one page: 3 cards that warm the page's caches, then each name three
 * times warm (30 cards), then the first `cold` names each after a stopped worker.
 */
async function demoPageHovers(b: BenchBrowser, cold: number): Promise<{ warm: Series; cold: Series }> {
  const page = await openHoverPage(b, `${srv.url}/demo/`);
  await hoverSeries(b, page, demoMentions.slice(0, 3), false, DWELL);
  const warm = await hoverSeries(b, page, [...demoMentions, ...demoMentions, ...demoMentions], false, DWELL);
  const coldSeries = await hoverSeries(b, page, demoMentions.slice(0, cold), true, DWELL);
  await page.close();
  return { warm, cold: coldSeries };
}

/** The card latency readers feel first: the bundled default pack on the demo article. */
async function defaultPackHovers(b: BenchBrowser): Promise<{ demoWarm: Series; demoCold: Series }> {
  log('hover latency on the default pack');
  await setDwell(b);
  const { warm, cold } = await demoPageHovers(b, demoMentions.length);
  return { demoWarm: warm, demoCold: cold };
}

/** With every pack installed: the synthetic pack's names, then the built-in pack's names again. */
async function allPackHovers(b: BenchBrowser): Promise<{ warm: Series; coldH: Series; allWarm: Series; allCold: Series; allFirst: Series }> {
  log('hover latency');
  await setDwell(b);
  const hp = await openHoverPage(b, `${srv.url}/bench/hover.html`);
  const warmList = hoverMentions.slice(0, 30);
  await hoverSeries(b, hp, warmList.slice(0, 3), false, DWELL); // first card reads warm the caches
  const warm = await hoverSeries(b, hp, warmList, false, DWELL);
  const coldH = await hoverSeries(b, hp, hoverMentions.slice(0, 10), true, DWELL);
  await hp.close();
  log('hover latency on the default pack, all packs installed');
  const { warm: allWarm, cold: allCold } = await demoPageHovers(b, 5);
  // The warm rows leave out each page's first cards; a reader meets one on every page they open.
  log('first card on a freshly loaded page, all packs installed');
  const allFirst: Series = { ms: [], wrong: [] };
  for (const m of demoMentions) {
    const fresh = await openHoverPage(b, `${srv.url}/demo/`);
    const one = await hoverSeries(b, fresh, [m], false, DWELL);
    await fresh.close();
    allFirst.ms.push(...one.ms);
    allFirst.wrong.push(...one.wrong);
  }
  return { warm, coldH, allWarm, allCold, allFirst };
}

/** A latency row: p50 / p95 of a series against its aim for p95. */
function latencyRow(what: string, s: Series, base: string, aimMs: number): void {
  const p95 = quantile(s.ms, 0.95);
  row(what, `${round(median(s.ms))} / ${round(p95)} ms`, base, `aim p95 < ${aimMs} ms`, p95 < aimMs);
}

/** Cards that named another entity than the one hovered, in every hover series. */
function wrongCards(f: HoverFigures): Series['wrong'] {
  return [f.warm, f.coldH, f.demoWarm, f.demoCold, f.allWarm, f.allCold, f.allFirst].flatMap((s) => s.wrong);
}

/** The card-latency rows, then the wrong-cards budget. */
function hoverRows(f: HoverFigures): void {
  const { demoWarm, demoCold, warm, coldH, allWarm, allCold, allFirst } = f;
  const afterDwell = `after the ${DWELL} ms dwell`;
  latencyRow('default pack: dwell end → card, warm p50 / p95', demoWarm, afterDwell, 30);
  latencyRow('default pack: dwell end → card, cold p50 / p95', demoCold, 'worker stopped', 150);
  latencyRow('hover → card, warm p50 / p95', warm, afterDwell, 30);
  latencyRow('hover → card, cold p50 / p95', coldH, 'worker stopped', 150);
  row(
    'all packs, default-pack names: warm / cold p95',
    `${round(quantile(allWarm.ms, 0.95))} / ${round(quantile(allCold.ms, 0.95))} ms`,
    afterDwell,
    'aim p95 < 30 / 150 ms',
    quantile(allWarm.ms, 0.95) < 30 && quantile(allCold.ms, 0.95) < 150,
  );
  latencyRow('all packs: first card on a fresh page p50 / p95', allFirst, `${allFirst.ms.length} page loads, one card each`, 30);
  const wrong = wrongCards(f);
  row('  wrong cards', String(wrong.length), '', '0', budget(wrong.length === 0));
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
    const worldAlone = await importWorldAlone();
    importRows(ui, floor, worldAlone);
    process.exitCode = printTable(`Backstory bench (import only) — ${entities} entities`) ? 0 : 1;
    process.exit();
  }
  if (only === 'page') {
    log('page without the extension');
    const off = await launchBench(false);
    const real = await buildRealPage(off, realFile, 3 * 1024 * 1024);
    const offRun = await quietRuns(off, `${srv.url}/bench/article.html`, 3000, 3, true);
    const offReal = real ? await quietRuns(off, `${srv.url}/bench/real.html`, 3000, 3, true) : null;
    await off.close();
    log(`page with the extension (${[...packs].join(' + ')})`);
    const b = await launchBench(true);
    await importThroughUi(b, packFile);
    if (packs.has('world')) await importThroughUi(b, WORLD_GZ);
    const set = await message(b, 'setSettings', { dwellMs: 0 });
    if (!set.ok) throw new Error(`setSettings failed: ${set.error}`);
    const onRun = await quietRuns(b, `${srv.url}/bench/article.html`, 3000, 3, true);
    const onReal = real ? await quietRuns(b, `${srv.url}/bench/real.html`, 3000, 3, true) : null;
    await b.close();
    pageRows('1 MB article', onRun, offRun, null, packs.has('world') ? PAGE_HEAP_AIM_MB.article : null);
    if (real && onReal && offReal)
      pageRows(`${round(real.bytes / 1e6, 1)} MB real page`, onReal, offReal, null, packs.has('world') ? PAGE_HEAP_AIM_MB.real : null);
    process.exitCode = printTable(`Backstory bench (page only) — packs ${[...packs].join(' + ')}; synthetic ${entities} entities`) ? 0 : 1;
    process.exit();
  }
  if (only === 'hover') {
    const b = await launchBench(true);
    const { demoWarm, demoCold } = await defaultPackHovers(b);
    log(`importing ${[...packs].filter((p) => p !== 'default').join(' + ')} through the options page`);
    await importThroughUi(b, packFile);
    if (packs.has('world')) await importThroughUi(b, WORLD_GZ);
    const { warm, coldH, allWarm, allCold, allFirst } = await allPackHovers(b);
    await b.close();
    hoverRows({ demoWarm, demoCold, warm, coldH, allWarm, allCold, allFirst });
    process.exitCode = printTable(`Backstory bench (hover only) — packs ${[...packs].join(' + ')}; synthetic ${entities} entities`) ? 0 : 1;
    process.exit();
  }
  log(`matcher scan in Node (${entities} entities)`);
  const scan = scanBench(packFile, articleFile, last.text);

  log('page without the extension');
  const off = await launchBench(false);
  const real = await buildRealPage(off, realFile, 3 * 1024 * 1024);
  if (real) log(`  3 MB real page: ${round(real.bytes / 1e6, 2)} MB from ${real.sources.length} saved pages of ${REAL_PAGES}`);
  else log(`  no 3 MB real page: ${REAL_PAGES} is absent, so that case is skipped`);
  const articleUrl = `${srv.url}/bench/article.html`;
  const realUrl = `${srv.url}/bench/real.html`;
  const offRun = await quietRuns(off, articleUrl, 3000, 3, true);
  const offReal = real ? await quietRuns(off, realUrl, 3000, 3, true) : null;
  await off.close();

  const b = await launchBench(true);
  const { demoWarm, demoCold } = await defaultPackHovers(b);

  log('import floor (fetch + JSON.parse + one raw IndexedDB transaction)');
  const floor = await importFloor(b, `${srv.url}/bench/pack.json`);
  log(`  ${round(floor.ms / 1000, 2)} s for ${floor.records} records; now the options page`);
  const ui = await importThroughUi(b, packFile);
  log(`  ${round(ui.ms / 1000, 2)} s, peak worker heap ${round(ui.peakWorkerHeapMB)} MB`);
  let world: { floorMs: number; records: number; uiMs: number; peakWorkerHeapMB: number } | null = null;
  if (packs.has('world')) {
    log('world pack: import floor, then the options page (beside the synthetic pack)');
    const wf = await importFloor(b, `${srv.url}/bench/world.json`);
    const wu = await importThroughUi(b, WORLD_GZ);
    world = { floorMs: wf.ms, records: wf.records, uiMs: wu.ms, peakWorkerHeapMB: wu.peakWorkerHeapMB };
    log(`  ${round(wu.ms / 1000, 2)} s (floor ${round(wf.ms / 1000, 2)} s for ${wf.records} records)`);
  }

  log('worker cold start');
  const cold = await coldStart(b);

  const settings = await message(b, 'setSettings', { dwellMs: 0 });
  if (!settings.ok) throw new Error(`setSettings failed: ${settings.error}`);

  log(`page with the extension (${[...packs].join(' + ')})`);
  const onRun = await quietRuns(b, articleUrl, 3000, 3, true);
  const onReal = real ? await quietRuns(b, realUrl, 3000, 3, true) : null;
  // What the underlines themselves hold: the same pages with underlines switched off.
  log('page with the extension, underlines off');
  const noMarks = await message(b, 'setSettings', { underlines: 'none' });
  if (!noMarks.ok) throw new Error(`setSettings failed: ${noMarks.error}`);
  const bareRun = await quietRuns(b, articleUrl, 3000);
  const bareReal = real ? await quietRuns(b, realUrl, 3000) : null;
  const marksBack = await message(b, 'setSettings', { underlines: 'first' });
  if (!marksBack.ok) throw new Error(`setSettings failed: ${marksBack.error}`);
  const lastRuns: number[] = [];
  for (let i = 0; i < 3; i++) lastRuns.push((await lastMentionRun(b, articleUrl, last.text, last.nth)).ms);

  const { warm, coldH, allWarm, allCold, allFirst } = await allPackHovers(b);

  log('popup search');
  const queries = hoverMentions.slice(0, 8).map((m) => m.text.toLowerCase());
  const keys = await popupKeystrokes(b, queries);
  await b.close();

  const worldAlone = packs.has('world') ? await importWorldAlone() : null;

  let sync: unknown = null;
  const syncFile = path.join(ROOT, 'test/bench/sync-delta.ts');
  if (existsSync(syncFile)) {
    log('sync delta vs full');
    const mod = (await import(syncFile)) as { benchSyncDelta?: () => Promise<unknown> };
    sync = mod.benchSyncDelta ? await mod.benchSyncDelta() : null;
  }

  const hovers: HoverFigures = { demoWarm, demoCold, warm, coldH, allWarm, allCold, allFirst };
  const wrong = wrongCards(hovers);
  Object.assign(results, {
    entities,
    packs: [...packs],
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
    worldImport: world,
    worldImportAlone: worldAlone && {
      uiMs: worldAlone.ms,
      peakWorkerHeapMB: worldAlone.peakWorkerHeapMB,
      peakPhase: worldAlone.peakPhase,
      startWorkerHeapMB: worldAlone.startWorkerHeapMB,
    },
    page: {
      off: offRun,
      on: onRun,
      underlinesOff: bareRun,
      extraBlockingMs: onRun.blockingMs - offRun.blockingMs,
      extraHeapMB: onRun.heapMB - offRun.heapMB,
      lastMentionMs: median(lastRuns),
      lastMentionRuns: lastRuns,
    },
    realPage: real && offReal && onReal ? { ...real, off: offReal, on: onReal, underlinesOff: bareReal } : { skipped: `${REAL_PAGES} is absent` },
    worker: { coldDetectMs: cold.detectMs, coldWakeMs: cold.wakeMs, matcherReadyExtraMs: cold.detectMs - cold.wakeMs },
    scan,
    hover: {
      dwellMs: DWELL,
      warm: warm.ms,
      cold: coldH.ms,
      defaultPackWarm: demoWarm.ms,
      defaultPackCold: demoCold.ms,
      allPacksDefaultNamesWarm: allWarm.ms,
      allPacksDefaultNamesCold: allCold.ms,
      allPacksFirstCard: allFirst.ms,
      wrongCards: wrong,
    },
    popup: { keystrokesMs: keys },
    sync,
  });

  importRows(ui, floor, worldAlone);
  if (world) {
    row(
      'world pack import via options page',
      `${round(world.uiMs / 1000, 2)} s`,
      `floor ${round(world.floorMs / 1000, 2)} s`,
      'aim ≤ 2.5×',
      world.uiMs / world.floorMs <= 2.5,
    );
    row('  ratio to floor (synthetic pack installed)', `${round(world.uiMs / world.floorMs, 2)}×`, `${world.records} records`, '', null);
    row('  peak worker heap (compiles every installed pack)', `${round(world.peakWorkerHeapMB)} MB`, '', 'reported', null);
  }
  pageRows('1 MB article', onRun, offRun, bareRun, packs.has('world') ? PAGE_HEAP_AIM_MB.article : null);
  row('  load → last mention card', `${round(median(lastRuns))} ms`, 'load event', '≤ 3000 ms (aim ≤ 1000)', budget(median(lastRuns) <= 3000));
  if (real && onReal && offReal)
    pageRows(`${round(real.bytes / 1e6, 1)} MB real page`, onReal, offReal, bareReal, packs.has('world') ? PAGE_HEAP_AIM_MB.real : null);
  else row('3 MB real page', 'skipped', `${REAL_PAGES} absent`, '', null);
  row('worker stopped → matcher ready', `${round(cold.detectMs)} ms`, `wake only ${round(cold.wakeMs)} ms`, 'aim ≤ 100 ms', cold.detectMs <= 100);
  row('  matcher share (difference)', `${round(cold.detectMs - cold.wakeMs)} ms`, '', '', null);
  row('matcher scan (tokenize+scan+resolve)', `${round(scan.scanMBs, 1)} MB/s`, `indexOf ${round(scan.indexOfMBs)} MB/s`, 'reported', null);
  row('  scan / indexOf', `${round(scan.scanMBs / scan.indexOfMBs, 4)}×`, '', '', null);
  hoverRows(hovers);
  row(
    'popup keystroke → results p50 / p95',
    `${round(median(keys))} / ${round(quantile(keys, 0.95))} ms`,
    `${keys.length} keys`,
    'aim p95 < 50 ms',
    quantile(keys, 0.95) < 50,
  );
  if (sync && typeof sync === 'object') for (const [k, v] of Object.entries(sync)) row(`sync: ${k}`, String(v), '', 'reported', null);
  else row('sync delta vs full', 'skipped', 'test/bench/sync-delta.ts absent', '', null);

  const allOk = printTable(
    `Backstory bench — packs ${[...packs].join(' + ')}; synthetic ${entities} entities, ${floor.records} records; ${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}`,
  );

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
  const size = entities === 100_000 ? '' : `-${entities}`;
  const name = `results${size}${packs.has('world') ? '' : '-without-world'}.json`;
  writeFileSync(path.join(ROOT, 'bench', name), `${JSON.stringify(doc, null, 1)}\n`);
  console.log(`written bench/${name}`);
  process.exitCode = allOk ? 0 : 1;
} finally {
  srv.close();
}
