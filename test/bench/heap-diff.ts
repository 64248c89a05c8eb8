/**
 * `node --experimental-websocket --import tsx test/bench/heap-diff.ts [--entities N] [--world] [--top 40]`: where the page
 * heap that Backstory adds goes. Loads the bench's 1 MB article and 3.9 MB real page (the files
 * `npm run bench` wrote in .tmp/bench; run it once first) without and with the extension, scrolls
 * through as the bench does, forces GC, takes a V8 heap snapshot, and prints the difference by
 * node type and constructor (self sizes). Snapshots stay in .tmp/bench/heap-*.heapsnapshot for
 * DevTools. A tool for finding the cost, not a budget: the budget is `npm run bench`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, serve } from '../e2e/server';
import { sleep } from '../shared/page-probes';
import { type BenchBrowser, launchBench, message } from './browser';
import { importThroughUi } from './measure-import';
import { heapOf, scrollThrough } from './measure-page';
import { buildRealPage, REAL_PAGE_VERSION } from './real-page';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : dflt;
};
const entities = Number(arg('entities', '10000'));
const top = Number(arg('top', '40'));
const OUT = path.join(ROOT, '.tmp/bench');
const TAG = arg('tag', 'heap');
const packFile = path.join(OUT, `synth-${entities}-s1.json`);
const articleFile = path.join(OUT, `article-${entities}-s1.html`);
const realFile = path.join(OUT, `real-3mb-v${REAL_PAGE_VERSION}.html`);
for (const f of [packFile, articleFile]) if (!existsSync(f)) throw new Error(`${f} is missing: run npm run bench -- --entities ${entities} once`);

const srv = await serve();
const file = (p: string, type: string) => (_req: unknown, res: import('node:http').ServerResponse) => {
  res.setHeader('content-type', type);
  res.end(readFileSync(p));
};
srv.route('/bench/article.html', file(articleFile, 'text/html; charset=utf-8'));
srv.route('/bench/real.html', file(realFile, 'text/html; charset=utf-8'));

/** Load, leave alone, scroll through (as the bench does), then snapshot after GC. */
async function snapshot(b: BenchBrowser, url: string, out: string): Promise<{ jsMB: number }> {
  const page = await b.context.newPage();
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  await sleep(3000);
  await scrollThrough(page);
  const heap = await heapOf(b, page);
  const s = await b.context.newCDPSession(page);
  const chunks: string[] = [];
  s.on('HeapProfiler.addHeapSnapshotChunk', (e: { chunk: string }) => chunks.push(e.chunk));
  await s.send('HeapProfiler.enable');
  await s.send('HeapProfiler.collectGarbage');
  await s.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await s.detach();
  writeFileSync(out, chunks.join(''));
  await page.close();
  return heap;
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

/** Self size by "type:name" (objects by constructor; strings, code and arrays by type). */
function bySize(p: string): Map<string, { size: number; count: number }> {
  const s = JSON.parse(readFileSync(p, 'utf8')) as Snapshot;
  const f = s.snapshot.meta.node_fields;
  const types = s.snapshot.meta.node_types[0];
  const [iType, iName, iSize] = ['type', 'name', 'self_size'].map((k) => f.indexOf(k));
  const out = new Map<string, { size: number; count: number }>();
  for (let i = 0; i < s.nodes.length; i += f.length) {
    const type = types[s.nodes[i + iType]];
    const name = s.strings[s.nodes[i + iName]];
    const key = type === 'object' || type === 'closure' || type === 'native' || type === 'hidden' ? `${type}:${name.slice(0, 60)}` : type;
    const e = out.get(key) ?? { size: 0, count: 0 };
    e.size += s.nodes[i + iSize];
    e.count++;
    out.set(key, e);
  }
  return out;
}

const results: Record<string, { off: number; on: number }> = {};
const off = await launchBench(false);
if (!existsSync(realFile)) await buildRealPage(off, realFile, 3 * 1024 * 1024);
const pages: [string, string][] = [['article', `${srv.url}/bench/article.html`]];
if (existsSync(realFile)) pages.push(['real', `${srv.url}/bench/real.html`]);
for (const [name, url] of pages) results[name] = { off: (await snapshot(off, url, path.join(OUT, `${TAG}-off-${name}.heapsnapshot`))).jsMB, on: 0 };
await off.close();

const on = await launchBench(true);
await importThroughUi(on, packFile);
if (argv.includes('--world')) await importThroughUi(on, path.join(ROOT, 'dist/chrome/packs/world.json.gz'));
const set = await message(on, 'setSettings', { dwellMs: 0 });
if (!set.ok) throw new Error(`setSettings failed: ${set.error}`);
for (const [name, url] of pages) results[name].on = (await snapshot(on, url, path.join(OUT, `${TAG}-on-${name}.heapsnapshot`))).jsMB;
await on.close();
srv.close();

for (const [name] of pages) {
  const a = bySize(path.join(OUT, `${TAG}-off-${name}.heapsnapshot`));
  const b = bySize(path.join(OUT, `${TAG}-on-${name}.heapsnapshot`));
  const keys = new Set([...a.keys(), ...b.keys()]);
  const rows = [...keys].map((k) => {
    const x = a.get(k) ?? { size: 0, count: 0 };
    const y = b.get(k) ?? { size: 0, count: 0 };
    return { k, d: y.size - x.size, n: y.count - x.count };
  });
  const total = rows.reduce((t, r) => t + r.d, 0);
  const r = results[name];
  console.log(
    `\n${name}: getHeapUsage off ${r.off.toFixed(3)} MB, on ${r.on.toFixed(3)} MB, added ${(r.on - r.off).toFixed(3)} MB; snapshot self sizes added ${(total / 1048576).toFixed(3)} MB`,
  );
  for (const row of rows.sort((x, y) => Math.abs(y.d) - Math.abs(x.d)).slice(0, top))
    console.log(`${(row.d / 1024).toFixed(1).padStart(9)} KB ${String(row.n).padStart(7)}  ${row.k}`);
}
