/**
 * Page text as one string with a map back to DOM text nodes. Looks at the article first; never
 * inside form fields, editable regions, code or scripts, nor inside Backstory's own card.
 */
import { type SliceEnv, Slicer } from './slicer';

export const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'CODE',
  'PRE',
  'KBD',
  'SAMP',
  'SVG',
  'MATH',
  'IFRAME',
  'OBJECT',
  'CANVAS',
  'BUTTON',
]);
/**
 * The text of a short element less its parts `isOut` leaves out (with their subtrees): a dateline
 * whose byline is a furniture-named child ("<span class=authors>Text: Jo Smith</span> · 24 September
 * 2018") reads as what remains, the date. For short elements: it reads every text node it keeps.
 */
export function keptText(el: Element, isOut: (el: Element) => boolean): string {
  let out = '';
  const walker = el.ownerDocument.createTreeWalker(el, 0x1 | 0x4, {
    acceptNode: (n) => (n.nodeType === 1 && isOut(n as Element) ? 2 : 1),
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.nodeType === 3) out += (n as Text).data;
  return out;
}

/** Heading elements, by tag name (upper case, as `tagName` gives them for HTML). */
export const HEADINGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
export const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'BR',
  'DD',
  'DETAILS',
  'DIALOG',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HGROUP',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
]);

/** A block child other than <br>. Child by child, not `el.children`: Blink keeps each element's HTMLCollection (and the node data holding it) cached. */
export function hasBlockChild(el: Element): boolean {
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) if (BLOCK.has(c.tagName.toUpperCase()) && c.tagName.toUpperCase() !== 'BR') return true;
  return false;
}

/**
 * One text node read, named by its parent and its index among the parent's children, not by the
 * node itself: a `Text` object held past a garbage collection or two is kept by the page for as
 * long as the node lives (Blink holds a node's JS wrapper once it has aged), so a list of every
 * node read cost the page 16 bytes per text node for good. Only the nodes a mention falls in are
 * asked for (`rangeFor`).
 */
export interface TextSegment {
  parent: Node;
  /** The node's index among `parent.childNodes`. */
  child: number;
  /** Offset of the node's first character in the joined string. */
  at: number;
}

export interface PageText {
  text: string;
  segments: TextSegment[];
}

/** Text nodes to leave out (already read). */
export interface ReadNodes {
  has(node: Text): boolean;
}

export function isSkipped(el: Element | null, host: Element | null): boolean {
  for (let e = el; e; e = e.parentElement) {
    if (SKIP.has(e.tagName.toUpperCase())) return true;
    if (e === host) return true;
    if ((e as HTMLElement).isContentEditable) return true;
  }
  return false;
}

function blockOf(node: Node): Element | null {
  for (let e = node.parentElement; e; e = e.parentElement) if (BLOCK.has(e.tagName.toUpperCase())) return e;
  return null;
}

/**
 * Nodes read between two chances to pause (see `collectAllSliced`): a few hundred take well under a
 * millisecond. Every step passes through three generators; at 64 nodes a step, the steps alone were
 * hot enough for V8 to compile those to baseline code the page keeps.
 */
const NODES_PER_STEP = 256;

/**
 * Collect text under `root`, joining blocks with line breaks. Subtrees for which `rejects` holds
 * (furniture, hidden text: see article-scope.ts) are left out, and so are nodes in `already`.
 */
export function collectText(root: Node, host: Element | null, rejects?: (el: Element) => boolean, already?: ReadNodes): PageText {
  return finish(textWalk()(root, host, rejects, already));
}

/**
 * `collectText` as steps: it yields every `NODES_PER_STEP` nodes, so a caller may pause there. Segments are
 * appended to `segments`, their offsets counted from `base` (where this text will start).
 *
 * Made afresh for each read (`textWalk()`), not kept at module level: V8 may optimise the walk, and
 * it keeps the machine code for as long as the function lives (16 KB on the bench's 1 MB article);
 * a function made per read takes its machine code along when the read is done.
 */
function textWalk() {
  return function* textSteps(
    root: Node,
    host: Element | null,
    rejects?: (el: Element) => boolean,
    already?: ReadNodes,
    segments: TextSegment[] = [],
    base = 0,
  ): Generator<void, PageText> {
    const parts: string[] = [];
    let length = 0;
    let lastBlock: Element | null = null;
    if (root.nodeType === Node.ELEMENT_NODE && isSkipped(root as Element, host)) return { text: '', segments };
    if (root.nodeType === Node.ELEMENT_NODE && rejects?.(root as Element)) return { text: '', segments };
    let lineBreak = false;
    let step = 0;
    // Depth first by hand, not with a TreeWalker: the walk knows each node's index among its
    // siblings (`index`; `above` holds its ancestors' indices), which is how a segment names its node.
    const above: number[] = [];
    let index = 0;
    let n: Node | null = root.firstChild;
    while (n) {
      if (++step % NODES_PER_STEP === 0) {
        yield;
        // The page had its turn: a node it removed meanwhile ends the walk here (the mutation that
        // removed it brings its new content to be read); the indices of nodes it inserted before
        // this one are checked when a mention is placed (`nodeAt` compares the text).
        if (n.parentNode === null || (n !== root && !root.contains(n))) break;
      }
      let into = false;
      if (n.nodeType === Node.ELEMENT_NODE) {
        const el = n as Element;
        const tag = el.tagName.toUpperCase();
        if (el === host || SKIP.has(tag) || (el as HTMLElement).isContentEditable || rejects?.(el)) {
          // Left out with its subtree.
        } else if (tag === 'BR') {
          // A <br> separates lines ("LAHORE<br>Nawaz Sharif said…") though it holds no text.
          lineBreak = true;
        } else into = el.firstChild !== null;
      } else if (n.nodeType === Node.TEXT_NODE && !already?.has(n as Text)) {
        const data = (n as Text).data;
        if (data) {
          const block = blockOf(n);
          if ((block !== lastBlock || lineBreak) && length > 0) {
            parts.push('\n');
            length += 1;
          }
          lastBlock = block;
          lineBreak = false;
          segments.push({ parent: n.parentNode as Node, child: index, at: base + length });
          parts.push(data);
          length += data.length;
        }
      }
      if (into) {
        above.push(index);
        index = 0;
        n = n.firstChild;
        continue;
      }
      // The next sibling, else the next sibling of the nearest ancestor that has one.
      while (n && n !== root && !n.nextSibling) {
        n = n.parentNode;
        index = above.pop() ?? 0;
      }
      if (!n || n === root) break;
      n = n.nextSibling;
      index++;
    }
    return { text: parts.join(''), segments };
  };
}

/** The text of several roots (document order) as one string, a line break between roots. */
export function collectAll(roots: Element[], host: Element | null, rejects?: (el: Element) => boolean, already?: ReadNodes): PageText {
  return finish(allSteps(roots, host, rejects, already));
}

/**
 * `collectAll` in slices: after `sliceMs` of work it awaits `pause()` (the page's turn), so a long
 * article is read without a long task. The page may change meanwhile; the ranges made from the
 * result check each node's text against the text read (`rangeFor`), as after any wait for the worker.
 */
export async function collectAllSliced(
  roots: Element[],
  host: Element | null,
  rejects: ((el: Element) => boolean) | undefined,
  already: ReadNodes | undefined,
  slice: SliceEnv,
): Promise<PageText> {
  const steps = allSteps(roots, host, rejects, already);
  const slicer = new Slicer(slice);
  for (let r = steps.next(); ; r = steps.next()) {
    if (r.done) return r.value;
    await slicer.tick();
  }
}

function* allSteps(roots: Element[], host: Element | null, rejects?: (el: Element) => boolean, already?: ReadNodes): Generator<void, PageText> {
  // Each root's segments go straight into the one list, at their final offsets: copying them from
  // a list per root made a loop over every text node hot enough to be compiled to machine code,
  // which the page then keeps.
  const segments: TextSegment[] = [];
  const textSteps = textWalk();
  let text = '';
  for (const r of roots) {
    const pt = yield* textSteps(r, host, rejects, already, segments, text ? text.length + 1 : 0);
    if (!pt.text) continue;
    if (text) text += '\n';
    text += pt.text;
  }
  return { text, segments };
}

function finish(steps: Generator<void, PageText>): PageText {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * Map a [start, end) range of the joined string back to a DOM Range, or null when the page changed
 * the nodes since the text was read (see `nodeAt`).
 */
export function rangeFor(pt: PageText, start: number, end: number): Range | null {
  const ia = segmentAt(pt.segments, start, false);
  const ib = segmentAt(pt.segments, end, true);
  if (ia < 0 || ib < 0) return null;
  const a = nodeAt(pt, ia);
  const b = ia === ib ? a : nodeAt(pt, ib);
  const startOffset = start - pt.segments[ia].at;
  const endOffset = end - pt.segments[ib].at;
  if (!a || !b || startOffset < 0 || endOffset > b.data.length) return null;
  const r = document.createRange();
  r.setStart(a, startOffset);
  r.setEnd(b, endOffset);
  return r;
}

/** The segment holding `offset` of the joined string (for an end, the character before it), or -1. */
function segmentAt(segs: TextSegment[], offset: number, isEnd: boolean): number {
  let lo = 0;
  let hi = segs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segs[mid].at <= offset - (isEnd ? 1 : 0)) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The text node segment `i` was read from, if the page still has that very text there. A segment
 * names its node by position (parent and child index), so after the page inserted or removed a
 * sibling the position may hold another node: the node counts only while it is in the document and
 * its text is still the text read at that offset, so a mark never lands on other words.
 */
function nodeAt(pt: PageText, i: number): Text | null {
  const s = pt.segments[i];
  const node = segmentNode(s);
  if (!node || node.nodeType !== Node.TEXT_NODE || !node.isConnected) return null;
  const data = (node as Text).data;
  const next = i + 1 < pt.segments.length ? pt.segments[i + 1].at : pt.text.length;
  // The text read for this node runs to the next segment (or to a line break between blocks).
  const read = Math.min(next, s.at + data.length);
  if (read - s.at !== data.length || !pt.text.startsWith(data, s.at)) return null;
  return node as Text;
}

/** The node a segment was read from, if the page still has a node there. */
export function segmentNode(s: TextSegment): Node | null {
  let n = s.parent?.firstChild ?? null;
  for (let i = 0; n && i < s.child; i++) n = n.nextSibling;
  return n;
}

/** The article's publication date, when the page declares one. */
export function articleDate(doc: Document): string | undefined {
  const meta = doc.querySelector('meta[property="article:published_time"], meta[name="article:published_time"], meta[itemprop="datePublished"]');
  const fromMeta = meta?.getAttribute('content');
  if (fromMeta && !Number.isNaN(Date.parse(fromMeta))) return new Date(fromMeta).toISOString();
  for (const s of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      const found = findDate(JSON.parse(s.textContent ?? ''), 0);
      if (found) return found;
    } catch {
      // Broken JSON-LD is common; ignore it.
    }
  }
  const time = doc.querySelector('article time[datetime], time[itemprop="datePublished"]')?.getAttribute('datetime');
  if (time && !Number.isNaN(Date.parse(time))) return new Date(time).toISOString();
  return undefined;
}

function findDate(x: unknown, depth: number): string | undefined {
  if (!x || typeof x !== 'object' || depth > 4) return undefined;
  if (Array.isArray(x)) {
    for (const y of x) {
      const d = findDate(y, depth + 1);
      if (d) return d;
    }
    return undefined;
  }
  const o = x as Record<string, unknown>;
  if (typeof o.datePublished === 'string' && !Number.isNaN(Date.parse(o.datePublished))) return new Date(o.datePublished).toISOString();
  return findDate(o['@graph'], depth + 1);
}
