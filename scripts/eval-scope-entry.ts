// Bundled by scripts/eval-scope.mjs and injected into each page by the harness only: the same
// modules the content script runs, exposed to the evaluation (never part of the extension).
import { findArticleScope, looksLikeFurniture } from '../src/content/article-scope';
import { isRenderedHidden, PAGE_SLICE, yieldToPage } from '../src/content/page-scope';
import { collectAll, collectAllSliced, segmentNode } from '../src/content/page-text';

(globalThis as unknown as { __backstoryScopeEval: unknown }).__backstoryScopeEval = async () => {
  const t0 = performance.now();
  // The longest stretch of our own work between two yields, and the first layout read alone.
  let last = performance.now();
  let slice = 0;
  // Where the longest slice ended (the call stack of its pause), for finding work that never pauses.
  let sliceEnd = '';
  const tick = () => {
    const now = performance.now();
    if (now - last > slice) {
      slice = now - last;
      sliceEnd = (new Error().stack ?? '').split('\n').slice(2, 7).join(' < ');
    }
    last = now;
  };
  const l0 = performance.now();
  document.body.getBoundingClientRect();
  const layout = performance.now() - l0;
  last = performance.now();
  // The content script's own pauses (PAGE_SLICE's budget), measured from the outside.
  const env = {
    pause: async () => {
      tick();
      await yieldToPage();
      last = performance.now();
    },
    now: () => performance.now(),
    sliceMs: PAGE_SLICE.sliceMs,
  };
  let lead: Element[] = [];
  const scope = await findArticleScope(document, {
    ...env,
    hidden: isRenderedHidden,
    lead: (els) => {
      lead = els;
    },
  });
  tick();
  // The text is read as the annotator reads it: after the page's turn, in slices of its own.
  await yieldToPage();
  last = performance.now();
  const text = (await collectAllSliced(scope.roots, null, scope.rejects, undefined, env)).text;
  tick();
  // What follows is this evaluation's own reading, which the content script never does: it runs in
  // a task of its own, and long tasks that start after `workEnd` are not the content script's.
  const workEnd = performance.now();
  await new Promise((ok) => setTimeout(ok, 0));
  const body = collectAll(scope.body, null, scope.rejects).text;
  // The body as the benchmark's articleBody reads it: without the headline and standfirst, which
  // the scope annotates with it and which may sit inside a body container.
  const bodyOnly = collectAll(scope.body, null, (el) => scope.rejects(el) || lead.includes(el)).text;
  const describe = (e: Element) => `${e.tagName.toLowerCase()}#${e.id}.${(e.getAttribute('class') ?? '').slice(0, 60)}`;
  return { kind: scope.kind, text, body, bodyOnly, ms: workEnd - t0, workEnd, slice, sliceEnd, layout, roots: scope.roots.map(describe) };
};

// Why a phrase is or is not taken: each ancestor of the text node that holds it, with the rules,
// and the best-scored candidates.
(globalThis as unknown as { __backstoryScopeWhy: unknown }).__backstoryScopeWhy = (phrase: string) => {
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    if (!(n as Text).data.includes(phrase)) continue;
    const rows: string[] = [];
    for (let e = n.parentElement; e; e = e.parentElement)
      rows.push(
        `${e.tagName.toLowerCase()}#${e.id}.${(e.getAttribute('class') ?? '').slice(0, 50)} hidden=${isRenderedHidden(e)} furniture=${looksLikeFurniture(e)} role=${e.getAttribute('role')} aria-hidden=${e.getAttribute('aria-hidden')}`,
      );
    return rows.join('\n');
  }
  return 'not found';
};
(globalThis as unknown as { __backstoryScopeTop: unknown }).__backstoryScopeTop = async () => {
  let out = '';
  await findArticleScope(document, {
    hidden: isRenderedHidden,
    pause: yieldToPage,
    trace: (cs) => {
      for (const c of cs)
        out += `${c.el.tagName.toLowerCase()}#${c.el.id}.${(c.el.getAttribute('class') ?? '').slice(0, 40)} value=${c.value.toFixed(1)} good=${c.good} text=${c.text} link=${c.link}\n`;
    },
  });
  return out;
};

// The scope's text as the content script sends it for detection, with each piece's offset in the
// hover judge's text (every text node of <body> except in script/style/noscript/template), so that
// scripts/eval-detect.ts can score detection in Node against gold phrases located the judge's way.
(globalThis as unknown as { __backstoryScopeMap: unknown }).__backstoryScopeMap = async () => {
  const skip = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement && skip.has(n.parentElement.tagName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const offsets = new Map<Node, number>();
  let all = '';
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    offsets.set(n, all.length);
    all += (n as Text).data;
  }
  const scope = await findArticleScope(document, { ...PAGE_SLICE, host: null, hidden: isRenderedHidden });
  const pt = collectAll(scope.roots, null, scope.rejects);
  const pieces = pt.segments.map((s) => {
    const node = segmentNode(s) as Text;
    return [s.at, offsets.get(node) ?? -1, node.data.length];
  });
  return { kind: scope.kind, text: pt.text, pieces, all };
};
