/**
 * Boilerplate that sits inside an article body's own markup, found by general evidence rather
 * than by names: tag lists (HTML's `rel="tag"` link type), a card of links set inside a sentence
 * (a person's pop-up with their latest stories), and the notes that close the body: contact or
 * follow-us lines (an e-mail address or a social handle, linked or with few words around it; not a
 * web address) and fine print (a font smaller than the body's own, stated in the markup).
 *
 * Used by `article-scope.ts` while it prunes the chosen body.
 */

import { BLOCK } from './page-text';

/** Visible characters of an element's text, whitespace runs counted as one. */
function textLength(el: Element): number {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim().length;
}

/** Text inside the given links (a link inside another counted once). */
function linkedLength(links: Iterable<Element>): number {
  let n = 0;
  for (const a of links) if (!a.parentElement?.closest('a')) n += textLength(a);
  return n;
}

/**
 * Tag-list text at least this share of its container's text: the container is the list. A clear
 * majority, so that a "Tags:" label and the commas between the links fit, and a sentence that links
 * a word or two as tags (mostly unlinked words) does not.
 */
const TAG_SHARE = 0.6;

/**
 * Lists of the page's tags inside `root`: `rel="tag"` says, by HTML's own link types, that a link
 * names a tag of the page, which is an index term and never a sentence of the story. For each such
 * link, its outermost ancestor below `root` whose text is mostly tag links (the "Tags:" label and
 * the commas between them included) is left out, when it holds two tag links or more.
 */
export function tagLists(root: Element): Element[] {
  const tags = root.querySelectorAll('a[rel~="tag" i]');
  if (tags.length < 2) return [];
  const out = new Set<Element>();
  // Each ancestor is judged once, however many tag links it holds: 'list' (mostly tag links),
  // 'one' (a single tag link: the others may be beside it), 'more' (more text than tags).
  const judged = new Map<Element, 'list' | 'one' | 'more'>();
  const judge = (e: Element) => {
    let says = judged.get(e);
    if (says === undefined) {
      const inside = e.querySelectorAll('a[rel~="tag" i]');
      says = inside.length < 2 ? 'one' : linkedLength(inside) >= textLength(e) * TAG_SHARE ? 'list' : 'more';
      judged.set(e, says);
    }
    return says;
  };
  for (const a of tags) {
    let list: Element | null = null;
    for (let e = a.parentElement; e && e !== root; e = e.parentElement) {
      const says = judge(e);
      if (says === 'list') list = e;
      else if (says === 'more' || list) break;
    }
    if (list) out.add(list);
  }
  // Outermost only (a list inside another, found from a link whose walk stopped below the outer
  // one): each list's ancestors are looked up in the set, so the cost is lists × depth.
  return [...out].filter((e) => {
    for (let p = e.parentElement; p && p !== root; p = p.parentElement) if (out.has(p)) return false;
    return true;
  });
}

/**
 * A card of links: at least this many links and this many characters, nearly all linked. Three
 * links are more than a sentence links in one inline run (a name, a place); a hundred characters
 * are two or three headlines, more than a name or a title with its link; nine in ten linked leaves
 * room for the separators between headlines, not for words of a sentence.
 */
const CARD_LINKS = 3;
const CARD_TEXT = 100;
const CARD_LINK_SHARE = 0.9;

function isCardShaped(el: Element): boolean {
  if (BLOCK.has(el.tagName.toUpperCase()) || el.tagName.toUpperCase() === 'A') return false;
  if (!el.firstElementChild) return false;
  // Links counted first: most inline elements hold fewer than three, and their text is never read.
  const links = el.querySelectorAll('a');
  if (links.length < CARD_LINKS) return false;
  const text = textLength(el);
  if (text < CARD_TEXT) return false;
  return linkedLength(links) >= text * CARD_LINK_SHARE;
}

/**
 * The link an inline wrapper begins with, before an element that is not a link (its box): the name
 * the sentence reads ("<span><a>Name</a><span>card</span></span>"). It is never part of the card.
 */
function leadingLink(el: Element): Element | null {
  const first = el.firstElementChild;
  if (first?.tagName.toUpperCase() !== 'A') return null;
  const next = first.nextElementSibling;
  if (!next || next.tagName.toUpperCase() === 'A') return null;
  for (let n = el.firstChild; n && n !== first; n = n.nextSibling) if ((n.textContent ?? '').trim()) return null;
  return first;
}

/**
 * `el` is a card inside a block of `blockText` characters: card-shaped, with a few words of the
 * sentence (20 characters) around it, and no child that is most of it (80%) and card-shaped itself
 * (then the child is the card, and `el` may hold the name the sentence reads).
 */
function cardIn(el: Element, blockText: number): boolean {
  if (blockText < CARD_TEXT + 20 || !isCardShaped(el)) return false;
  const own = textLength(el);
  if (blockText < own + 20) return false;
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) if (isCardShaped(c) && textLength(c) >= own * 0.8) return false;
  return true;
}

/**
 * An inline element set inside a paragraph that is nothing but a card of links (a person's pop-up
 * with their picture and latest headlines, shown on hover by the page's style sheet): a sentence
 * never holds a hundred characters of three or more links and nothing else. The innermost such
 * element is the card; a wrapper that begins with the name the sentence reads ("Rep. <span>
 * <a>Name</a><span>card</span></span>") is never the card, only its children after the name are
 * (`isCardAfterName`). `blockText` is the length of the text of the block around it, which must
 * hold text besides the card.
 */
export function isLinkCard(el: Element, blockText: number): boolean {
  return !leadingLink(el) && cardIn(el, blockText);
}

/**
 * A child after the name of a wrapper that, with the name, is card-shaped: the card's box, when the
 * box alone is short. `wrappers` keeps each wrapper's answer, so that a wrapper with many children
 * is read once, not once for each child.
 */
export function isCardAfterName(el: Element, blockText: number, wrappers: Map<Element, boolean> = new Map()): boolean {
  const wrapper = el.parentElement;
  if (!wrapper || BLOCK.has(wrapper.tagName.toUpperCase())) return false;
  let card = wrappers.get(wrapper);
  if (card === undefined) {
    card = leadingLink(wrapper) !== null && cardIn(wrapper, blockText);
    wrappers.set(wrapper, card);
  }
  return card && el !== wrapper.firstElementChild;
}

/**
 * An address a reader is sent to write to or follow, rather than a sentence of the story: an
 * e-mail address or a social handle ("@example"). Not a web address: a story's own closing line
 * often points to a report, a product or the column's site, and those lines are the story's. Each
 * run is bounded (an address's local part is at most 64 characters, a domain label 63), so that a
 * long run of word characters costs linear time, not quadratic.
 */
const EMAIL = String.raw`[\w.+-]{1,64}@[\w-]{1,63}\.[\w.-]{2,63}`;
const HANDLE = String.raw`@\w{2,30}`;
const CONTACT = new RegExp(String.raw`${EMAIL}|(?:^|[\s(])${HANDLE}`, 'gu');

/**
 * Longest closing line read as a contact or follow-us line; a longer one is a paragraph of the
 * story. Two or three short sentences ("Write to … Follow her …"), under two lines of prose.
 */
const CONTACT_MAX = 240;

/**
 * Most words beside each address in a contact line: "Write to Ana Ruiz at", "Follow her on
 * Twitter". A sentence that names an address in passing ("Ruiz (@x) said the quay would open in
 * spring") says more.
 */
const CONTACT_WORDS = 6;

/** An e-mail address or handle, whole ("ana@example.org", "@anaruiz"). */
const ADDRESS = new RegExp(`^(?:${EMAIL}|${HANDLE})$`, 'u');

/**
 * A short block of the body that gives an address to write to or follow ("Write to Jo at
 * jo@example.com", "Follow us @example"): the address is a link (`mailto:`, or a link that reads
 * the address or handle), or the line says little besides its addresses. Such lines close a story;
 * where one closes the body, with no prose of the story after it, it is the publisher's, not the
 * story's (see `ClosingLines` in `article-scope.ts`).
 */
export function isContactLine(text: string, el?: Element): boolean {
  // Both an address and a handle hold an "@": without one the patterns are not run at all (run on
  // every block, V8 compiled them to 9 KB of machine code that the page keeps).
  if (!text.includes('@')) return false;
  const t = text.replace(/\s+/g, ' ').trim();
  // The length first: the pattern is linear, but a long paragraph is no contact line whatever it holds.
  if (!t || t.length > CONTACT_MAX) return false;
  const found = t.match(CONTACT);
  if (!found) return false;
  if (el) {
    for (const a of el.querySelectorAll('a')) {
      if (/^mailto:/i.test(a.getAttribute('href') ?? '') || ADDRESS.test((a.textContent ?? '').trim())) return true;
    }
  }
  const rest = t.replace(CONTACT, ' ').match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  return rest.length <= CONTACT_WORDS * found.length;
}

/**
 * The font size every browser starts from (CSS `medium`), in pixels: a block that states no size
 * in its markup is read at this size, and em, rem and % are read against it.
 */
export const MEDIUM_PX = 16;

/**
 * Fine print is at most this share of the body's usual size: CSS's own step down (`smaller`, the
 * size of `<small>`) is about 0.83, and one step down from the text around it is what makes print
 * "small"; a size a little under the body's (a 15px caption under 16px prose) is not.
 */
const FINE_SHARE = 0.85;

/** Sizes of CSS's keywords, as browsers set them for a 16px `medium`. */
const KEYWORD_PX: Record<string, number> = { 'xx-small': 9, 'x-small': 10, small: 13, medium: 16, large: 18, 'x-large': 24, smaller: 13.3 };

/** The font size an inline style sets, in pixels, or null: `font-size: 11px`, `0.75em`, `small`. */
function styledPx(style: string | null): number | null {
  if (!style) return null;
  const m = /(?:^|;)\s*font-size\s*:\s*([\d.]+)?\s*([a-z%-]+)/i.exec(style);
  if (!m) return null;
  const n = m[1] === undefined ? Number.NaN : Number(m[1]);
  const unit = m[2].toLowerCase();
  if (unit === 'px') return n;
  if (unit === 'pt') return (n * 4) / 3;
  if (unit === 'em' || unit === 'rem') return n * MEDIUM_PX;
  if (unit === '%') return (n / 100) * MEDIUM_PX;
  return KEYWORD_PX[unit] ?? null;
}

/**
 * The font size a block states in its markup, in pixels: its own inline style, or that of the one
 * child that holds all its text, or `<small>` around all its text (HTML's element for side
 * comments such as small print, disclaimers and legal notes). Null when the markup states none.
 * Read in the markup, so it holds offline, without the page's style sheets.
 */
export function statedFontPx(el: Element): number | null {
  const own = styledPx(el.getAttribute('style'));
  if (own !== null && !Number.isNaN(own)) return own;
  const only = el.firstElementChild;
  if (!only || only.nextElementSibling) return null;
  const text = (el.textContent ?? '').trim();
  if (!text || (only.textContent ?? '').trim() !== text) return null;
  const child = styledPx(only.getAttribute('style'));
  if (child !== null && !Number.isNaN(child)) return child;
  return only.tagName.toUpperCase() === 'SMALL' ? KEYWORD_PX.smaller : null;
}

/**
 * Fine print: a block whose stated font size is a step below `usualPx`, the body's usual size
 * (`usualFontPx`; CSS's `medium` when the page states none). Within the story this is often a
 * caption or a credit, kept; closing the body it is the publisher's note (a company's boilerplate
 * under a press release, a note to commenters).
 */
export function isFinePrint(el: Element, usualPx: number = MEDIUM_PX): boolean {
  return isFineSize(statedFontPx(el), usualPx);
}

/** A stated size (`statedFontPx`; null when none) that is fine print beside the body's usual size. */
export function isFineSize(px: number | null, usualPx: number): boolean {
  return px !== null && px <= usualPx * FINE_SHARE;
}

/**
 * The body's usual font size: the size stated on the largest share of its blocks' text (a block
 * that states none counts at `medium`). A page set all in 12px or in `<small>` reads 12px or
 * `<small>` as its body text, not as fine print.
 */
export function usualFontPx(blocks: Iterable<{ px: number | null; text: number }>): number {
  const weight = new Map<number, number>();
  for (const b of blocks) {
    const px = b.px ?? MEDIUM_PX;
    weight.set(px, (weight.get(px) ?? 0) + b.text);
  }
  let best = MEDIUM_PX;
  let most = -1;
  // No destructuring (`for (const [px, w] of …) [best, most] = [px, w]`): V8 spells it out as two
  // iterator protocols, which tripled this function's bytecode and the machine code kept for it.
  weight.forEach((w, px) => {
    if (w > most) {
      best = px;
      most = w;
    }
  });
  return best;
}
