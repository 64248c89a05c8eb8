#!/usr/bin/env node
// Print every mark Backstory makes on real pages, with its context and the entity its card names,
// split into marks inside the article and outside it. Pages load in Chromium with the built
// extension and (optionally) a profile with packs installed (scripts/eval-profile.mjs).
//
//   node scripts/marks.mjs [--ext dist/chrome] [--profile DIR] [--only TEXT] [--no-hover] PATH...
//
// PATH is a page (.html or .html.gz) or a folder of them (e.g. ../shared/realpages/html). "Inside
// the article" means the mark's sentence is part of the page's articleBody when a ground-truth.json
// beside the folder knows the page (../shared/realpages), else that the mark sits in <article>.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { launchWithExtension, option } from './eval-browser.mjs';

const argv = process.argv.slice(2);
const ext = path.resolve(option(argv, '--ext', 'dist/chrome'));
const profileSrc = option(argv, '--profile', '');
const only = option(argv, '--only', '');
const noHover = argv.includes('--no-hover') ? argv.splice(argv.indexOf('--no-hover'), 1) && true : false;
const files = argv.flatMap((p) =>
  statSync(p).isDirectory()
    ? readdirSync(p)
        .filter((f) => /\.html(\.gz)?$/.test(f))
        .map((f) => path.join(p, f))
    : [p],
);
if (!files.length) {
  console.error('usage: node scripts/marks.mjs [--ext dist/chrome] [--profile DIR] [--no-hover] PAGE_OR_DIR...');
  process.exit(2);
}
const read = (f) => (f.endsWith('.gz') ? zlib.gunzipSync(readFileSync(f)) : readFileSync(f));
const truthOf = (f) => {
  const gt = path.join(path.dirname(f), '..', 'ground-truth.json');
  if (!existsSync(gt)) return null;
  const id = path.basename(f).replace(/\.html(\.gz)?$/, '');
  return JSON.parse(readFileSync(gt, 'utf8'))[id]?.articleBody ?? null;
};
const squash = (s) => s.replace(/\s+/g, ' ').trim().toLowerCase();

const server = http.createServer((q, s) => {
  const f = files[Number(new URL(q.url, 'http://x').pathname.slice(1))];
  if (!f) return s.writeHead(404).end();
  s.setHeader('content-type', 'text/html; charset=utf-8');
  s.end(read(f));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;
// Work on a copy: a profile is changed by use, and the one given stays as it was.
const profile = mkdtempSync(path.join(tmpdir(), 'backstory-marks-'));
if (profileSrc) cpSync(profileSrc, profile, { recursive: true });
const { context } = await launchWithExtension(ext, profile);

/** Evaluate in the page's main world, else in its other worlds (the extension's), whichever answers. */
async function worlds(cdp) {
  const contexts = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context.id));
  await cdp.send('Runtime.enable');
  return async (expression) => {
    for (const id of [undefined, ...contexts]) {
      const r = await cdp.send('Runtime.evaluate', { expression, returnByValue: true, ...(id ? { contextId: id } : {}) }).catch(() => null);
      if (r?.result?.value) return r.result.value;
    }
    return null;
  };
}

// Marks are drawn in a closed layer the page cannot read; the content script's isolated world
// (reached here over CDP, never by the page) lists the mentions it found.
const HIGHLIGHT = `(globalThis.__backstoryMentions && globalThis.__backstoryMentions())`;
/** The marks (text, context, inside <article>) as the content script holds them. */
const MARKS = `(() => { const h = ${HIGHLIGHT}; if (!h) return null;
  return [...h].map((r) => { const el = r.startContainer.parentElement; const block = el && el.closest('p,li,h1,h2,h3,h4,figcaption,blockquote,td,div');
    return { text: r.toString(), context: (block ? block.textContent : r.startContainer.textContent).replace(/\\s+/g, ' ').trim().slice(0, 300),
      inArticle: !!(el && el.closest('article')) }; }); })()`;
const POINT = (text, nth) => `(() => { const h = ${HIGHLIGHT}; const r = h && [...h].filter((x) => x.toString() === ${JSON.stringify(text)})[${nth}];
  if (!r) return null; r.startContainer.parentElement?.scrollIntoView({ block: 'center' }); const b = r.getClientRects()[0];
  return b ? { x: b.left + Math.min(b.width / 2, 10), y: b.top + b.height / 2 } : null; })()`;

/** The heading of the card that opens on hovering a mark (read from the accessibility tree). */
async function cardName(page, cdp, evaluate, text, nth) {
  const point = await evaluate(POINT(text, nth));
  if (!point) return '?';
  const openCard = async () => {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    return nodes.find((n) => ['dialog', 'tooltip'].includes(n.role?.value) && n.name?.value)?.name.value ?? null;
  };
  // Close the previous card first, so the name read is this mark's.
  await page.mouse.move(0, 0);
  await page.keyboard.press('Escape');
  for (let i = 0; i < 30 && (await openCard()); i++) await new Promise((r) => setTimeout(r, 100));
  await page.mouse.move(point.x, point.y, { steps: 3 });
  for (let i = 0; i < 30; i++) {
    const name = await openCard();
    if (name) return name;
    await new Promise((r) => setTimeout(r, 100));
  }
  return '(no card)';
}

try {
  for (const [i, f] of files.entries()) {
    if (only && !f.includes(only)) continue;
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const evaluate = await worlds(cdp);
    await page.goto(`${base}/${i}`, { waitUntil: 'load' });
    // Marks appear after detection in the worker: wait until their count stops changing.
    let marks = [];
    const patience = Date.now() + 20_000;
    for (let last = -1, still = 0; still < 3 || (marks.length === 0 && Date.now() < patience); ) {
      await new Promise((r) => setTimeout(r, 500));
      marks = (await evaluate(MARKS)) ?? [];
      still = marks.length === last ? still + 1 : 0;
      last = marks.length;
    }
    const truth = truthOf(f);
    const body = truth ? squash(truth) : null;
    const seen = new Map();
    for (const m of marks) {
      m.nth = seen.get(m.text) ?? 0;
      seen.set(m.text, m.nth + 1);
      m.inside = body ? body.includes(squash(m.context).slice(0, 80)) : m.inArticle;
      m.entity = noHover ? '' : await cardName(page, cdp, evaluate, m.text, m.nth);
    }
    console.log(`\n# ${f}: ${marks.length} marks`);
    for (const inside of [true, false]) {
      const group = marks.filter((m) => m.inside === inside);
      console.log(`## ${inside ? 'inside' : 'outside'} the article (${group.length})`);
      for (const m of group) console.log(`- "${m.text}" → ${m.entity || '-'}  | ${m.context.slice(0, 160)}`);
    }
    await page.close();
  }
} finally {
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
