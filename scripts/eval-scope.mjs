#!/usr/bin/env node
// Article scope on real pages: loads each of ../shared/realpages/html/*.html.gz (served
// decompressed from 127.0.0.1; requests to any other host are refused, so the page's own external
// scripts never load) in Debian Chromium, runs the content script's own scope modules in the page
// (bundled from src/ by esbuild and injected by this harness only), and scores the text they take
// against ground-truth.json `articleBody` with the article-extraction benchmark's metric:
// tokens are runs of word characters, 4-token shingles counted as a multiset, per-page TP/FP/FN
// normalised to sum 1, precision and recall averaged over pages, F1 from the two averages.
//
//   node scripts/eval-scope.mjs [--only <sha-prefix>[,<sha-prefix>…]] [--show] [--extra] [--slices] [--dir DIR] [--dump FILE.json]
//
// Prints one row per page and the averages, for the annotated text (headline, standfirst and
// body) and for the body alone: as its containers hold it, and less the headline and standfirst
// that sit inside them (`lead`; the benchmark's articleBody has neither). Also the longest slice of scope work per page (long tasks seen by
// a PerformanceObserver while the scope runs).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { launchOffline, scopeBundle } from './eval-browser.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const opt = (name) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const DIR = path.resolve(ROOT, opt('dir') ?? '../shared/realpages');
const only = opt('only')?.split(',');
const show = argv.includes('--show');

// ---- the benchmark's metric ----
const WORD = /[\p{L}\p{N}_]+/gu;
function shingles(text, n = 4) {
  const tokens = text.match(WORD) ?? [];
  const counts = new Map();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const s = tokens.slice(i, i + n);
    if (!s.length) continue;
    const key = s.join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
export function match(truth, pred) {
  const t = shingles(truth);
  const p = shingles(pred);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...t.keys(), ...p.keys()])) {
    const a = t.get(key) ?? 0;
    const b = p.get(key) ?? 0;
    tp += Math.min(a, b);
    fp += Math.max(0, b - a);
    fn += Math.max(0, a - b);
  }
  const s = tp + fp + fn;
  return s > 0 ? [tp / s, fp / s, fn / s] : [0, 0, 0];
}
const precision = ([tp, fp, fn]) => (fp === 0 && fn === 0 ? 1 : tp === 0 && fp === 0 ? 0 : tp / (tp + fp));
const recall = ([tp, fp, fn]) => (fp === 0 && fn === 0 ? 1 : tp === 0 && fn === 0 ? 0 : tp / (tp + fn));
function averages(rows) {
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);
  const P = mean(rows.filter(([tp, fp]) => tp + fp > 0).map(precision));
  const R = mean(rows.filter(([tp, , fn]) => tp + fn > 0).map(recall));
  return { P, R, F1: (2 * P * R) / (P + R || 1) };
}

// ---- the content script's scope code, bundled for injection ----
const code = await scopeBundle();

const truth = JSON.parse(readFileSync(path.join(DIR, 'ground-truth.json'), 'utf8'));
const files = readdirSync(path.join(DIR, 'html'))
  .filter((f) => f.endsWith('.html.gz') && (!only || only.some((o) => f.startsWith(o))))
  .sort();

const srv = http.createServer((req, res) => {
  const name = path.basename(new URL(req.url ?? '/', 'http://x').pathname);
  const file = path.join(DIR, 'html', `${name}.gz`);
  if (!name.endsWith('.html') || !files.includes(`${name}.gz`)) {
    res.statusCode = 404;
    return res.end();
  }
  res.setHeader('content-type', 'text/html; charset=utf-8');
  // The saved pages' own scripts would run offline and some rewrite or leave the page: the markup
  // as the server sent it is what is scored. Ours runs through CDP, which this policy does not stop.
  res.setHeader('content-security-policy', "script-src 'none'");
  res.end(gunzipSync(readFileSync(file)));
});
await new Promise((ok) => srv.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${srv.address().port}`;

const { browser, context } = await launchOffline(origin);
await context.addInitScript({
  content: `globalThis.__scopeLongTasks = [];
    try { new PerformanceObserver((l) => { for (const e of l.getEntries()) __scopeLongTasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true }); } catch {}`,
});

const all = [];
const bodies = [];
const bodyOnlys = [];
const dumped = [];
let worstTask = { ms: 0, page: '' };
console.log('page                P      R      F1     | body P  R      | kind      ms    longest-task');
for (const f of files) {
  const key = f.replace(/\.html\.gz$/, '');
  const gt = truth[key]?.articleBody ?? '';
  const page = await context.newPage();
  let out = { kind: 'error', text: '', body: '', ms: 0 };
  let longest = 0;
  try {
    await page.goto(`${origin}/${key}.html`, { waitUntil: 'load', timeout: 30_000 }).catch(() => {});
    await page.evaluate(code);
    const started = await page.evaluate(() => performance.now());
    out = await page.evaluate(() => globalThis.__backstoryScopeEval());
    if (opt('why')) console.log(await page.evaluate((p) => globalThis.__backstoryScopeWhy(p), opt('why')));
    if (argv.includes('--top')) console.log(await page.evaluate(() => globalThis.__backstoryScopeTop()));
    const tasks = await page.evaluate(() => globalThis.__scopeLongTasks);
    // Tasks that overlap the scope and the annotator's sliced read; the evaluation's own reading after
    // `workEnd` is not the content script's work.
    for (const [at, d] of tasks) if (at + d >= started && at < out.workEnd) longest = Math.max(longest, d);
  } catch (e) {
    out.kind = `error: ${String(e).slice(0, 60)}`;
  }
  await page.close();
  const row = match(gt, out.text);
  const brow = match(gt, out.body);
  all.push(row);
  bodies.push(brow);
  bodyOnlys.push(match(gt, out.bodyOnly ?? out.body));
  if (longest > worstTask.ms) worstTask = { ms: longest, page: key.slice(0, 16) };
  const fmt = (x) => x.toFixed(3);
  console.log(
    `${key.slice(0, 16)}  ${fmt(precision(row))}  ${fmt(recall(row))}  ${fmt((2 * precision(row) * recall(row)) / (precision(row) + recall(row) || 1))}  | ${fmt(precision(brow))} ${fmt(recall(brow))}  | ${out.kind.padEnd(9)} ${String(Math.round(out.ms)).padStart(4)}  ${Math.round(longest)} slice ${Math.round(out.slice ?? 0)} layout ${Math.round(out.layout ?? 0)}`,
  );
  if (opt('dump')) dumped.push({ key, kind: out.kind, roots: out.roots, text: out.text, body: out.body, bodyOnly: out.bodyOnly, truth: gt });
  if (argv.includes('--slices')) console.log(`  longest slice ended at: ${out.sliceEnd}`);
  if (argv.includes('--extra')) {
    // Lines taken that the ground truth does not have (most of their shingles unmatched).
    const t = shingles(gt);
    for (const line of out.text.split('\n')) {
      const ls = [...shingles(line).keys()];
      if (ls.length && ls.filter((k) => t.has(k)).length / ls.length < 0.5) console.log(`  + ${line.trim().slice(0, 140)}`);
    }
  }
  if (show)
    console.log(
      `--- ${truth[key]?.url}\nroots: ${out.roots?.join(' | ')}\n${out.text.slice(0, Number(opt('chars') ?? 3000))}\n--- truth:\n${gt.slice(0, 1500)}\n---`,
    );
}
await browser.close();
srv.close();
if (opt('dump')) writeFileSync(path.resolve(opt('dump')), JSON.stringify(dumped));
const a = averages(all);
const b = averages(bodies);
const o = averages(bodyOnlys);
console.log(`\n${files.length} pages`);
console.log(`annotated text (headline + standfirst + body): P ${a.P.toFixed(3)}  R ${a.R.toFixed(3)}  F1 ${a.F1.toFixed(3)}`);
console.log(`body only:                                     P ${b.P.toFixed(3)}  R ${b.R.toFixed(3)}  F1 ${b.F1.toFixed(3)}`);
console.log(`body less the headline and standfirst in it:   P ${o.P.toFixed(3)}  R ${o.R.toFixed(3)}  F1 ${o.F1.toFixed(3)}`);
console.log(`longest task while the scope ran: ${Math.round(worstTask.ms)} ms (${worstTask.page || 'none over 50 ms'})`);
