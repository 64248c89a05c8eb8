/**
 * Labels left behind inside the article body: a heading or a short line ("You may also like",
 * "Comments", "More Great Stories") whose section the scope has already left out (a rail of
 * teasers, a comment thread, a list of links). A label introduces what follows it; when all that
 * follows it, up to the next label or the end of the body, was left out, it goes too; so does a
 * heading that ends the body; so does a term (`<dt>`) whose descriptions were all left out.
 *
 * One walk over the body in document order, time-sliced through the scope's `Slicer`. Also here:
 * the little that a body root holds above the headline inside it (`aboveHeadline`).
 */

import { BLOCK, HEADINGS, hasBlockChild, keptText, SKIP } from './page-text';
import type { Slicer } from './slicer';

/** Blocks that may hold a label line of their own. */
const LABEL_TAGS = new Set(['P', 'DIV', 'SECTION', 'HEADER', 'ASIDE', 'SPAN', 'STRONG', 'B']);
/** A sentence's end, in the scripts the scope reads; an ellipsis ("You may also like…") ends none (`ELLIPSIS_END`). */
export const SENTENCE_END = /[.!?。！？"”»]$/;
const ELLIPSIS_END = /(\.\.\.|…)$/;
/** Left-out text shorter than this (an "Advertisement" label) is not a section. */
const SECTION_MIN = 30;

/** A heading, or a short line that ends no sentence, standing as a block of its own. */
export function isLabel(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  const heading = HEADINGS.has(tag);
  if (!heading && !LABEL_TAGS.has(tag)) return false;
  if (hasBlockChild(el)) return false;
  const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  if (!text || text.length > (heading ? 120 : 80)) return false;
  if (heading) return true;
  // An inline element is a line of its own only when it is all its parent block holds.
  if (!BLOCK.has(tag) && !alone(el)) return false;
  return !SENTENCE_END.test(text) || ELLIPSIS_END.test(text);
}

/**
 * Nothing but blank text beside `el` in its parent. The walk outwards stops at the first sibling
 * that holds text, so a paragraph of one span per word costs a step or two per word, not a read of
 * the whole paragraph each time.
 */
function alone(el: Element): boolean {
  if (!el.parentElement) return false;
  for (let s = el.previousSibling; s; s = s.previousSibling) if (holdsText(s)) return false;
  for (let s = el.nextSibling; s; s = s.nextSibling) if (holdsText(s)) return false;
  return true;
}

/** Any text that is not blank in a node, found by its first such text node. */
function holdsText(node: Node): boolean {
  if (node.nodeType === 3) return /\S/.test((node as Text).data);
  if (node.nodeType !== 1) return false;
  const walker = node.ownerDocument?.createTreeWalker(node, 0x4);
  for (let t = walker?.nextNode(); t; t = walker?.nextNode()) if (/\S/.test((t as Text).data)) return true;
  return false;
}

/** A term that is a field's label: a few words and a colon ("Author:", "Publish date:"). */
const FIELD_LABEL = /^\S+(?: \S+){0,3} ?[:：]$/;

/**
 * A term that is a field's label (`<dt>`: "Author:", "Published:") names what its descriptions (the
 * `<dd>`s after it, up to the next term) hold; when all of them were left out as boilerplate (a
 * byline, a date), the label names nothing. A hidden description (a collapsed answer, shown when
 * the reader opens it) is no boilerplate, and a term that is more than such a label (a question, a
 * name) says something of its own; both stay, as does a term without any description.
 */
function describes(term: Element, rejects: (el: Element) => boolean, hidden: (el: Element) => boolean): boolean {
  if (!FIELD_LABEL.test((term.textContent ?? '').replace(/\s+/g, ' ').trim())) return true;
  // Left out for what it is, not for being out of sight now: `hidden` is asked only of what `rejects` leaves out.
  const boilerplate = (el: Element) => rejects(el) && (SKIP.has(el.tagName.toUpperCase()) || !hidden(el));
  let any = false;
  for (let d = term.nextElementSibling; d && d.tagName.toUpperCase() === 'DD'; d = d.nextElementSibling) {
    any = true;
    // Some text of the description not inside a part left out (a description is short).
    if (!boilerplate(d) && /\S/.test(keptText(d, boilerplate))) return true;
  }
  return !any;
}

/**
 * The labels of `body` (its roots, in document order) that introduce only left-out text. `rejects`
 * says what is left out, `hidden` which of that is only not rendered (hidden, not shown now); `keep`
 * is never dropped (the headline).
 */
export async function orphanLabels(
  body: Element[],
  rejects: (el: Element) => boolean,
  hidden: (el: Element) => boolean,
  keep: Element | null,
  slicer: Slicer,
): Promise<Element[]> {
  const orphans: Element[] = [];
  let pending: Element | null = null;
  let leftOut = false;
  const settle = () => {
    if (pending && leftOut) orphans.push(pending);
    pending = null;
    leftOut = false;
  };
  let i = 0;
  for (const root of body) {
    const walker = root.ownerDocument.createTreeWalker(root, 0x1 | 0x4, {
      acceptNode(n) {
        if (n.nodeType !== 1) return 1;
        const el = n as Element;
        if (el !== root && rejects(el)) {
          if (pending && !leftOut && (el.textContent ?? '').trim().length >= SECTION_MIN) leftOut = true;
          return 2;
        }
        if (el.tagName.toUpperCase() === 'DT' && !describes(el, rejects, hidden)) {
          orphans.push(el);
          return 2;
        }
        if (el !== root && el !== keep && !el.contains(keep) && isLabel(el)) {
          settle();
          pending = el;
          return 2;
        }
        return 1;
      },
    });
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if ((++i & 63) === 0) await slicer.tick();
      // Text the scope keeps, after a label: the label introduces it.
      if (n.nodeType === 3 && pending && (n as Text).data.trim()) {
        pending = null;
        leftOut = false;
      }
    }
  }
  // A heading that ends the body introduces nothing at all ("Comments" above a thread loaded later).
  if (pending && HEADINGS.has((pending as Element).tagName.toUpperCase())) leftOut = true;
  settle();
  return orphans;
}

/** Text above the headline inside the body that can only be a kicker, breadcrumbs or a promo. */
const ABOVE_HEADLINE_MAX = 200;

/**
 * What a body root holds before the headline inside it (a section kicker, breadcrumbs, "Get
 * breaking news in your browser"): the story starts at its headline. Only a little such text is
 * left out; more means the headline is not where the story starts, and all is kept.
 */
export function aboveHeadline(body: Element[], headline: Element | null, rejects: (el: Element) => boolean): Element[] {
  if (!headline) return [];
  const root = body.find((b) => b !== headline && b.contains(headline));
  if (!root) return [];
  const out: Element[] = [];
  let text = 0;
  for (let e: Element = headline; e !== root && e.parentElement; e = e.parentElement) {
    for (let s = e.previousElementSibling; s; s = s.previousElementSibling) {
      // Already left out (a script, a menu): neither counted nor needed.
      if (rejects(s)) continue;
      // The lead picture's caption belongs to the story, above its headline or not.
      if (leadCaption(s)) continue;
      text += (s.textContent ?? '').trim().length;
      if (text > ABOVE_HEADLINE_MAX) return [];
      out.push(s);
    }
  }
  return out;
}

/** A picture or its caption: a figure, a figcaption, or a block whose class or id says caption. */
function leadCaption(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  if (tag === 'FIGURE' || tag === 'FIGCAPTION' || tag === 'PICTURE' || el.querySelector('figcaption') !== null) return true;
  return /(^|[\s_-])(fig)?caption([\s_-]|$)/i.test(`${el.getAttribute('class') ?? ''} ${el.id}`);
}
