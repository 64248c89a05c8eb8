#!/usr/bin/env node
// A fast estimate of the hover judge on annotated real pages, in Node: the article scope's text of
// each page is taken once in Chromium (the content script's own scope modules, cached in
// .tmp/scope-cache; `--rescope` takes it again), then detection runs here on the default pack
// and the packs given with --pack, exactly as the worker runs it, and each gold phrase is scored
// the judge's way (the mention under the phrase's first characters; a card named by a listed
// entity, or not named like the phrase, on a negative is a false card).
//
//   node --import tsx scripts/eval-detect.ts [--pack FILE]... [--only NAME] [--rescope] [--all] [DIR...]
//
// Prints per-page counts, every error grouped by kind (--all: also the correct ones) and P/R/F1.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { compile } from '../src/background/compiled-index';
import type { NameRecord, PackRecord } from '../src/background/database';
import { nameOf } from '../src/background/pack-stager';
import { tokenize } from '../src/core/normalize';
import type { Pack as PackFile } from '../src/core/pack-format';
import type { DetectContext } from '../src/core/resolve-references';
import { resolveMentions } from '../src/core/resolve-references';
// @ts-expect-error: a plain .mjs helper of the scripts
import { launchOffline, scopeBundle } from './eval-browser.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const take = (name: string): string[] => {
  const out: string[] = [];
  for (let i = argv.indexOf(name); i >= 0; i = argv.indexOf(name)) out.push(...argv.splice(i, 2).slice(1));
  return out;
};
const flag = (name: string): boolean => {
  const i = argv.indexOf(name);
  if (i >= 0) argv.splice(i, 1);
  return i >= 0;
};
const packFiles = take('--pack');
const only = take('--only')[0];
const rescope = flag('--rescope');
const showAll = flag('--all');
const dirs = argv.length ? argv : [path.join(ROOT, 'test/corpus-real')];
const CACHE = path.join(ROOT, '.tmp/scope-cache');

interface Gold {
  article: string;
  mentions: { text: string; nth: number; entity: string[] }[];
  negatives: { text: string; nth: number }[];
}
interface ScopeMap {
  kind: string;
  text: string;
  pieces: [number, number, number][];
  all: string;
}

const golds: { dir: string; name: string; gold: Gold; file: string }[] = [];
for (const dir of dirs)
  for (const g of readdirSync(dir)
    .filter((f) => f.endsWith('.gold.json'))
    .sort()) {
    if (only && !g.includes(only)) continue;
    const gold = JSON.parse(readFileSync(path.join(dir, g), 'utf8')) as Gold;
    golds.push({ dir, name: g.replace(/\.gold\.json$/, ''), gold, file: path.resolve(dir, gold.article) });
  }

// ---- the scope text of each page, from Chromium (cached) ----
const cacheOf = (file: string) => path.join(CACHE, `${path.basename(file).replace(/\.html(\.gz)?$/, '')}.json`);
const missing = golds.filter((g) => rescope || !existsSync(cacheOf(g.file)));
if (missing.length) {
  mkdirSync(CACHE, { recursive: true });
  const code = await scopeBundle();
  const srv = http.createServer((req, res) => {
    const g = missing[Number(new URL(req.url ?? '/', 'http://x').pathname.slice(1))];
    if (!g) return res.writeHead(404).end();
    res.setHeader('content-type', 'text/html; charset=utf-8');
    const raw = readFileSync(g.file);
    res.end(g.file.endsWith('.gz') ? gunzipSync(raw) : raw);
  });
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${(srv.address() as { port: number }).port}`;
  const { browser, context } = await launchOffline(origin);
  for (const [i, g] of missing.entries()) {
    const page = await context.newPage();
    await page.goto(`${origin}/${i}`, { waitUntil: 'load', timeout: 60_000 }).catch(() => {});
    await page.evaluate(code);
    const map = (await page.evaluate(() => (globalThis as unknown as { __backstoryScopeMap: () => Promise<ScopeMap> }).__backstoryScopeMap())) as ScopeMap;
    writeFileSync(cacheOf(g.file), JSON.stringify(map));
    await page.close();
    process.stderr.write(`scope ${g.name}\n`);
  }
  await browser.close();
  srv.close();
}

// ---- the packs, compiled the way the worker compiles them ----
const packRecords: PackRecord[] = [];
const names = new Map<string, NameRecord>();
for (const f of [path.join(ROOT, 'extension/packs/default.json'), ...packFiles]) {
  const raw = readFileSync(f);
  const pack = JSON.parse((f.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8')) as PackFile;
  const related = new Map<string, Set<string>>();
  for (const ev of pack.events ?? [])
    for (const id of ev.entities) {
      let rel = related.get(id);
      if (!rel) related.set(id, (rel = new Set()));
      for (const o of ev.entities) if (o !== id) rel.add(o);
    }
  const generation = `${pack.id}-g`;
  packRecords.push({ id: pack.id, enabled: true, bundled: packRecords.length === 0, generation, meta: pack } as unknown as PackRecord);
  names.set(generation, {
    generation,
    names: pack.entities.map((e) => ({ ...nameOf(e), related: [...(related.get(e.id) ?? [])] })),
  });
}
const { matcher } = compile(packRecords, names);
const entityName = new Map<string, string>();
for (const rec of names.values())
  for (const n of rec.names) for (const p of packRecords) if (p.generation === rec.generation) entityName.set(`${p.id}:${n.id}`, n.name);

// ---- the judge's names ----
const norm = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
const goldNames = new Map<string, string>();
for (const f of [path.join(ROOT, '../shared/corpus/entities.tsv'), ...dirs.map((d) => path.join(d, 'entities.tsv'))])
  if (existsSync(f))
    for (const l of readFileSync(f, 'utf8').trim().split('\n').slice(1)) {
      const [k, n] = l.split('\t');
      if (k && n) goldNames.set(k, n);
    }
const listed = new Set([...goldNames.values()].map(norm));

// ---- detection and scoring ----
const tot = { ok: 0, wrong: 0, miss: 0, fp: 0, m: 0, n: 0 };
const errors: Record<string, string[]> = { 'FALSE CARD': [], WRONG: [], MISS: [], 'MISS (outside scope)': [], OK: [] };
for (const g of golds) {
  const map = JSON.parse(readFileSync(cacheOf(g.file), 'utf8')) as ScopeMap;
  // Mentions in the judge's text offsets.
  const marks: { start: number; end: number; entity: string }[] = [];
  let context: DetectContext = { seen: [], unknown: [] };
  const toAll = (at: number): number => {
    let lo = 0;
    let hi = map.pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (map.pieces[mid][0] <= at) lo = mid;
      else hi = mid - 1;
    }
    const [s, a, len] = map.pieces[lo] ?? [0, -1, 0];
    return a < 0 || at - s > len ? -1 : a + (at - s);
  };
  if (/\p{Lu}/u.test(map.text)) {
    const tokens = tokenize(map.text);
    const found = resolveMentions(tokens, matcher.scan(tokens), matcher, context);
    context = found.context;
    for (const m of found.mentions) marks.push({ start: toAll(m.start), end: toAll(m.end - 1) + 1, entity: m.entity });
  }
  const inScope = (at: number) => map.pieces.some(([, a, len]) => a >= 0 && a <= at && at < a + len);
  const locate = (text: string, nth: number): number => {
    let i = -1;
    for (let k = 0; k < nth; k++) {
      i = map.all.indexOf(text, i + 1);
      if (i < 0) return -1;
    }
    return i;
  };
  const s = { ok: 0, wrong: 0, miss: 0, fp: 0 };
  const ctx = (at: number, len: number) => map.all.slice(Math.max(0, at - 50), at + len + 50).replace(/\s+/g, ' ');
  const tag = (at: number, len: number, more: string) => `${g.name.slice(0, 24).padEnd(24)} ${more}  | ${ctx(at, len)}`;
  for (const it of g.gold.negatives) {
    const at = locate(it.text, it.nth);
    if (at < 0) continue;
    const hover = at + Math.min(1, it.text.length - 1);
    const m = marks.find((x) => x.start <= hover && hover < x.end);
    if (!m) continue;
    const name = entityName.get(m.entity) ?? m.entity;
    const cn = norm(name);
    const tn = norm(it.text);
    if (listed.has(cn) || !(cn && (cn.includes(tn) || tn.includes(cn)))) {
      s.fp++;
      errors['FALSE CARD'].push(tag(at, it.text.length, `"${it.text}"#${it.nth} -> ${name} [${m.entity}]`));
    }
  }
  for (const it of g.gold.mentions) {
    const at = locate(it.text, it.nth);
    if (at < 0) continue;
    const hover = at + Math.min(1, it.text.length - 1);
    const m = marks.find((x) => x.start <= hover && hover < x.end);
    const want = it.entity.join('|');
    if (!m) {
      s.miss++;
      errors[inScope(at) ? 'MISS' : 'MISS (outside scope)'].push(tag(at, it.text.length, `"${it.text}"#${it.nth} want ${want}`));
      continue;
    }
    const name = entityName.get(m.entity) ?? m.entity;
    if (it.entity.some((k) => norm(goldNames.get(k) ?? k) === norm(name))) {
      s.ok++;
      errors.OK.push(tag(at, it.text.length, `"${it.text}"#${it.nth} -> ${name}`));
    } else {
      s.wrong++;
      errors.WRONG.push(tag(at, it.text.length, `"${it.text}"#${it.nth} -> ${name} [${m.entity}] want ${want}`));
    }
  }
  console.log(
    `${g.name.padEnd(46)} ${map.kind.padEnd(8)} mentions ${String(g.gold.mentions.length).padStart(3)} ok ${String(s.ok).padStart(3)} wrong ${s.wrong} miss ${String(s.miss).padStart(2)}; negatives ${String(g.gold.negatives.length).padStart(3)} false ${s.fp}`,
  );
  tot.ok += s.ok;
  tot.wrong += s.wrong;
  tot.miss += s.miss;
  tot.fp += s.fp;
  tot.m += g.gold.mentions.length;
  tot.n += g.gold.negatives.length;
}
for (const [kind, rows] of Object.entries(errors)) {
  if (kind === 'OK' && !showAll) continue;
  console.log(`\n## ${kind} (${rows.length})`);
  for (const r of rows) console.log(`  ${r}`);
}
const P = tot.ok / Math.max(1, tot.ok + tot.wrong + tot.fp);
const R = tot.ok / Math.max(1, tot.m);
const F1 = P + R ? (2 * P * R) / (P + R) : 0;
console.log(
  `\nestimate F1=${F1.toFixed(3)} P=${P.toFixed(3)} R=${R.toFixed(3)} (mentions ${tot.m}, negatives ${tot.n}; ok ${tot.ok} wrong ${tot.wrong} missed ${tot.miss} false ${tot.fp})`,
);
