/**
 * The layout half of the article scope: what the browser renders (hidden text is skipped), and
 * yielding to the page between slices of work. The structural half is `article-scope.ts`.
 */
import { type ArticleScope, findArticleScope } from './article-scope';
import { collectAll, type PageText } from './page-text';

/**
 * True when the element draws nothing a reader can see: not rendered (`display: none`,
 * `visibility: hidden`, `content-visibility: hidden`), a box of at most 1×1 px (the
 * "visually hidden" pattern), or placed wholly above or left of the page where no scrolling
 * reaches it.
 */
export function isRenderedHidden(el: Element): boolean {
  const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  if (typeof check === 'function' && !check.call(el, { visibilityProperty: true })) return !isContents(el);
  const r = el.getBoundingClientRect();
  if (r.width <= 1 && r.height <= 1) return !isContents(el);
  const x = r.right + window.scrollX;
  const y = r.bottom + window.scrollY;
  return x <= 0 || y <= 0;
}

/** `display: contents` has no box of its own, but its children are drawn. */
function isContents(el: Element): boolean {
  return getComputedStyle(el).display === 'contents';
}

/** Give the page its turn: `scheduler.yield()` where the browser has it, else a new task. */
export function yieldToPage(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (s?.yield) return s.yield();
  return new Promise((ok) => setTimeout(ok, 0));
}

/** Wait for a quiet moment (the page's own start-up work done), at most `ms`. */
function idle(ms: number): Promise<void> {
  const ric = (globalThis as { requestIdleCallback?: (f: () => void, o: { timeout: number }) => number }).requestIdleCallback;
  return new Promise((ok) => (ric ? ric(() => ok(), { timeout: ms }) : setTimeout(ok, 0)));
}

/** The article scope of the live document, skipping hidden text, in slices of about 5 ms. */
export async function pageScope(host: Element | null): Promise<ArticleScope> {
  await idle(500);
  return findArticleScope(document, { host, hidden: isRenderedHidden, pause: yieldToPage, now: () => performance.now(), sliceMs: 5 });
}

/** Exactly the text Backstory annotates for a scope (nodes in `already` are left out). */
export function scopeText(scope: ArticleScope, host: Element | null, already?: WeakSet<Text>): PageText {
  return collectAll(scope.roots, host, scope.rejects, already);
}
