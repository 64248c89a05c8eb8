/**
 * Which text of a page is the article: the headline, the standfirst and the body (with its
 * captions and pull quotes), never menus, share bars, bylines, rails, comments, footers, ads or
 * banners. Pages without an article body (section fronts, search results) get their headline
 * lists only.
 *
 * Structural evidence only, no per-site rules: semantic elements and ARIA roles, class and id
 * words, schema.org `articleBody`, and block scoring in the spirit of Readability (paragraph
 * text scored into its ancestors, penalised by link density) with Trafilatura-like pruning of
 * link-dense and boilerplate blocks inside the chosen body. Layout is not read here: whether an
 * element is rendered is asked of `env.hidden`, which the content script supplies.
 *
 * The walk over the page is time-sliced through `env.pause`, so a 3 MB page never blocks the
 * main thread for long.
 */

import { foldWord } from '../core/normalize';
import { type Calendar, calendarWords, pageLanguage } from './calendar-words';
import { BLOCK, HEADINGS, hasBlockChild, keptText, SKIP } from './page-text';
import { isCardAfterName, isContactLine, isFineSize, isLinkCard, statedFontPx, tagLists, usualFontPx } from './scope-boilerplate';
import { aboveHeadline, orphanLabels, SENTENCE_END } from './scope-orphans';
import { type SliceEnv, Slicer } from './slicer';

export interface ScopeEnv extends SliceEnv {
  /** Backstory's own card host: never part of the scope. */
  host?: Element | null;
  /** True when the element is not rendered (layout: display, visibility, zero size, off-screen). */
  hidden?: (el: Element) => boolean;
  /** For evaluation tools: the best-scored candidates, as considered. */
  trace?: (candidates: { el: Element; value: number; good: number; text: number; link: number }[]) => void;
  /**
   * For evaluation tools: the headline and the standfirst, in document order (not called on a
   * listing page). They are annotated with the body and may sit inside a body container, but are no
   * part of the article's body text. Handed over, not kept on the scope: the page holds no list of
   * them for its life.
   */
  lead?: (els: Element[]) => void;
}

/**
 * What the scope chose, as data: no function of the chooser is kept in it. The chooser runs in a
 * content script of its own that the page drops once it has run (`scope-run.ts`), so the code of
 * its walks and rules can be collected; `scopeOf` builds the live tests from this with the few
 * markup rules the page keeps for content added later.
 */
export interface ScopeVerdict {
  kind: 'article' | 'headlines';
  roots: Element[];
  body: Element[];
  /** The page's body element: the markup tests never leave it out. */
  root: Element;
  /** Elements inside the body left out by the prune's rules. */
  pruned: Set<Element>;
  /**
   * Which markup tests leave a subtree out besides `pruned`: navigation, controls and hidden text
   * (`hard`); those and furniture by tag or class (`soft`); or furniture everywhere except on the
   * wrappers of the story's best container (`around`, for a story whose wrapper carries a furniture
   * word).
   */
  skip: 'hard' | 'soft' | { around: Element };
}

export interface ArticleScope {
  kind: 'article' | 'headlines';
  /** Elements whose text is annotated, in document order (none of them inside another). */
  roots: Element[];
  /** The body container(s) among `roots`: content added inside them later is annotated too. */
  body: Element[];
  /** True for an element whose subtree is left out (a rail, a share bar, hidden text). */
  rejects(el: Element): boolean;
  /** True when a node added later belongs to the article (inside the body, in no rejected part). */
  admits(node: Node): boolean;
}

/** Roles that never hold article text. */
const NON_CONTENT_ROLES = new Set([
  'navigation',
  'menu',
  'menubar',
  'toolbar',
  'search',
  'banner',
  'contentinfo',
  'complementary',
  'dialog',
  'alertdialog',
  'tablist',
  'button',
]);
/** Elements that never hold article text. */
const NON_CONTENT_TAGS = new Set(['NAV', 'BUTTON', 'DIALOG', 'MENU', 'SELECT', 'LABEL', 'INPUT']);
/** Elements that usually hold no article text, but sometimes wrap a whole page (ASP.NET forms). */
const FURNITURE_TAGS = new Set(['FORM', 'FOOTER', 'ASIDE']);
/**
 * Words in class names and ids that mark page furniture. Not "paywall": it names the story's own
 * text held for subscribers as often as the prompt to subscribe, which has words of its own
 * (subscribe, signup, promo). Matched against whole words of the
 * class/id (split at `-`, `_`, spaces and camel case), so "shadow" is not "ad".
 */
const FURNITURE_WORDS = new Set([
  'nav',
  'navbar',
  'navigation',
  'menu',
  'breadcrumb',
  'breadcrumbs',
  'share',
  'sharing',
  'sharebar',
  'social',
  'related',
  'recommended',
  'recommendations',
  'recirculation',
  'recirc',
  'trending',
  'popular',
  'mostread',
  'newsletter',
  'subscribe',
  'subscription',
  'signup',
  'promo',
  'sponsor',
  'sponsored',
  'ad',
  'ads',
  'advert',
  'advertisement',
  'adslot',
  'dfp',
  'banner',
  'cookie',
  'cookies',
  'consent',
  'gdpr',
  'comment',
  'comments',
  'disqus',
  'footer',
  'sidebar',
  'rail',
  'widget',
  'byline',
  'credit',
  'credits',
  'bylines',
  'author',
  'authors',
  'dateline',
  'timestamp',
  'tags',
  'toolbar',
  'pagination',
  'pager',
  'modal',
  'popup',
  'outbrain',
  'taboola',
  'skip',
  'masthead',
  'offscreen',
  'sronly',
  'visuallyhidden',
  'copyright',
]);
/** Words that say "this is the story" and outweigh furniture words on the same element. */
const CONTENT_WORDS = new Set(['article', 'body', 'content', 'story', 'main', 'entry', 'post', 'text', 'prose']);
/** Pull quotes and captions: kept inside the body even when their markup looks like an aside. */
const QUOTE_WORDS = new Set(['quote', 'pullquote', 'blockquote', 'caption', 'figcaption']);

function splitWords(raw: string): string[] {
  return raw
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The element's class names and id as one string ('' when it has neither). */
function namesOf(el: Element): string {
  const raw = `${el.getAttribute('class') ?? ''} ${el.id}`;
  return raw.length < 2 ? '' : raw;
}

function wordsOf(el: Element): string[] {
  const raw = namesOf(el);
  return raw ? splitWords(raw) : [];
}

/** Two-word names of the "visually hidden" pattern: text for screen readers only. */
const FURNITURE_PAIRS = new Set(['off screen', 'sr only', 'visually hidden', 'screen reader', 'element invisible']);

/**
 * What one class name or id says: 'furniture', 'content' or nothing. A name with words of both
 * kinds is read by its last such word, as an English compound is read by its head
 * ("post-comments" is comments, "comments-content" and "article-body" are the story).
 */
function nameSays(name: string): 'furniture' | 'content' | null {
  const words = splitWords(name);
  let says: 'furniture' | 'content' | null = null;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (i > 0 && FURNITURE_PAIRS.has(`${words[i - 1]} ${w}`)) return 'furniture';
    // "non-ad", "no-sidebar": a word negated is not said.
    if (i > 0 && (words[i - 1] === 'non' || words[i - 1] === 'no')) continue;
    if (CONTENT_WORDS.has(w) || QUOTE_WORDS.has(w)) says = 'content';
    else if (FURNITURE_WORDS.has(w)) says = 'furniture';
  }
  return says;
}

/**
 * Verdicts by class-and-id string while a scope is chosen (`findArticleScope` sets and drops it).
 * A page repeats its class names on thousands of elements: read once per string, the word splitting
 * is not hot enough for V8 to compile it to machine code, which the page would keep.
 */
let namesMemo: Map<string, boolean> | null = null;

/** Furniture by its class or id names, unless one of them says it is the story or a quote. */
export function looksLikeFurniture(el: Element): boolean {
  const raw = namesOf(el);
  if (!raw) return false;
  const known = namesMemo?.get(raw);
  if (known !== undefined) return known;
  const verdict = namesSayFurniture(raw);
  namesMemo?.set(raw, verdict);
  return verdict;
}

function namesSayFurniture(raw: string): boolean {
  let furniture = false;
  for (const name of raw.split(/\s+/)) {
    if (!name) continue;
    const says = nameSays(name);
    if (says === 'content') return false;
    if (says === 'furniture') furniture = true;
  }
  return furniture;
}

/** Never article text, whatever its size: navigation, controls, hidden subtrees. */
function alwaysOut(el: Element, env: ScopeEnv): boolean {
  const tag = el.tagName.toUpperCase();
  if (SKIP.has(tag) || el === env.host) return true;
  if ((el as HTMLElement).isContentEditable) return true;
  if (el.hasAttribute('hidden')) return true;
  const role = el.getAttribute('role');
  if (role && NON_CONTENT_ROLES.has(role)) return true;
  if (NON_CONTENT_TAGS.has(tag)) return true;
  return env.hidden?.(el) === true;
}

/** Furniture by markup: usually right, but a wrapper of the whole story can carry it too. */
function furniture(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  // A pull quote's aside, and a quote's own footer (HTML's place for who spoke), are the story's.
  if (FURNITURE_TAGS.has(tag) && !(tag === 'ASIDE' && isQuote(el)) && !(tag === 'FOOTER' && el.parentElement?.closest('blockquote'))) return true;
  if (el.getAttribute('aria-hidden') === 'true') return true;
  return looksLikeFurniture(el);
}

function isQuote(el: Element): boolean {
  return wordsOf(el).some((w) => QUOTE_WORDS.has(w)) || el.querySelector('blockquote') !== null;
}

interface Stat {
  /** Characters of text in the subtree (whitespace collapsed). */
  text: number;
  /** Of which inside links. */
  link: number;
  /** Readability-style content score gathered from paragraphs below. */
  score: number;
  /** Characters of paragraph-like text (scored blocks) below. */
  good: number;
  /** Paragraph-like blocks below; linked headings; short lines that are all link (teaser titles). */
  paras: number;
  /**
   * Characters of list items that hold a sentence or two (80 characters, mostly unlinked, not cut
   * short): a numbered briefing ("1. <a>Headline</a>. What happened.") is the story's prose. It
   * keeps a list from being pruned, and scores nothing: lists of teasers with a line of summary
   * each, or a story's key points above it, must not draw the body to them.
   */
  listProse: number;
  headlines: number;
  teasers: number;
}

const newStat = (): Stat => ({ text: 0, link: 0, score: 0, good: 0, paras: 0, listProse: 0, headlines: 0, teasers: 0 });

const PARAGRAPHS = new Set(['P', 'PRE', 'BLOCKQUOTE', 'DD', 'LI', 'FIGCAPTION', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'DT', 'TH']);
/**
 * Blocks whose text is scored as a paragraph. List items are not: their prose (`listProse`) only
 * keeps their list in the body.
 */
const SCORED = new Set(['P', 'DIV', 'TD', 'PRE', 'BLOCKQUOTE', 'DD', 'SECTION', 'ARTICLE', 'FIGCAPTION']);

function visibleLength(s: string): number {
  let n = 0;
  let space = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ws = c === 32 || c === 10 || c === 9 || c === 13 || c === 160 || c === 12;
    if (ws) {
      if (!space) n++;
      space = true;
    } else {
      n++;
      space = false;
    }
  }
  return n;
}

function countCommas(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 44 || c === 0xff0c || c === 0x3001 || c === 0x060c) n++;
  }
  return n;
}

interface Gathered {
  stats: Map<Element, Stat>;
  /** Elements left out by rule, seen during the walk (outermost only). */
  out: Set<Element>;
}

/**
 * One walk over `root`: text and link lengths per element, paragraph scores into ancestors.
 * Elements for which `skip` holds are left out with their subtree.
 */
async function gather(root: Element, skip: (el: Element) => boolean, slicer: Slicer): Promise<Gathered> {
  const stats = new Map<Element, Stat>();
  const out = new Set<Element>();
  const blockText = new Map<Element, { block: Element; text: number; link: number; commas: number; last: string; linked: boolean }>();
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, 0x1 | 0x4, {
    acceptNode(n) {
      if (n.nodeType !== 1) return 1;
      if (skip(n as Element)) {
        out.add(n as Element);
        return 2;
      }
      // Accepted, not skipped: every element ends a `nextNode()` call, so the loop can pause.
      return 1;
    },
  });
  let i = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if ((++i & 63) === 0) await slicer.tick();
    if (n.nodeType !== 3) continue;
    const data = (n as Text).data;
    const len = visibleLength(data);
    if (!len) continue;
    let block: Element | null = null;
    let inLink = false;
    for (let e = n.parentElement; e && e !== root.parentElement; e = e.parentElement) {
      const tag = e.tagName.toUpperCase();
      if (tag === 'A') inLink = true;
      if (BLOCK.has(tag)) {
        block = e;
        break;
      }
    }
    if (!block) block = root;
    let b = blockText.get(block);
    if (!b) {
      // A whole block inside a link (a teaser card wrapped in <a>) is link text throughout.
      b = { block, text: 0, link: 0, commas: 0, last: '', linked: block.parentElement?.closest('a') != null };
      blockText.set(block, b);
    }
    b.text += len;
    if (inLink || b.linked) b.link += len;
    b.commas += countCommas(data);
    if (data.trim()) b.last = data.trim();
  }
  // Blocks into their ancestors: lengths everywhere, scores to the nearest five levels.
  let j = 0;
  // Each entry names its block: destructuring `[block, b]` here made V8 compile a second iterator
  // protocol into this hot function's machine code.
  for (const b of blockText.values()) {
    if ((++j & 63) === 0) await slicer.tick();
    const block = b.block;
    const tag = block.tagName.toUpperCase();
    const density = b.text ? b.link / b.text : 0;
    const para = SCORED.has(tag) && b.text >= 25 && density < 0.5;
    // A list item cut short ("… may soon...") is a teaser's excerpt of another page, not prose.
    const listProse = tag === 'LI' && b.text >= 80 && density < 0.5 && !b.last.endsWith('...') && !b.last.endsWith('…') ? b.text - b.link : 0;
    // A story teaser's title: a linked heading, or a short line that is all link.
    const teaser = density > 0.6 && (HEADINGS.has(tag) || b.text < 150);
    const headline = density > 0.6 && HEADINGS.has(tag);
    const score = para ? 1 + Math.min(b.commas, 3) + Math.min(Math.floor(b.text / 100), 3) : 0;
    // Text straight inside a container (a <div> of lines split by <br>) scores the container itself.
    let level = PARAGRAPHS.has(tag) ? 0 : 1;
    for (let e: Element | null = block; e; e = e.parentElement) {
      let s = stats.get(e);
      if (!s) {
        s = newStat();
        stats.set(e, s);
      }
      s.text += b.text;
      s.link += b.link;
      s.listProse += listProse;
      if (para) {
        s.good += b.text - b.link;
        s.paras++;
        if (level >= 1) s.score += level === 1 ? score : level === 2 ? score / 2 : level <= 5 ? score / (level * 3) : 0;
      }
      if (teaser) s.teasers++;
      if (headline) s.headlines++;
      if (e === root) break;
      level++;
    }
  }
  return { stats, out };
}

function linkDensity(s: Stat | undefined): number {
  return s?.text ? s.link / s.text : 0;
}

/** The element the page declares as its article body, if any (schema.org microdata). */
function declaredBody(doc: Document): Element | null {
  return doc.querySelector('[itemprop~="articleBody"], [itemprop~="articlebody"]');
}

/** A candidate's worth: paragraph score, less for link text and for lists of story teasers. */
function worthOf(s: Stat): number {
  const teaserPenalty = s.teasers >= 3 ? 1 / (1 + (s.teasers - 2) * 0.5) : 1;
  return s.score * (1 - linkDensity(s)) * teaserPenalty;
}

/** Prose in an element, less its other text and a toll per linked heading (a teaser). */
function net(s: Stat | undefined): number {
  return s ? s.good - (s.text - s.good) - 150 * s.headlines : Number.NEGATIVE_INFINITY;
}

/** The best-scored element: the container of the densest prose, before any widening. */
async function bestScored(stats: Map<Element, Stat>, declared: Element | null, slicer: Slicer): Promise<{ top: Element | null; best: number }> {
  let top: Element | null = null;
  let best = 0;
  await eachStat(
    stats,
    (el, s) => {
      if (s.score <= 0) return;
      const v = el === declared ? worthOf(s) * 1.5 : worthOf(s);
      if (v > best) {
        best = v;
        top = el;
      }
    },
    slicer,
  );
  return { top, best };
}

/** Candidates other than `top` worth at least `floor`. */
async function strongOthers(stats: Map<Element, Stat>, top: Element, floor: number, slicer: Slicer): Promise<Element[]> {
  const strong: Element[] = [];
  await eachStat(stats, (el, s) => el !== top && worthOf(s) >= floor && strong.push(el), slicer);
  return strong;
}

/**
 * `visit` for every element's stat, 512 at a time between pauses. One small loop for every pass over
 * the stats: a loop with an await inside each caller made each of them (and `pickTop` around one)
 * hot enough for V8 to compile it whole, to baseline code the page keeps.
 */
async function eachStat(stats: Map<Element, Stat>, visit: (el: Element, s: Stat) => unknown, slicer: Slicer): Promise<void> {
  const entries = stats.entries();
  for (;;) {
    for (let k = 0; k < 512; k++) {
      const r = entries.next();
      if (r.done) return;
      visit(r.value[0], r.value[1]);
    }
    await slicer.tick();
  }
}

async function pickTop(stats: Map<Element, Stat>, declared: Element | null, slicer: Slicer): Promise<Element | null> {
  let { top, best } = await bestScored(stats, declared, slicer);
  if (!top) return null;
  // Several strong candidates under one ancestor (a body split in columns): take the ancestor.
  const strong = await strongOthers(stats, top, best * 0.75, slicer);
  if (strong.length >= 2) {
    for (let a = top.parentElement; a && a.tagName.toUpperCase() !== 'BODY'; a = a.parentElement) {
      const shared = strong.filter((el) => a?.contains(el)).length;
      if (shared >= 2) {
        top = a;
        break;
      }
    }
  }
  // The scored paragraphs sit deep or are split: among the top's ancestors, take the one with the
  // most prose net of everything else it holds (links, short lines, story teasers).
  let bestNet = net(stats.get(top));
  for (let p = top.parentElement; p && p.tagName.toUpperCase() !== 'BODY'; p = p.parentElement) {
    const n = net(stats.get(p));
    if (n > bestNet) {
      bestNet = n;
      top = p;
    }
  }
  return top;
}

/** The top candidate and the siblings that continue it (a body split in several containers). */
function withSiblings(top: Element, stats: Map<Element, Stat>, skip: (el: Element) => boolean): Element[] {
  const parent = top.parentElement;
  const ts = stats.get(top);
  if (!parent || !ts) return [top];
  const topValue = worthOf(ts);
  const threshold = Math.max(10, topValue * 0.2);
  const cls = top.getAttribute('class');
  const out: Element[] = [];
  // Sibling by sibling rather than `parent.children`: each HTMLCollection Blink makes stays cached on its element.
  for (let sib = parent.firstElementChild; sib; sib = sib.nextElementSibling) {
    if (sib === top) {
      out.push(sib);
      continue;
    }
    if (skip(sib)) continue;
    const s = stats.get(sib);
    if (!s) continue;
    const ld = linkDensity(s);
    let v = worthOf(s);
    if (cls && sib.getAttribute('class') === cls) v += topValue * 0.2;
    const tag = sib.tagName.toUpperCase();
    const paragraph = tag === 'P' && ((s.text > 80 && ld < 0.25) || (s.text > 0 && ld === 0 && /[.!?"”]\s*$/.test(sib.textContent ?? '')));
    if (v >= threshold || paragraph) out.push(sib);
  }
  return out;
}

const PRUNABLE = new Set(['UL', 'OL', 'DL', 'DIV', 'SECTION', 'TABLE', 'HEADER', 'ASIDE', 'FIGURE', 'NAV', 'FORM']);

/**
 * A block of a few words that is not a heading and ends no sentence: "Share", "Advertisement",
 * "Photo: AP", a date, a count. Prose and subheadings are never this short and bare. Its text is
 * read without a script's or a style's source (an ad slot's label beside the slot's script), but
 * with its hidden parts: a sentence with its rest hidden now is still a sentence.
 */
const CRUMB_TAGS = new Set(['P', 'DIV', 'SECTION', 'HEADER', 'FIGURE', 'ASIDE', 'ADDRESS']);

function isCrumb(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  // Table cells and list items are short by nature; headings are short and belong. The cheap
  // tests first: most elements met here are not crumbs.
  if (!CRUMB_TAGS.has(tag) || hasBlockChild(el)) return false;
  let text = el.textContent ?? '';
  // Only text this long can hold a script's source worth leaving out: the walk is for those few.
  if (text.length >= 30) text = keptText(el, skipped);
  text = text.replace(/\s+/g, ' ').trim();
  if (text.length >= 30 || /[.!?。！？:"”»)]$/.test(text)) return false;
  return wordCount(text) < 4;
}

/** A script, a style or another element whose text is never read (`SKIP`). */
function skipped(el: Element): boolean {
  return SKIP.has(el.tagName.toUpperCase());
}

/**
 * A block child other than a spacer: a line stays a line beside a float's clearfix (an empty block
 * named "clear…": "<div><span>Published:</span> 19 November 2019<div class=clear></div></div>"), a
 * rule or a break. Any other empty block may be where the page puts content later (a live blog's
 * entries), so a line beside one is no line of its own.
 */
function hasTextBlock(el: Element): boolean {
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
    const tag = c.tagName.toUpperCase();
    if (!BLOCK.has(tag) || tag === 'BR' || tag === 'HR') continue;
    if (/\S/.test(c.textContent ?? '') || !clearing(c)) return true;
  }
  return false;
}

/** An empty block named for clearing floats ("clear", "clearfix", "clear-both"), or styled so inline ("clear: both"). */
function clearing(el: Element): boolean {
  return el.firstElementChild === null && (wordsOf(el).some((w) => w.startsWith('clear')) || CLEAR_STYLE.test(el.getAttribute('style') ?? ''));
}
const CLEAR_STYLE = /(?:^|;)\s*clear\s*:\s*(?:both|left|right)\b/i;

/** Letters of the scripts written without spaces between words: Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar, Tibetan. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/gu;

/**
 * About how many words a line holds: its space-separated runs, plus one word for every three
 * letters of a script written without spaces, so that a short Japanese sentence
 * ("ショートカットタブを開き、ショートカットの欄を") is not read as one word.
 */
export function wordCount(text: string): number {
  const unspaced = text.match(UNSPACED)?.length ?? 0;
  return text.trim().split(/\s+/).length + Math.floor(unspaced / 3);
}

/**
 * A line that carries no prose, whatever its markup: a web address, a date or time ("Nov. 20,
 * 2019Updated: 1:35 a.m.", "First Published: Tuesday, November 19, 2019 08:38 AM"), a byline ("By Justine Coleman - 11/18/19"). Calendar words come from the platform (Intl);
 * without a page language, English ones, built on first use (calendarWords caches them).
 */
export function isFurnitureLine(raw: string, calendar: Calendar = calendarWords('en')): boolean {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (!text || text.length > 160) return false;
  if (ADDRESS_LINE.test(text) || isAddressList(text)) return true;
  // A copyright notice: "© 2019 Example Media", "Copyright 2019 …", "… All rights reserved."
  if (/^(©|\(c\)\s*\d|copyright\b)/i.test(text) || /©\s*\d{4}|\ball rights reserved\b/i.test(text)) return true;
  // A line of metadata fields ("05/10/2018 - Posted by: Jo Smith - Section: Health - Tags: a b",
  // "PUBLISHED: 19 November 2019 | UPDATED: 20 November 2019"): every part between separators a
  // date or a short "Label: value" field. The fields' labels are the page's own words, so no list
  // of them is needed; a sentence with a colon in it ends a sentence or runs longer.
  if (!SENTENCE_END.test(text) && isFieldLine(text, calendar)) return true;
  const words = text.split(' ');
  if (words.length > 14) return false;
  const endsSentence = SENTENCE_END.test(text) && !/\b[ap]\.m\.$/i.test(text);
  // A line that ends a sentence is prose, whatever dates it names ("Khan resigned by Friday, 5 May 2019.").
  if (!endsSentence && words.length <= 12 && isDateLine(text, calendar)) return true;
  // A byline and a date in one line ("By Jo Smith, Wednesday, 20 November 2019 08:05 GMT",
  // "5:45 AM PST 11/19/2019 by Jo Smith"): the date once the byline is taken out.
  const rest = text.replace(BYLINE_PART, ' ').replace(/^[\s,|·•–—-]+|[\s,|·•–—-]+$/g, '');
  if (!endsSentence && rest !== text && rest && isDateLine(rest, calendar)) return true;
  if (words.length > 12 || endsSentence || text.length > 80) return false;
  // "By Name …"
  return /^by\s\p{Lu}/iu.test(text) && /^\p{Lu}/u.test(words[1] ?? '') && words.length <= 8;
}

/** A web address written out: a scheme or "www." and what follows up to a space. */
const WEB_ADDRESS = /(?:https?:\/\/|www\.)\S+/gi;
/** A line that is one web address and nothing else. */
const ADDRESS_LINE = new RegExp(`^${WEB_ADDRESS.source}$`, 'i');
/** A label before an address: one to three words and a colon ("Listen:", "Apple Podcasts:"). */
const ADDRESS_LABEL = /^\p{L}[\p{L}\p{N}'’-]*(?: [\p{L}\p{N}'’-]+){0,2} ?[:：]$/u;

/**
 * Web addresses with at most a short label each ("Listen: https://… Download: https://…"): where
 * to find the story elsewhere, not a sentence of it. A sentence around an address has more words
 * than a label.
 */
function isAddressList(text: string): boolean {
  const addresses = text.match(WEB_ADDRESS);
  if (!addresses) return false;
  return text
    .split(WEB_ADDRESS)
    .map((p) => p.trim())
    .every((p) => !p || ADDRESS_LABEL.test(p));
}

/**
 * "By" and one to four capitalised words of a name: at the start of a line, after a separator
 * (, | · – — or a spaced hyphen) or after a date's end (a digit, a code such as PM or EST), never
 * after a word of a sentence ("resigned by Friday").
 */
const BYLINE_PART = /(?:^|(?:[,|·•–—]|\s-)\s*|(?<=\d|\b\p{Lu}{2,4})\s+)[Bb]y\s+(?:\p{Lu}[\p{L}.'’-]*,?(?:\s+|$)){1,4}/u;

/** Separators between the fields of a metadata line: a bar, a middle dot, a bullet, a dash set in spaces. */
const FIELD_SEPARATOR = /\s[|·•–—-]\s|\s?[|·•]\s?/;
/**
 * "Label: value": a label of at most three words ("Posted by", "Last updated on"), a value of at
 * most five (a name, a section) or a date; a longer value is a sentence after a colon.
 */
const FIELD = /^([\p{L}][\p{L}.'’ ]{0,30}):\s*(.+)$/u;

function isFieldLine(text: string, calendar: Calendar): boolean {
  const parts = text
    .split(FIELD_SEPARATOR)
    .map((p) => p.trim())
    .filter(Boolean);
  let fields = 0;
  let dates = 0;
  for (const part of parts) {
    const m = FIELD.exec(part);
    if (m && m[1].trim().split(' ').length <= 3) {
      const value = m[2].trim();
      const date = isDateLine(value, calendar);
      if (value.split(' ').length <= 5 || date) {
        fields++;
        if (date) dates++;
        continue;
      }
      return false;
    }
    if (!isDateLine(part, calendar)) return false;
    dates++;
  }
  // A date in it, as a part or a field's value, makes it the story's metadata; fields without one
  // are a results line or an exchange ("Winner: Ana Ruiz | Second: Jo Smith"), and name people.
  // One field alone is a field only when its value is a date ("Updated on: 19 November 2019 10:07").
  if (fields === 1 && parts.length === 1) return /\d/.test(text) && isDateLine(FIELD.exec(text)?.[2] ?? '', calendar);
  return fields >= 1 && dates >= 1;
}

/**
 * A date or time: digits, calendar words of the page's language and short codes (AM, EST), at
 * most two other words ("sexta-feira, 22 de outubro de 2010 às 20:13", "24 сентября 2018").
 */
function isDateLine(text: string, calendar: Calendar): boolean {
  if (!/\d/.test(text) || text.length > 80) return false;
  const dated = YEAR.test(text) || /\d:\d\d|\d\/\d/.test(text) || (text.match(/\p{L}+/gu) ?? []).some((w) => calendar.names.has(foldWord(w.toLowerCase())));
  const other = (text.match(/\p{L}{2,}/gu) ?? []).filter((w) => !calendar.words.has(foldWord(w.toLowerCase())) && !/^\p{Lu}{2,3}$/u.test(w));
  if (dated && other.length <= 2) return true;
  // A year and a clock time in a short line is a timestamp in any language, even when the page
  // does not say which ("segunda-feira, 22 de janeiro de 2018 às 0:13" on a page without `lang`).
  // It ends with the time, or with the year after a colon time ("10:30, 12 March 2019"), then at
  // most two codes (PM, GMT) or calendar words: a sentence naming both runs on.
  // Eight words hold the longest spelt-out date-time ("sexta-feira, 22 de outubro de 2010 às
  // 20:13"), and too few for a sentence with a subject, a verb and both numbers.
  if (!YEAR.test(text) || wordCount(text) > 8) return false;
  const clocks = [...text.matchAll(CLOCK)];
  if (clocks.length === 0) return false;
  const lastClock = clocks[clocks.length - 1];
  const lastYear = [...text.matchAll(YEARS)].pop();
  const end =
    lastYear && (lastYear.index ?? 0) > (lastClock.index ?? 0) && clocks.some((c) => c[0].includes(':'))
      ? (lastYear.index ?? 0) + lastYear[0].length
      : (lastClock.index ?? 0) + lastClock[0].length;
  const after = text.slice(end).match(/\S+/g) ?? [];
  return after.length <= 2 && after.every((w) => TIME_WORD.test(w) || calendar.words.has(foldWord(w.replace(/[.,]+$/, '').toLowerCase())));
}

/** A year of the last two centuries or this one ("1998", "2019"). */
const YEAR = /\b(1[89]|20)\d\d\b/;
const YEARS = new RegExp(YEAR.source, 'g');
/** A clock time, not part of a dotted date ("03.10.2019") or a longer number ("1.250"). */
const CLOCK = /(?<![\d.,])\d{1,2}[:h.]\d\d(?![.,:]?\d)/g;
/** What follows a time: a zone or period code in capitals (GMT, PM), or a.m./p.m. */
const TIME_WORD = /^(?:\p{Lu}{1,4}|[ap]\.?m\.?)[.,]?$/u;

/**
 * A picture's credit rather than its caption: "Photo: Jo Smith, AP", "Image copyright", "Photo by
 * Jo Smith/Agency", "Jo Smith/The Daily Example". A credit is a byline for a picture: a short line
 * that ends no sentence and either names itself (photo, image, picture, credit, source followed by
 * ":", "by", "copyright", "caption" or "credit") or names a person and an agency joined by "/",
 * in capitalised words.
 */
export function isCreditLine(raw: string): boolean {
  // A credit set in brackets after its caption ("(Image: Agency)", "[Photo: Jo Smith]") reads the
  // same without them: one bracketed group, with no bracket inside ("(Photo: AP) A caption (left)" is two).
  const text = raw
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\(\s*([^()[\]]*?)\s*\)$|^\[\s*([^()[\]]*?)\s*\]$/, '$1$2');
  if (!text || text.length > 100 || SENTENCE_END.test(text)) return false;
  const words = text.split(' ');
  if (words.length > 10) return false;
  if (/^(photo(graph)?s?|images?|pictures?|credits?|source)\s*(:|by\b|copyright\b|caption\b|credits?\b)/i.test(text)) return true;
  if (!/\p{Lu}[\p{L}.'’-]*\s?\/\s?\p{Lu}/u.test(text)) return false;
  const lettered = words.filter((w) => /\p{L}/u.test(w));
  const named = lettered.filter((w) => /^[\p{Lu}(]/u.test(w) || /\/\s?\p{Lu}/u.test(w)).length;
  return named >= lettered.length * 0.7;
}

/**
 * A link set between blocks as a block of its own, with no words of a sentence beside it, to
 * another page of the same site: a teaser card ("<a><span>Also on this site</span><span>Another
 * headline</span></a>") or a "Read more" line, the inline twin of a block that is only a link. A
 * link to another site (a source, a share button around a quote) and a picture's link that holds its
 * caption stay.
 */
function isLoneLink(el: Element, site: Set<string>): boolean {
  const parent = el.parentElement;
  if (el.tagName.toUpperCase() !== 'A' || !parent) return false;
  // Its siblings first: a link in a sentence has words right beside it, found in a step or two.
  if (!betweenBlocks(el.previousSibling, 'previousSibling') || !betweenBlocks(el.nextSibling, 'nextSibling')) return false;
  // A list item's or a definition's name over its sub-list, a quote's attribution: the item's own words.
  if (LINK_HOLDERS.has(parent.tagName.toUpperCase()) || parent.closest('blockquote')) return false;
  // A linked line over the paragraph or list it introduces (a briefing's leads, an outline) is a
  // heading of the story; a card of parts (a label and a title) is a teaser wherever it stands.
  const next = nextElement(el);
  if (next && introduced(next) && !ofParts(el)) return false;
  if (!hasBlockChild(parent)) return false;
  if (!(el.textContent ?? '').trim() || isCaption(el) || el.querySelector('figcaption, [class*="caption" i]')) return false;
  const url = (el as HTMLAnchorElement).href;
  if (!url) return false;
  try {
    const to = new URL(url);
    const here = new URL(el.ownerDocument.URL);
    // Only pages of the web, on a page of the web: on a saved file every host is "", and a mail or
    // script link is no page at all.
    if (!WEB.has(here.protocol) || !WEB.has(to.protocol)) return false;
    const host = siteHost(to);
    // A link within this page ("#top", "#comments") is no other page.
    if (to.pathname === here.pathname && host === siteHost(here)) return false;
    return site.has(host);
  } catch {
    return false;
  }
}

/** Parents whose own words a link may be: a list item, a definition, a term. */
const LINK_HOLDERS = new Set(['LI', 'DD', 'DT', 'BLOCKQUOTE']);
/** Blocks a linked lead introduces when set right before them. */
const INTRODUCED = new Set(['P', 'UL', 'OL', 'DL', 'BLOCKQUOTE']);
/** Boxes a linked lead introduces when their first text is prose (a person's bio, a live post's body). */
const INTRODUCED_BOXES = new Set(['DIV', 'SECTION']);

/** A block a linked line right before it introduces: a paragraph, a list, a quote, or a box that opens with prose. */
function introduced(next: Element): boolean {
  const tag = next.tagName.toUpperCase();
  if (INTRODUCED.has(tag)) return true;
  if (!INTRODUCED_BOXES.has(tag)) return false;
  // Its first words: in a paragraph, or a line of its own that is a sentence rather than a link or a label.
  const walker = next.ownerDocument.createTreeWalker(next, 4);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!/\S/.test((n as Text).data)) continue;
    const holder = n.parentElement;
    if (!holder || holder.closest('a')) return false;
    if (holder.closest('p') && next.contains(holder.closest('p'))) return true;
    const line = (holder.textContent ?? '').replace(/\s+/g, ' ').trim();
    return wordCount(line) >= 6 || SENTENCE_END.test(line);
  }
  return false;
}
const WEB = new Set(['http:', 'https:']);

/**
 * Parts side by side, each in an element of its own, and no words between them ("<a><span>Also on
 * this site</span><span>A headline</span></a>"), below any wrappers of one child: a card, not a line.
 */
function ofParts(el: Element): boolean {
  for (let box: Element | null = el; box && !ownWords(box); ) {
    let parts = 0;
    let only: Element | null = null;
    for (let c: Element | null = box.firstElementChild; c; c = c.nextElementSibling)
      if (/\S/.test(c.textContent ?? '')) {
        parts++;
        only = c;
      }
    // Inline parts with text between them read as one line ("<strong>Cora Dale wins.</strong>
    // <span>A seat on the council</span>", as an editor writes a sentence); a card's parts are laid
    // out apart: as blocks, or with nothing between them.
    if (parts >= 2) return !spacedInline(box);
    // One part with text (beside an empty picture box): look inside it.
    box = only;
  }
  return false;
}

/**
 * Inline elements with text between them (a space at least) right inside `box`: they read as one
 * line. Where the markup breaks its lines says nothing of the layout, so a line break counts as a
 * space here; only the page's styles can set such parts on lines of their own.
 */
function spacedInline(box: Element): boolean {
  for (let n = box.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== 3 || !(n as Text).data || !n.previousSibling || !n.nextSibling) continue;
    const before = n.previousSibling;
    const after = n.nextSibling;
    if (
      before.nodeType === 1 &&
      after.nodeType === 1 &&
      !BLOCK.has((before as Element).tagName.toUpperCase()) &&
      !BLOCK.has((after as Element).tagName.toUpperCase())
    )
      return true;
  }
  return false;
}

/** Words in a text node right inside `el`. */
function ownWords(el: Element): boolean {
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 3 && /\S/.test((n as Text).data)) return true;
  return false;
}

/** The next element sibling, past blank text and comments; none when words come first. */
function nextElement(el: Element): Element | null {
  for (let n = el.nextSibling; n; n = n.nextSibling) {
    if (n.nodeType === 1) return n as Element;
    if (n.nodeType === 3 && /\S/.test((n as Text).data)) return null;
  }
  return null;
}

/** An address's host as a site names itself: "www.example.org" and "example.org" are one site. */
function siteHost(url: URL): string {
  return url.host.replace(/^www\./, '');
}

/** The hosts the page says it lives on: its own address's, and its canonical address's (a saved or proxied copy). */
function siteHosts(doc: Document): Set<string> {
  const hosts = new Set<string>();
  const add = (url: string | null | undefined) => {
    try {
      if (url) hosts.add(siteHost(new URL(url, doc.baseURI)));
    } catch {}
  };
  add(doc.URL);
  add(doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href'));
  return hosts;
}

/**
 * From `n` on in one direction, the first sibling that is not blank text or a comment is a block,
 * or there is none. A `<br>` is a line break inside prose, not a block.
 */
function betweenBlocks(n: ChildNode | null, step: 'previousSibling' | 'nextSibling'): boolean {
  for (; n; n = n[step]) {
    if (n.nodeType === 3 && !/\S/.test((n as Text).data)) continue;
    if (n.nodeType === 8) continue;
    if (n.nodeType !== 1) return false;
    const tag = (n as Element).tagName.toUpperCase();
    return tag !== 'BR' && BLOCK.has(tag);
  }
  return true;
}

/**
 * schema.org properties that say who made or published a work and when: the article's byline and
 * dateline, when the article's own item says so (`itemprop="datePublished"`), in the vocabulary's
 * own names, whatever the page's language. Another item's (a book's author, a reviewed claim's, a
 * quotation's) is a name the story tells of.
 */
const BYLINE_PROPS = new Set([
  'author',
  'creator',
  'publisher',
  'copyrightholder',
  'copyrightyear',
  'datepublished',
  'datemodified',
  'datecreated',
  'uploaddate',
]);
/** Properties that give a file's address or size: whatever item they belong to, an address or a number is no prose. */
const ADDRESS_PROPS = new Set(['url', 'contenturl', 'thumbnailurl', 'logo']);
const SIZE_PROPS = new Set(['width', 'height']);
/** The schema.org types of a page's own story: Article and its kinds (NewsArticle, Report, …), a post, a web page. */
const OWN_ITEM = /(?:Article|Posting|Report|WebPage)$/;
/** Properties that make an article item the page's main story inside another item (a blog's post, a page's main entity). */
const MAIN_PROPS = new Set(['mainentity', 'blogpost', 'blogposts']);

/**
 * An element whose microdata property is metadata: an address or a size written out, or a byline or
 * dateline of the page's own article that stands as a line of its own, short, with nothing but
 * other such lines or separators beside it (never a name inside a sentence).
 */
function isMetadataProp(el: Element): boolean {
  const prop = el.getAttribute('itemprop');
  if (!prop) return false;
  let byline = false;
  for (const p of prop.toLowerCase().split(/\s+/)) {
    if (ADDRESS_PROPS.has(p) || SIZE_PROPS.has(p)) {
      const text = (el.textContent ?? '').trim();
      if (text.length <= 300 && (SIZE_PROPS.has(p) ? letterless(text) : ADDRESS_LINE.test(text))) return true;
    } else if (BYLINE_PROPS.has(p)) byline = true;
  }
  if (!byline) return false;
  const text = (el.textContent ?? '').trim();
  if (text.length > 160 || !standsApart(el, text.length)) return false;
  // In a picture's caption (not a quote's), who holds the picture's rights or made it is its credit,
  // when the property is the picture's own: a painting's creator or a book's author in its cover's
  // caption is a name the story tells of.
  return ownItem(el) || (pictureItem(el) && isCaption(el) && !el.closest('blockquote') && !el.closest('figure')?.querySelector('blockquote'));
}

/** schema.org types of a picture or other media file: whose creator or rights holder is its credit. */
const MEDIA_ITEM = /(?:ImageObject|Photograph|MediaObject|VideoObject)$/;

/** The nearest item around `el` is a picture's (or a video's) own. */
function pictureItem(el: Element): boolean {
  const item = el.parentElement?.closest('[itemscope]');
  return !!item && ofType(item, MEDIA_ITEM);
}

/**
 * The nearest item around `el` is the page's own story: an item of an article's type that is no
 * property of another, or only its main one (a blog's post).
 */
function ownItem(el: Element): boolean {
  const item = el.parentElement?.closest('[itemscope]');
  if (!item) return false;
  const prop = item.getAttribute('itemprop');
  if (
    prop &&
    !prop
      .toLowerCase()
      .split(/\s+/)
      .every((p) => MAIN_PROPS.has(p))
  )
    return false;
  return ofType(item, OWN_ITEM);
}

/** One of the item's schema.org types (`itemtype` may list several) matches `type`. */
function ofType(item: Element, type: RegExp): boolean {
  return (item.getAttribute('itemtype') ?? '').split(/\s+/).some((t) => type.test(t));
}

/**
 * A short element set as a line of its own: it, or the inline wrapper holding only it, has beside it
 * up to the nearest block only blank text, separators ("·", "|"), line breaks and other microdata properties.
 */
function standsApart(el: Element, length: number): boolean {
  let e = el;
  for (let p = e.parentElement; p && !BLOCK.has(p.tagName.toUpperCase()) && (p.textContent ?? '').trim().length === length; p = p.parentElement) e = p;
  return apartFrom(e.previousSibling, 'previousSibling') && apartFrom(e.nextSibling, 'nextSibling');
}

function apartFrom(n: ChildNode | null, step: 'previousSibling' | 'nextSibling'): boolean {
  for (; n; n = n[step]) {
    if (n.nodeType === 3) {
      if (/[\p{L}\p{N}]/u.test((n as Text).data)) return false;
      continue;
    }
    if (n.nodeType !== 1) continue;
    const sib = n as Element;
    const tag = sib.tagName.toUpperCase();
    if (tag !== 'BR' && BLOCK.has(tag)) return true;
    if (tag === 'BR' || SKIP.has(tag) || sib.hasAttribute('itemprop') || !/\S/.test(sib.textContent ?? '')) continue;
    return false;
  }
  return true;
}

/** Inline elements that may hold a picture's credit set apart in its caption. */
const CREDIT_INLINE = new Set(['SPAN', 'CITE', 'SMALL', 'EM', 'I']);

/**
 * A picture's credit in an inline element of its own: a credit line inside a caption ("<span>(Image:
 * Agency)</span>", "<cite>Jo Smith/Agency</cite>"), a short part of a caption named as its source
 * ("<span class=source>Agency</span>"), or a `<cite>` or `<small>` set in a figure of a
 * picture beside its caption rather than in it, a short line that ends no sentence ("<cite>Example
 * Survey</cite>" under a chart): HTML's elements for a work's source and for side notes, where the
 * figure's caption is `<figcaption>`. A pull quote's `<cite>` (a figure of a quote, no picture) stays.
 */
function isInlineCredit(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  if (!CREDIT_INLINE.has(tag)) return false;
  // The text first (a credit is short, and most inline elements are words of a sentence), then
  // where the element sits.
  const text = el.textContent ?? '';
  if (text.length > 200) return false;
  const line = text.replace(/\s+/g, ' ').trim();
  const short = line.length > 0 && line.length <= 100 && wordCount(line) <= 10 && !SENTENCE_END.test(line);
  // A short part of a caption whose own class or id names it the picture's source ("<span
  // class=source>Agency</span>"), as "credit" names furniture everywhere.
  const credit = isCreditLine(text) || (short && namedSource(el));
  if ((!credit && tag !== 'CITE' && tag !== 'SMALL') || hasBlockChild(el) || !isCaption(el)) return false;
  // A quote's attribution, in the quote, beside it or in a figure that holds it (a pull quote, with
  // or without a headshot), names who spoke.
  const figure = el.closest('figure');
  if (el.closest('blockquote') || (figure ?? el.parentElement)?.querySelector('blockquote')) return false;
  if (credit) return true;
  if (!figure || el.closest('figcaption') || !short || !figure.querySelector('img, picture, video')) return false;
  // Beside the figure's caption, not in place of one: a figure without a <figcaption> has its
  // caption in this very element.
  const caption = figure.querySelector('figcaption');
  return caption !== null && /\S/.test(caption.textContent ?? '');
}

/** Class and id words that name a caption's part as the picture's source. */
const SOURCE_WORDS = new Set(['source', 'attribution']);

/** Named as a source, and not also as the caption it may wrap ("caption-source" holds both). */
function namedSource(el: Element): boolean {
  if (!namesOf(el)) return false;
  const words = wordsOf(el);
  return words.some((w) => SOURCE_WORDS.has(w)) && !words.some((w) => w === 'caption' || w === 'figcaption');
}

/** No letter at all: a number, a price, a percentage, a code. It carries no name and no prose. */
function letterless(text: string): boolean {
  return !/\p{L}/u.test(text);
}

/** Blocks that hold a line of their own: table cells and list items too. */
const OWN_LINE_TAGS = new Set(['P', 'DIV', 'SECTION', 'HEADER', 'FIGURE', 'ASIDE', 'ADDRESS', 'FIGCAPTION', 'TD', 'TH', 'LI', 'DT', 'DD']);

/** Blocks and inline elements that may hold a whole line of their own. */
const LINE_TAGS = new Set([...CRUMB_TAGS, 'FIGCAPTION']);
/** Blocks compared for repeats when they are captions (shown again under each picture of a gallery). */
const REPEATABLE = new Set(['P', 'FIGCAPTION', 'DIV', 'LI']);

/** A caption: a figure's, or a block whose own class or id, or a near wrapper's (up to three levels, as in `div.caption > div.caption-full > p`), says so. */
function isCaption(el: Element): boolean {
  if (el.tagName.toUpperCase() === 'FIGCAPTION' || el.closest('figure') !== null) return true;
  let e: Element | null = el;
  for (let up = 0; e && up < 4; up++, e = e.parentElement) if (wordsOf(e).some((w) => w === 'caption' || w === 'figcaption')) return true;
  return false;
}

/**
 * The same caption again: equal to one seen, or a shortened copy of it (a "… more" teaser of the
 * full caption, shown or hidden by the page's script), so that the two share a start that is most
 * of the shorter one.
 */
export function repeatsCaption(text: string, seen: string[]): boolean {
  for (const s of seen) {
    if (s === text) return true;
    const shorter = Math.min(s.length, text.length);
    if (shorter < 40) continue;
    let k = 0;
    while (k < shorter && s.charCodeAt(k) === text.charCodeAt(k)) k++;
    if (k >= shorter * 0.8) return true;
  }
  return false;
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Inline elements that may stand as a line of their own (a date, a byline). */
const LONE_INLINE = new Set(['TIME', 'SPAN', 'SMALL']);

/** What `standsAlone` needs of a parent, read once per pruning walk however many inline children it has. */
interface ParentLine {
  blocks: boolean;
  text: number;
}

/** An inline element that is a line of its own: all its parent holds, or set among blocks. */
function standsAlone(el: Element, stats: Map<Element, Stat>, parents: Map<Element, ParentLine>): boolean {
  const parent = el.parentElement;
  if (!parent) return false;
  let line = parents.get(parent);
  if (!line) {
    const blocks = hasBlockChild(parent);
    line = { blocks, text: blocks ? 0 : (stats.get(parent)?.text ?? visibleLength(parent.textContent ?? '')) };
    parents.set(parent, line);
  }
  if (line.blocks) return true;
  const own = visibleLength(el.textContent ?? '');
  return own <= 160 && line.text <= own + 1;
}

/**
 * Blocks of prose a link card may be set in, and the most text such a block holds to be looked
 * into: a long paragraph is 1,000–2,000 characters; a block longer than 3,000 is a container of
 * paragraphs, whose cards are not set in a sentence.
 */
const SENTENCE_BLOCKS = new Set(['P', 'LI', 'DD', 'BLOCKQUOTE']);
const SENTENCE_BLOCK_MAX = 3000;

/**
 * The text length of the paragraph an inline element sits in, or 0 when it sits in another block
 * (a layout wrapper, a long container): only there is a card looked for. The answer is kept for
 * each element passed on the way up (`memo`), so the inline elements of a paragraph, however deep,
 * walk up to it once between them.
 */
function sentenceTextOf(el: Element, stats: Map<Element, Stat>, memo: Map<Element, number>): number {
  const path: Element[] = [];
  let found = 0;
  for (let e = el.parentElement; e; e = e.parentElement) {
    const known = memo.get(e);
    if (known !== undefined) {
      found = known;
      break;
    }
    path.push(e);
    if (!BLOCK.has(e.tagName.toUpperCase())) continue;
    const text = stats.get(e)?.text ?? 0;
    found = SENTENCE_BLOCKS.has(e.tagName.toUpperCase()) && text <= SENTENCE_BLOCK_MAX ? text : 0;
    break;
  }
  for (const e of path) memo.set(e, found);
  return found;
}

/** Text of a form widget's own: its heading, its prompt, its messages. More is a story around it. */
const WIDGET_TEXT = 400;

/**
 * Boxes built around a form control a reader fills in (a newsletter sign-up, a poll, a comment
 * box): for each such control in the body, its outermost ancestor below the body root that holds
 * little text besides and not most of the body's prose. Hidden inputs and buttons alone make no widget.
 */
function formWidgets(root: Element, stats: Map<Element, Stat>, headline: Element | null): Set<Element> {
  const out = new Set<Element>();
  const rootGood = stats.get(root)?.good ?? 0;
  for (const input of root.querySelectorAll('input:not([type="hidden"]):not([type="submit"]):not([type="button"]):not([type="image"]), textarea, select')) {
    let widget: Element | null = null;
    for (let e = input.parentElement; e && e !== root; e = e.parentElement) {
      const s = stats.get(e);
      // A short story holds its own comment box: the box ends below what carries most of the body.
      if ((s?.text ?? 0) > WIDGET_TEXT || (headline && e.contains(headline)) || (s && rootGood > 0 && s.good > rootGood * 0.5)) break;
      widget = e;
    }
    if (widget) out.add(widget);
  }
  return out;
}

/**
 * A block of prose this long (a sentence or two, about a line and a half) shows the story: one
 * after a closing note lets the note go, and one before it must be the story's own, in normal type.
 */
const CLOSING_PROSE = 80;

/**
 * The closing notes are left out only when they hold at most this share of the body's prose: the
 * publisher's notes are a short tail, never the greater part of what the body says.
 */
const CLOSING_SHARE = 1 / 3;

interface Seen {
  el: Element;
  contact: boolean;
  px: number | null;
  text: number;
  prose: number;
}

/**
 * The notes that close the body: contact and follow-us lines ("Write to Jo at jo@example.com",
 * "Follow us @example") and fine print (a company's boilerplate, a note to commenters). Blocks of
 * the body are seen in document order and judged at the end, when the body's usual font size is
 * known (a page set all in 12px or in `<small>` has no fine print). A block of the story's prose
 * after a note lets it go (an address quoted mid-story, a caption in small type, are the story's);
 * those still held at the end close the body. They are left out when the story came first (a
 * block of prose in the body's usual type, with no address) and they are a small part of its prose.
 */
class ClosingLines {
  private seen: Seen[] = [];
  see(el: Element, s: Stat | undefined): void {
    if (!s || !BLOCK.has(el.tagName.toUpperCase()) || hasBlockChild(el)) return;
    // A quoted post (an embedded tweet) names handles as its text: it is quoted, not a contact.
    const contact = !el.closest('blockquote') && isContactLine(el.textContent ?? '', el);
    // A list item's sentences are the story's prose too ("The board will meet again on Monday …").
    const prose = Math.max(s.good, s.listProse);
    this.seen.push({ el, contact, px: statedFontPx(el), text: s.text, prose });
  }
  notes(): Element[] {
    const usual = usualFontPx(this.seen);
    // Each block's stated size was read once, when it was seen.
    const fine = (b: Seen) => isFineSize(b.px, usual);
    const note = (b: Seen) => b.contact || fine(b);
    let start = this.seen.length;
    // A line or two of the publisher's ("Stay up to date: subscribe") between such notes ends no story.
    for (let i = this.seen.length - 1; i >= 0; i--) {
      const b = this.seen[i];
      if (note(b)) start = i;
      else if (b.prose >= CLOSING_PROSE) break;
    }
    const tail = this.seen.slice(start).filter(note);
    if (tail.length === 0) return [];
    const before = this.seen.slice(0, start);
    if (!before.some((b) => b.prose >= CLOSING_PROSE && !note(b))) return [];
    // A note's text counts whole (a short note scores no prose); the body's is its prose plus that.
    const notes = tail.reduce((n, b) => n + Math.max(b.prose, b.text), 0);
    const all = this.seen.reduce((n, b) => n + b.prose, 0) - tail.reduce((n, b) => n + b.prose, 0) + notes;
    return notes <= all * CLOSING_SHARE ? tail.map((b) => b.el) : [];
  }
}

/** Inside the body: parts that are lists of links or furniture, not prose. */
async function pruneInside(
  root: Element,
  stats: Map<Element, Stat>,
  isOut: (el: Element) => boolean,
  slicer: Slicer,
  seen: string[],
  headline: Element | null,
  calendar: Calendar,
  closing: ClosingLines,
): Promise<Set<Element>> {
  const pruned = new Set<Element>();
  const headlineText = headline ? squash(headline.textContent ?? '') : '';
  const rootStat = stats.get(root);
  // The story's own <article> inside the body, when the body holds the headline in one.
  const own = headline?.closest('article');
  const story = own && own !== root && root.contains(own) ? own : null;
  const widgets = formWidgets(root, stats, headline);
  const tags = new Set(tagLists(root));
  const parents = new Map<Element, ParentLine>();
  const sentences = new Map<Element, number>();
  const wrappers = new Map<Element, boolean>();
  const site = siteHosts(root.ownerDocument);
  const decide = (el: Element): boolean => {
    if (widgets.has(el) || tags.has(el)) return true;
    // A metadata property is a byline or a date, never what carries most of the body (a blog that
    // marks its whole post as the author's work).
    if (isMetadataProp(el) && !(rootStat && (stats.get(el)?.good ?? 0) > rootStat.good * 0.5)) return true;
    if (LONE_INLINE.has(el.tagName.toUpperCase()) && standsAlone(el, stats, parents) && isFurnitureLine(el.textContent ?? '', calendar)) return true;
    // Another <article> beside the story's ("you may also like" cards): a different story.
    if (story && el.tagName.toUpperCase() === 'ARTICLE' && el !== root && !el.contains(story) && !story.contains(el)) return true;
    const s = stats.get(el);
    if (!s) {
      if (isInlineCredit(el) || isLoneLink(el, site)) return true;
      if (BLOCK.has(el.tagName.toUpperCase()) || el.parentElement === null) return false;
      const around = sentenceTextOf(el, stats, sentences);
      return (el.firstElementChild !== null && isLinkCard(el, around)) || isCardAfterName(el, around, wrappers);
    }
    if (el !== root && s.text < 30 && isCrumb(el)) return true;
    const tag = el.tagName.toUpperCase();
    if (el !== root && s.text <= 160 && LINE_TAGS.has(tag) && !hasTextBlock(el) && isFurnitureLine(keptText(el, isOut), calendar)) return true;
    if (el !== root && s.text <= 100 && OWN_LINE_TAGS.has(tag) && !hasTextBlock(el)) {
      const text = el.textContent ?? '';
      if ((LINE_TAGS.has(tag) && letterless(text)) || isCreditLine(text)) return true;
    }
    // The headline again (a copy in the body's own header, a share box): it is annotated once.
    if (
      headline &&
      el !== root &&
      el !== headline &&
      Math.abs(s.text - headlineText.length) <= 2 &&
      !hasBlockChild(el) &&
      !el.contains(headline) &&
      squash(el.textContent ?? '') === headlineText
    )
      return true;
    // The same caption again (under each picture of a gallery, or in a lightbox copy): once is enough.
    if (el !== root && s.text >= 20 && s.text < 1000 && REPEATABLE.has(tag) && !hasBlockChild(el) && isCaption(el)) {
      const text = squash(el.textContent ?? '');
      if (repeatsCaption(text, seen)) return true;
      // A gallery of hundreds of captions is compared with its first ones only: the walk stays linear.
      if (seen.length < 200) seen.push(text);
    }
    // Never prune what carries most of the body.
    if (rootStat && s.good > rootStat.good * 0.5) return false;
    const ld = linkDensity(s);
    if (PRUNABLE.has(tag)) {
      if (ld > 0.5 || (ld > 0.3 && s.good + s.listProse < 200) || (s.teasers >= 2 && ld > 0.2)) return true;
      // A list of story teasers (linked titles, a line of summary each), even a long one.
      if (s.teasers >= 3 && s.good / s.teasers < 300) return true;
    }
    // A block that is only a link ("Read more", a related headline); in a quote, it names who spoke.
    return (
      (BLOCK.has(tag) || tag === 'A') && !HEADINGS.has(tag) && tag !== 'FIGCAPTION' && s.paras === 0 && ld > 0.8 && !el.parentElement?.closest('blockquote')
    );
  };
  const walker = root.ownerDocument.createTreeWalker(root, 0x1, {
    acceptNode(n) {
      const el = n as Element;
      if (isOut(el)) return 2;
      if (decide(el)) {
        pruned.add(el);
        return 2;
      }
      closing.see(el, stats.get(el));
      // Accepted (not skipped), so that each element ends a `nextNode()` call and the loop below
      // can pause: with FILTER_SKIP the whole walk would run inside one call.
      return 1;
    },
  });
  await walkAll(walker, slicer);
  return pruned;
}

/**
 * Runs a walker to its end (its filter does the work), pausing between slices. A loop of its own:
 * inside `pruneInside` it made that whole function hot enough for V8 to compile it.
 */
async function walkAll(walker: TreeWalker, slicer: Slicer): Promise<void> {
  let i = 0;
  while (walker.nextNode()) if ((++i & 15) === 0) await slicer.tick();
}

/** The page's headline: the first rendered h1 that is not furniture, preferring one near the body. */
function headlineOf(doc: Document, body: Element[], isOut: (el: Element) => boolean): Element | null {
  const h1s = [...doc.querySelectorAll('h1')].filter((h) => !outByAncestry(h, isOut) && (h.textContent ?? '').trim().length > 0);
  if (!h1s.length) return null;
  const first = body[0];
  if (!first) return h1s[0];
  // Inside the body, or the last one before it in document order.
  let before: Element | null = null;
  for (const h of h1s) {
    if (body.some((b) => b.contains(h))) return h;
    if (first.compareDocumentPosition(h) & 2) before = h;
  }
  return before ?? h1s[0];
}

function outByAncestry(el: Element, isOut: (el: Element) => boolean): boolean {
  for (let e: Element | null = el; e; e = e.parentElement) if (isOut(e)) return true;
  return false;
}

/** Prose between the headline and the body: the standfirst and a lead caption, never bylines. */
function standfirst(headline: Element, body: Element[], isOut: (el: Element) => boolean, calendar: Calendar): Element[] {
  const first = body[0];
  if (!first || !(headline.compareDocumentPosition(first) & 4) || headline.contains(first)) return [];
  const found: Element[] = [];
  const walker = headline.ownerDocument.createTreeWalker(headline.ownerDocument.body, 0x1, {
    acceptNode: (n) => (isOut(n as Element) ? 2 : 1),
  });
  walker.currentNode = headline;
  let seen = 0;
  for (let n = walker.nextNode() as Element | null; n && seen < 400; n = walker.nextNode() as Element | null) {
    seen++;
    if (n === first || n.contains(first)) {
      if (n === first) break;
      continue;
    }
    if (headline.contains(n)) continue;
    const tag = n.tagName.toUpperCase();
    if (tag !== 'P' && tag !== 'H2' && tag !== 'FIGCAPTION' && !(tag === 'DIV' && n.firstElementChild === null)) continue;
    const text = (n.textContent ?? '').trim();
    const links = [...n.querySelectorAll('a')].reduce((k, a) => k + (a.textContent ?? '').length, 0);
    if (text.length < 40 || links > text.length * 0.2 || text.split(/\s+/).length < 6 || isFurnitureLine(text, calendar)) continue;
    if (outByAncestry(n, furniture)) continue;
    found.push(n);
    if (found.length >= 3) break;
  }
  return found;
}

/** Linked headings of a page that lists stories (a section front, search results). */
async function headlineList(doc: Document, isOut: (el: Element) => boolean, slicer: Slicer): Promise<Element[]> {
  const out: Element[] = [];
  let i = 0;
  for (const h of doc.querySelectorAll('h1, h2, h3, h4')) {
    if ((++i & 15) === 0) await slicer.tick();
    if (outByAncestry(h, (e) => isOut(e) || furniture(e))) continue;
    if (!(h.textContent ?? '').trim()) continue;
    if (out.length && out[out.length - 1].contains(h)) continue;
    out.push(h);
  }
  return out;
}

/** Keep only the outermost elements, in document order. */
function outermost(els: Element[]): Element[] {
  const uniq = [...new Set(els)].sort((a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & 4 ? -1 : 1));
  // In document order, an element inside another comes after it, and after nothing outside it.
  const out: Element[] = [];
  for (const e of uniq) if (!out.length || !out[out.length - 1].contains(e)) out.push(e);
  return out;
}

/** Decide what of `doc` is the article. */
export async function findArticleScope(doc: Document, env: ScopeEnv = {}): Promise<ArticleScope> {
  return scopeOf(await chooseArticle(doc, env), env);
}

/** The article of `doc`, as data (see `ScopeVerdict`). */
export async function chooseArticle(doc: Document, env: ScopeEnv = {}): Promise<ScopeVerdict> {
  namesMemo = new Map();
  try {
    return await chooseScope(doc, env);
  } finally {
    namesMemo = null;
  }
}

/**
 * The live tests of a verdict, asking the page as it is now: `rejects` for the text read, `admits`
 * for content the page adds later. Only `alwaysOut` and `furniture` run here, so a page that keeps
 * these compiles none of the chooser's code.
 */
export function scopeOf(v: ScopeVerdict, env: Pick<ScopeEnv, 'host' | 'hidden'>): ArticleScope {
  const { kind, roots, body, root, pruned } = v;
  const skip = markupSkip(v.skip, root, (el) => alwaysOut(el, env));
  const rejects = (el: Element) => pruned.has(el) || skip(el);
  const admits =
    kind === 'article'
      ? (node: Node): boolean => {
          let el = node.nodeType === 1 ? (node as Element) : node.parentElement;
          for (; el; el = el.parentElement) {
            if (rejects(el)) return false;
            if (body.includes(el)) return true;
          }
          return false;
        }
      : () => false;
  return { kind, roots, body, rejects, admits };
}

/** The markup test a verdict's `skip` names, over `hard` (navigation, controls, hidden text). */
function markupSkip(how: ScopeVerdict['skip'], root: Element, hard: (el: Element) => boolean): (el: Element) => boolean {
  if (how === 'hard') return hard;
  if (how === 'soft') return (el) => hard(el) || (el !== root && furniture(el));
  const wrapper = how.around;
  return (el) => hard(el) || (el !== root && !el.contains(wrapper) && furniture(el));
}

async function chooseScope(doc: Document, env: ScopeEnv): Promise<ScopeVerdict> {
  const slicer = new Slicer(env);
  const root = doc.body ?? doc.documentElement;
  // While the scope is chosen, each element's layout is asked once (the walks below meet the same
  // elements again); afterwards `scopeOf` asks the live page, which may have changed.
  const memo = new Map<Element, boolean>();
  const hard = (el: Element) => {
    let out = memo.get(el);
    if (out === undefined) {
      out = alwaysOut(el, env);
      memo.set(el, out);
    }
    return out;
  };
  let how: ScopeVerdict['skip'] = 'soft';
  let g = await gather(root, markupSkip(how, root, hard), slicer);
  const declared = declaredBody(doc);
  let top = await pickTop(g.stats, declared, slicer);
  if (env.trace) {
    const c = [...g.stats].map(([el, st]) => ({ el, value: worthOf(st), good: st.good, text: st.text, link: st.link }));
    env.trace(c.sort((a, b) => b.value - a.value).slice(0, 8));
  }
  // Furniture words on the wrapper of the whole story ("main-content has-sidebar"): retry without them.
  if (!top || (g.stats.get(top)?.good ?? 0) < 200) {
    const g2 = await gather(root, hard, slicer);
    const top2 = await pickTop(g2.stats, declared, slicer);
    if (top2 && (g2.stats.get(top2)?.good ?? 0) > 2 * (top ? (g.stats.get(top)?.good ?? 0) : 0)) {
      // Only the wrappers of that story are let off their words: below and beside it, furniture
      // words still hold (its comments, its author box, the sidebar next to it).
      const wrapper = (await bestScored(g2.stats, declared, slicer)).top ?? top2;
      const g3 = await gather(root, markupSkip({ around: wrapper }, root, hard), slicer);
      const top3 = await pickTop(g3.stats, declared, slicer);
      if (top3 && (g3.stats.get(top3)?.good ?? 0) > 2 * (top ? (g.stats.get(top)?.good ?? 0) : 0)) {
        g = g3;
        top = top3;
        how = { around: wrapper };
      } else {
        g = g2;
        top = top2;
        how = 'hard';
      }
    }
  }
  const topStat = top ? g.stats.get(top) : undefined;
  // A story list, not a story: many linked headings, little prose for each.
  let listing = !topStat || topStat.good < 25 || (topStat.headlines >= 6 && topStat.good / topStat.headlines < 250);
  // Unless the page declares its article body (schema.org) and that holds a story's prose, at least
  // twice its link text: the linked headings are teasers set around and inside the story, and the
  // declared body is the story (its teasers are pruned below like any list of links).
  const declaredStat = declared ? g.stats.get(declared) : undefined;
  if (listing && declared && declaredStat && declaredStat.good >= 500 && declaredStat.good >= 2 * declaredStat.link) {
    top = declared;
    listing = false;
  }
  if (!top || listing) {
    const roots = outermost(await headlineList(doc, hard, slicer));
    return { kind: 'headlines', roots, body: [], root, pruned: new Set(), skip: 'hard' };
  }
  const skip = markupSkip(how, root, hard);
  const body = withSiblings(top as Element, g.stats, skip);
  const pruned = new Set<Element>();
  const seen: string[] = [];
  const headline = headlineOf(doc, body, hard);
  // Datelines are read in the page's language.
  const calendar = calendarWords(pageLanguage(doc));
  // Built once per language (a few milliseconds of Intl): the walk below starts a fresh slice if due.
  await slicer.tick();
  const closing = new ClosingLines();
  for (const b of body) for (const p of await pruneInside(b, g.stats, skip, slicer, seen, headline, calendar, closing)) pruned.add(p);
  for (const c of closing.notes()) pruned.add(c);
  const rejects = (el: Element) => pruned.has(el) || skip(el);
  // Labels whose whole section was left out ("You may also like" above a pruned rail) go too.
  for (const o of await orphanLabels(body, rejects, hard, headline, slicer)) pruned.add(o);
  for (const o of aboveHeadline(body, headline, rejects)) pruned.add(o);
  const extra = headline ? [headline, ...standfirst(headline, body, rejects, calendar)] : [];
  const roots = outermost([...extra, ...body]);
  env.lead?.(extra);
  return { kind: 'article', roots, body, root, pruned, skip: how };
}
