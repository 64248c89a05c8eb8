/**
 * Underlines drawn where page scripts cannot reach them: small boxes inside the page layer's
 * closed shadow root, placed from `Range.getClientRects()`. Nothing is added to `CSS.highlights`,
 * `document.adoptedStyleSheets` or the page's DOM, so a page cannot tell which names were marked.
 *
 * It draws exactly the ranges it is given (a caller may pass only some mentions), and only those
 * near the viewport: an IntersectionObserver on each mark's parent element says which are near, and
 * one animation frame after any scroll, resize, reflow or DOM change they are measured and drawn
 * again. Boxes are placed with `transform` only, so drawing never counts as a layout shift and never
 * moves anything in the page. A mark covered by something else (a sticky header, a dialog, clipped
 * overflow) is not drawn: an underline appears only where hovering would open the card. On a dark
 * page (light text) the underline is a lighter blue; forced colours use the system link colour.
 */
import { parseCssColor, relativeLuminance } from '../core/luminance';
import OVERLAY_CSS from './marks.css?inline';
import type { PageLayer } from './page-layer';

/** How far outside the viewport (in viewport heights) a mark's element counts as near. */
const NEAR = '100% 0px 100% 0px';
/** Hidden boxes kept after a frame for the next one (each box costs the page 1–3 KB of DOM heap). */
const SPARE_BOXES = 8;
/** Text colours remembered at most (a page has a few; one with more starts over). */
const MAX_COLOURS = 32;
/** Gap between the bottom of the text box and the dotted line, as the old underline offset had it. */
const UNDERLINE_GAP = 1;

interface Flash {
  range: Range;
  until: number;
}

export class MarkOverlay {
  /**
   * The marks, by the element holding their first text node (what the IntersectionObserver watches):
   * the one range most elements hold, or an array of several (a one-element array per element cost
   * the page's heap about 8 KB on the bench's 1 MB article).
   */
  private readonly byElement = new Map<Element, Range | Range[]>();
  private readonly near = new Set<Element>();
  private readonly flashes = new Set<Flash>();
  private readonly box: HTMLDivElement | null = null;
  private readonly pool: HTMLDivElement[] = [];
  private readonly seen: IntersectionObserver | null = null;
  private frame = 0;
  /**
   * Per element near the viewport: is its text light (a dark page)? Read once while the element is
   * near (a memo of every marked element held a 4 KB table on the bench's 1 MB article).
   */
  private tones = new WeakMap<Element, boolean>();
  /**
   * The same verdict by computed colour, of which a page has a few: each colour is parsed once. Parsed
   * each time an element came near again, the colour reader was hot enough for V8 to compile it to
   * 18 KB of machine code.
   */
  private readonly lightColours = new Map<string, boolean>();

  constructor(
    private readonly layer: PageLayer,
    private readonly underline: boolean,
    signal: AbortSignal,
  ) {
    layer.adopt(OVERLAY_CSS);
    this.box = document.createElement('div');
    this.box.className = 'marks';
    layer.root.prepend(this.box);
    this.seen = new IntersectionObserver((entries) => this.onIntersect(entries), { rootMargin: NEAR });
    const redraw = () => this.schedule();
    const passive = { capture: true, passive: true, signal } as const;
    // Every scroll (the window's and any scrolling box's), resize, reflow and DOM change.
    window.addEventListener('scroll', redraw, passive);
    window.addEventListener('resize', redraw, passive);
    document.fonts?.addEventListener?.('loadingdone', redraw);
    const resized = new ResizeObserver(redraw);
    resized.observe(document.documentElement);
    if (document.body) resized.observe(document.body);
    const changed = new MutationObserver((records) => {
      // A theme switch is usually a class or attribute on <html> or <body>: look at the text colours again.
      if (records.some((r) => r.type === 'attributes' && (r.target === document.documentElement || r.target === document.body))) this.tones = new WeakMap();
      redraw();
    });
    // Attributes that move text around; data-* and aria-* churn (frequent on busy pages) does not.
    const LAYOUT_ATTRIBUTES = ['class', 'style', 'hidden', 'open', 'width', 'height', 'src', 'dir', 'lang'];
    changed.observe(document.documentElement, { childList: true, subtree: true, characterData: true, attributeFilter: LAYOUT_ATTRIBUTES });
    signal.addEventListener('abort', () => {
      resized.disconnect();
      changed.disconnect();
      this.destroy();
    });
  }

  add(range: Range): void {
    const el = this.underline ? elementOf(range) : null;
    if (!el) return;
    const held = this.byElement.get(el);
    if (!held) {
      this.byElement.set(el, range);
      this.seen?.observe(el);
    } else if (!Array.isArray(held)) {
      if (held !== range) this.byElement.set(el, [held, range]);
    } else if (!held.includes(range)) held.push(range);
  }

  remove(range: Range): void {
    const el = elementOf(range);
    const held = el ? this.byElement.get(el) : undefined;
    if (!el || !held) return;
    if (Array.isArray(held)) {
      const i = held.indexOf(range);
      if (i < 0) return;
      held.splice(i, 1);
      if (held.length === 1) this.byElement.set(el, held[0]);
    } else {
      if (held !== range) return;
      this.byElement.delete(el);
      this.near.delete(el);
      this.seen?.unobserve(el);
    }
    this.schedule();
  }

  clear(): void {
    this.byElement.clear();
    this.near.clear();
    this.seen?.disconnect();
    this.schedule();
  }

  /** Briefly light up one range (the popup's "show on page"). Independent of the underline setting. */
  flash(range: Range, ms: number): void {
    const f = { range, until: performance.now() + ms };
    this.flashes.add(f);
    this.schedule();
    setTimeout(() => {
      this.flashes.delete(f);
      this.schedule();
    }, ms);
  }

  destroy(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.clear();
    this.flashes.clear();
    this.box?.remove();
  }

  private onIntersect(entries: IntersectionObserverEntry[]): void {
    for (const e of entries) {
      if (e.isIntersecting && this.byElement.has(e.target)) this.near.add(e.target);
      else {
        this.near.delete(e.target);
        this.tones.delete(e.target);
      }
    }
    this.schedule();
  }

  /** At most one draw per animation frame, however many events asked for one. */
  private schedule(): void {
    if (this.frame || !this.box) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private draw(): void {
    if (!this.box) return;
    this.layer.attach();
    const origin = this.layer.host.getBoundingClientRect();
    const vw = origin.width;
    const vh = origin.height;
    let used = 0;
    const place = (kind: 'u' | 'f', range: Range) => {
      const cls = this.onDarkPage(range) ? `${kind} d` : kind;
      for (const r of range.getClientRects()) {
        if (r.width < 1 || r.bottom < 0 || r.top > vh || r.right < 0 || r.left > vw) continue;
        if (!isOnTop(range, r, vw, vh)) continue;
        const el = this.pool[used] ?? this.grow();
        used++;
        if (el.className !== cls) el.className = cls;
        const x = r.left - origin.left;
        const y = kind === 'u' ? r.bottom - origin.top - r.height * 0.08 + UNDERLINE_GAP : r.top - origin.top;
        el.style.width = px(r.width);
        el.style.height = kind === 'u' ? '0px' : px(r.height);
        el.style.transform = `translate(${px(x)}, ${px(y)})`;
        if (el.hidden) el.hidden = false;
      }
    };
    for (const el of this.near) {
      const held = this.byElement.get(el);
      if (!held || !el.isConnected) continue;
      if (!Array.isArray(held)) {
        if (held.startContainer.isConnected) place('u', held);
      } else for (const range of held) if (range.startContainer.isConnected) place('u', range);
    }
    for (const f of this.flashes) if (f.range.startContainer.isConnected) place('f', f.range);
    // Boxes this frame did not use are freed, but for a few kept hidden for the next frame: the layer
    // holds about as many boxes as the viewport shows, not as many as it ever showed.
    while (this.pool.length > used + SPARE_BOXES) this.pool.pop()?.remove();
    for (let i = used; i < this.pool.length; i++) if (!this.pool[i].hidden) this.pool[i].hidden = true;
  }

  private onDarkPage(range: Range): boolean {
    const el = elementOf(range);
    if (!el) return false;
    let dark = this.tones.get(el);
    if (dark === undefined) {
      const color = getComputedStyle(el).color;
      dark = this.lightColours.get(color);
      if (dark === undefined) {
        dark = isLight(color);
        // A page that paints every line in its own colour gets no unbounded memo.
        if (this.lightColours.size >= MAX_COLOURS) this.lightColours.clear();
        this.lightColours.set(color, dark);
      }
      this.tones.set(el, dark);
    }
    return dark;
  }

  private grow(): HTMLDivElement {
    const el = document.createElement('div');
    this.pool.push(el);
    this.box?.append(el);
    return el;
  }
}

/**
 * A length for an inline style. `toFixed` rather than a template literal: V8 turns a number into a
 * string through a per-isolate cache that grows to its full size once a few hundred box positions
 * have gone through it (47 KB of the page's heap on the bench's 1 MB article, kept for good);
 * `toFixed` leaves that cache alone.
 */
export function px(n: number): string {
  return `${n.toFixed(2)}px`;
}

/** Is a computed colour (`rgb(…)` or `rgba(…)`) light, by relative luminance? */
function isLight(color: string): boolean {
  const c = parseCssColor(color);
  return c !== null && relativeLuminance(c) > 0.4;
}

function elementOf(range: Range): Element | null {
  const n = range.startContainer;
  return n.nodeType === Node.ELEMENT_NODE ? (n as Element) : n.parentElement;
}

/** Is the text itself what the reader sees at the middle of this box (not a header or dialog over it)? */
function isOnTop(range: Range, r: DOMRect, vw: number, vh: number): boolean {
  const clamp = (v: number, max: number) => Math.min(Math.max(v, 0), max - 1);
  const hit = document.elementFromPoint(clamp(r.left + r.width / 2, vw), clamp(r.top + r.height / 2, vh));
  if (!hit) return false;
  return hit.contains(range.startContainer) || hit.contains(range.endContainer);
}
