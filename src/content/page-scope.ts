/**
 * The layout half of the article scope: what the browser renders (hidden text is skipped), and
 * yielding to the page between slices of work. The structural half is `article-scope.ts`.
 */
import type { SliceEnv } from './slicer';

/**
 * True when the element draws nothing a reader can see: not rendered (`display: none`,
 * `visibility: hidden`, `content-visibility: hidden`), a box of at most 1×1 px (the
 * "visually hidden" pattern), or placed wholly above or left of the page where no scrolling
 * reaches it.
 */
export function isRenderedHidden(el: Element): boolean {
  const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  if (typeof check === 'function' && !check.call(el, { visibilityProperty: true })) return !isContents(el);
  // The "visually hidden" and off-screen patterns come from a class or an inline style; styles
  // are read only there, and boxes (a layout) only for what is out of the flow or clipped, so a
  // page that changes every frame does not make us lay it out again for every element.
  if (!el.hasAttribute('class') && !el.hasAttribute('style')) return false;
  const style = getComputedStyle(el);
  const positioned = style.position === 'absolute' || style.position === 'fixed';
  const clipped = style.clipPath !== 'none' || (style.clip !== 'auto' && style.clip !== '') || style.overflow !== 'visible';
  if (!positioned && !clipped) return false;
  const r = el.getBoundingClientRect();
  if (r.width <= 1 && r.height <= 1 && style.display !== 'contents') return true;
  if (!positioned) return false;
  return r.right + window.scrollX <= 0 || r.bottom + window.scrollY <= 0;
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

/**
 * Work on the live page between two turns of the page: ~20 ms. A step between two checks of the
 * clock can overrun it (a walk filter deciding on a large block, a garbage collection), and the
 * slices measured on the 181 real pages reach 33 ms with this budget (43 ms with 30), so the
 * margin to the 50 ms long-task line holds.
 */
export const PAGE_SLICE: SliceEnv = { pause: yieldToPage, now: () => performance.now(), sliceMs: 20 };
