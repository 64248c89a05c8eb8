/**
 * Boilerplate that sits inside an article body's own markup, found by general evidence rather
 * than by names: tag lists (HTML's `rel="tag"` link type), a card of links set inside a sentence
 * (a person's pop-up with their latest stories), and contact or follow-us lines that close the
 * body (an e-mail address, a web address or a social handle in a short last paragraph).
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

/** Tag-list text at least this share of its container's text: the container is the list. */
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
  // Outermost only: a list found from its first link contains the others' lists.
  return [...out].filter((e) => ![...out].some((o) => o !== e && o.contains(e)));
}

/** A card of links: at least this many links and this many characters, nearly all linked. */
const CARD_LINKS = 3;
const CARD_TEXT = 100;
const CARD_LINK_SHARE = 0.9;

function isCardShaped(el: Element): boolean {
  if (BLOCK.has(el.tagName.toUpperCase()) || el.tagName.toUpperCase() === 'A') return false;
  if (!el.firstElementChild) return false;
  const text = textLength(el);
  if (text < CARD_TEXT) return false;
  const links = el.querySelectorAll('a');
  if (links.length < CARD_LINKS) return false;
  return linkedLength(links) >= text * CARD_LINK_SHARE;
}

/**
 * An inline element set inside a paragraph that is nothing but a card of links (a person's pop-up
 * with their picture and latest headlines, shown on hover by the page's style sheet): a sentence
 * never holds a hundred characters of three or more links and nothing else. The innermost such
 * element is the card: an outer one that also holds the name the sentence reads ("Rep. <span>
 * <a>Name</a><span>card</span></span>") keeps the name. `blockText` is the length of the text
 * of the block around it, which must hold text besides the card.
 */
export function isLinkCard(el: Element, blockText: number): boolean {
  if (blockText < CARD_TEXT + 20 || !isCardShaped(el)) return false;
  const own = textLength(el);
  if (blockText < own + 20) return false;
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) if (isCardShaped(c) && textLength(c) >= own * 0.8) return false;
  return true;
}

/**
 * An address a reader is sent to write to or follow, rather than a sentence of the story: an
 * e-mail address or a social handle ("@example"). Not a web address: a story's own closing line
 * often points to a report, a product or the column's site, and those lines are the story's.
 */
const CONTACT = /[\w.+-]+@[\w-]+\.[\w.-]+|(?:^|[\s(])@\w{2,}/u;

/** Longest closing line read as a contact or follow-us line; a longer one is a paragraph of the story. */
const CONTACT_MAX = 240;

/**
 * A short block of the body that gives an address to write to, follow or visit ("Write to Jo at
 * jo@example.com", "Follow us @example", "Join our forums … at forums@example.com"). Such lines
 * close a story; where one closes the body, with no prose of the story after it, it is the
 * publisher's, not the story's (see `closingContacts` in `article-scope.ts`).
 */
export function isContactLine(text: string): boolean {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 0 && t.length <= CONTACT_MAX && CONTACT.test(t);
}

/** A font size set in the markup itself at or below which text is fine print. */
const FINE_PX = 12;
const FINE_EM = 0.8;

/** The font size an inline style sets, when it is small print: `font-size: 11px`, `0.75em`, `small`. */
function smallFont(style: string | null): boolean {
  if (!style) return false;
  const m = /(?:^|;)\s*font-size\s*:\s*([\d.]+)?\s*([a-z%-]+)/i.exec(style);
  if (!m) return false;
  const n = m[1] === undefined ? Number.NaN : Number(m[1]);
  const unit = m[2].toLowerCase();
  if (unit === 'px') return n <= FINE_PX;
  if (unit === 'pt') return n <= FINE_PX * 0.75;
  if (unit === 'em' || unit === 'rem') return n <= FINE_EM;
  if (unit === '%') return n <= FINE_EM * 100;
  return unit === 'small' || unit === 'x-small' || unit === 'xx-small' || unit === 'smaller';
}

/**
 * Fine print: a block whose own inline style (or its only child's) sets a small font, or whose
 * text is all inside `<small>`, which HTML defines as side comments such as small print,
 * disclaimers and legal notes. Read in the markup, so it holds offline, without the page's style
 * sheets. Within the story this is often a caption or a credit, kept; closing the body it is the
 * publisher's note (a company's boilerplate under a press release, a note to commenters).
 */
export function isFinePrint(el: Element): boolean {
  if (smallFont(el.getAttribute('style'))) return true;
  const only = el.firstElementChild;
  if (!only || only.nextElementSibling) return false;
  const own = (el.textContent ?? '').trim();
  if (!own || (only.textContent ?? '').trim() !== own) return false;
  return only.tagName.toUpperCase() === 'SMALL' || smallFont(only.getAttribute('style'));
}
