/**
 * The card's container inside the page layer's closed shadow root (`page-layer.ts`), positioned
 * next to the mention without covering it. Opening or closing a card changes nothing in the page's
 * DOM: the layer's host is there all along. One instance per page.
 */
import { autoUpdate, type ComputePositionConfig, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { render } from 'preact';
import type { CardData, CardTheme } from '../shared/card-data';
import { Card } from '../ui/Card';
import cardCss from '../ui/card.css?inline';
import { WARM_ARTICLE_DATE, WARM_CARD } from './card-warmup';
import type { PageLayer } from './page-layer';
import { cardThemeAt } from './page-theme';

let counter = 0;

/** The card's container until a card is placed: fixed at the corner, hidden; the card itself takes pointer events. */
const CONTAINER_STYLE = 'position: fixed; top: 0; left: 0; visibility: hidden; pointer-events: auto;';

export interface CardHostOptions {
  /** The reader's theme choice; `auto` follows the page's background behind the mention. */
  theme?: CardTheme;
  /** "Full backstory": open the side panel on this entity. */
  onFullBackstory?: (entity: string) => void;
  /** A reader's control in the card's footer ("Turn off on this site"). */
  footerAction?: { label: string; onClick: () => void };
}

export class CardHost {
  private readonly root: ShadowRoot;
  private readonly mount: HTMLDivElement;
  private stopAutoUpdate: (() => void) | null = null;
  private openFor: Range | null = null;
  private wantFocus = false;
  /** Where focus was before the keyboard moved it into the card: it goes back there on close. */
  private returnTo: HTMLElement | null = null;
  /** The open card's entity and how it closes. */
  private shown: { entity: string; close: () => void } | null = null;
  /** The entity of the last card shown. */
  private last: string | null = null;
  /** Counts shows and hides: a placement started for an earlier card never reveals a later one. */
  private generation = 0;
  /** The page-independent warm-up: not yet asked, scheduled, or done (once per page). */
  private warm: 'no' | 'scheduled' | 'done' = 'no';
  /** Removes the warm-up's placeholder while it waits for its one (transparent) paint. */
  private dropWarm: (() => void) | null = null;
  private destroyed = false;

  constructor(
    private readonly layer: PageLayer,
    private readonly onPointerInside: (inside: boolean) => void,
    private readonly opts: CardHostOptions = {},
  ) {
    this.root = layer.root;
    layer.adopt(cardCss);
    this.mount = document.createElement('div');
    this.mount.className = 'bs-float';
    // The layer lets every pointer event through; only the card itself takes them.
    this.mount.setAttribute('style', CONTAINER_STYLE);
    this.root.append(this.mount);
    this.mount.addEventListener('pointerenter', (e) => e.isTrusted && this.onPointerInside(true));
    this.mount.addEventListener('pointerleave', (e) => e.isTrusted && this.onPointerInside(false));
  }

  get isOpen(): boolean {
    return this.openFor !== null;
  }

  /** Listeners outside the closed root see the layer's host as the target: only the card takes events there. */
  contains(node: Node | null): boolean {
    return node !== null && (node === this.layer.host || this.mount.contains(node));
  }

  /**
   * Warm the card path once per page, on the reader's first pointer movement anywhere: render one
   * fixed placeholder card (`card-warmup.ts`, no pack data) in a container of its own, hidden and
   * inert, force its layout and run the placement code on it, then let the next frame paint it
   * fully transparent, and remove it. The first real card then finds the card code compiled and its
   * styles, fonts and glyphs resolved for layout and paint: the placeholder has every part a real
   * card can have, the same footer, and every Latin letter and digit in each of the card's type
   * styles (a glyph first laid out in the real card made its layout several times slower than the
   * next card's, and its first paint twice as slow). The trigger and the work are the same on every page, so the
   * page learns nothing beyond "Backstory runs here" (which the layer's host already says). It runs
   * in a task of its own, after the move, and never once a card has been shown.
   */
  warmUp(): void {
    if (this.warm !== 'no' || this.destroyed) return;
    this.warm = 'scheduled';
    setTimeout(() => this.renderWarm(), 0);
  }

  private renderWarm(): void {
    this.warm = 'done';
    // A card already shown warmed the path itself; a detached host has no layout to warm.
    if (this.destroyed || this.last !== null || !this.layer.host.isConnected) return;
    const box = document.createElement('div');
    box.className = 'bs-float bs-warm';
    // Hidden (not painted, not hit-tested, not focusable, not in the accessibility tree); fixed and
    // in the layer's contained box, so nothing in the page moves. For its render and layout it has
    // the card container's own styles (`pointer-events: auto` among them), so the first real card
    // finds its elements' styles already computed under the same parent styles; it is made inert
    // below, in this same task, before it is ever visible.
    box.setAttribute('style', CONTAINER_STYLE);
    this.root.append(box);
    const theme = cardThemeAt(document.body, this.opts.theme ?? 'auto');
    // The same props a real card gets (its footer's buttons, an article date), with no-op handlers.
    const footer = this.opts.footerAction && { label: this.opts.footerAction.label, onClick: noop };
    render(
      <Card
        data={WARM_CARD}
        articleDate={WARM_ARTICLE_DATE}
        onClose={noop}
        onFullBackstory={this.opts.onFullBackstory && noop}
        headingId="bs-h-warm"
        theme={theme}
        footerAction={footer}
      />,
      box,
    );
    // Style and layout of the card's subtree now, as the first real card would need them.
    void box.getBoundingClientRect();
    const drop = () => {
      this.dropWarm = null;
      render(null, box);
      box.remove();
    };
    this.dropWarm = drop;
    // One paint, for the paint path's share of the first card (text runs, glyphs): fully transparent
    // (`will-change` keeps the browser from skipping an invisible paint), inert, aria-hidden and
    // without pointer events, and no longer a dialog, so nothing that looks for an open card
    // (assistive technology, the bench's watch, the tests) takes it for one. Removed after that frame.
    const paintOnce = () => {
      if (this.destroyed) return drop();
      box.querySelector('[role="dialog"]')?.removeAttribute('role');
      box.setAttribute('aria-hidden', 'true');
      box.setAttribute('inert', '');
      Object.assign(box.style, { pointerEvents: 'none', visibility: 'visible', opacity: '0', willChange: 'opacity' });
      requestAnimationFrame(() => setTimeout(() => this.dropWarm?.(), 0));
    };
    // Placement code too, against a fixed point (its promise settles in this task's microtasks).
    const at = new DOMRect(8, 8, 0, 0);
    computePosition({ getBoundingClientRect: () => at }, box, placement(box)).then(paintOnce, drop);
  }

  show(data: CardData, anchor: Range, pointer: { x: number; y: number } | null, articleDate: string | undefined, onClose: () => void): void {
    if (this.destroyed) return;
    this.layer.attach();
    const headingId = `bs-h-${++counter}`;
    const theme = cardThemeAt(anchor.startContainer.parentElement, this.opts.theme ?? 'auto');
    const full = this.opts.onFullBackstory;
    const onFull = full
      ? (e: MouseEvent) => {
          // Only the reader's own click opens the panel, never a script's.
          if (!e.isTrusted) return;
          full(data.key);
          onClose();
        }
      : undefined;
    render(
      <Card
        data={data}
        articleDate={articleDate}
        onClose={onClose}
        onFullBackstory={onFull}
        headingId={headingId}
        theme={theme}
        footerAction={this.opts.footerAction}
      />,
      this.mount,
    );
    this.openFor = anchor;
    const generation = ++this.generation;
    this.shown = { entity: data.key, close: onClose };
    this.last = data.key;
    this.stopAutoUpdate?.();
    const reference = {
      getBoundingClientRect: () => lineRect(anchor, pointer),
      getClientRects: () => anchor.getClientRects(),
    };
    // What the card's position was last computed from: an update that finds it unchanged (the
    // ResizeObserver's first report of the new card, in the frame before its first paint) has
    // nothing to move, and skips a second run of the placement code.
    let placedFor = '';
    const inputs = () => placementInputs(reference.getBoundingClientRect(), this.mount);
    const place = () => {
      if (placedFor && inputs() === placedFor) return;
      return computePosition(reference, this.mount, placement(this.mount)).then(({ x, y }) => {
        // A placement started for a card that has since closed, or given way to another, reveals
        // nothing: every show and hide moves the generation on.
        if (this.generation !== generation) return;
        // Read while the placement code has left layout clean (before the card moves).
        placedFor = inputs();
        Object.assign(this.mount.style, { left: `${Math.round(x)}px`, top: `${Math.round(y)}px`, visibility: 'visible' });
        // A hidden element cannot take focus: move it in once the card is placed and visible.
        if (this.wantFocus) {
          this.wantFocus = false;
          this.focusDialog();
        }
      });
    };
    this.stopAutoUpdate = autoUpdate(reference, this.mount, place, { animationFrame: false });
  }

  /**
   * Firefox's sidebar command (the worker asks on the reader's behalf): the open card's entity, and
   * the card gives way to the sidebar; with no card open, the last one shown.
   */
  takeForPanel(): string | null {
    const shown = this.shown;
    shown?.close();
    return shown?.entity ?? this.last;
  }

  /** Keyboard users land on the dialog itself; Tab then walks its links and buttons. */
  focus(): void {
    const active = document.activeElement;
    if (!this.contains(active)) this.returnTo = active instanceof HTMLElement ? active : null;
    if (this.mount.style.visibility === 'visible') this.focusDialog();
    else this.wantFocus = true;
  }

  private focusDialog(): void {
    const dialog = this.root.querySelector<HTMLElement>('[role="dialog"]');
    if (!dialog) return;
    dialog.tabIndex = -1;
    dialog.focus();
  }

  hide(): void {
    // Focus inside the card goes back where it came from (the dialog is about to disappear).
    const hadFocus = this.root.activeElement !== null;
    const returnTo = this.returnTo;
    this.returnTo = null;
    this.wantFocus = false;
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = null;
    this.openFor = null;
    this.shown = null;
    this.generation++;
    render(null, this.mount);
    this.mount.style.visibility = 'hidden';
    if (hadFocus && returnTo?.isConnected) returnTo.focus({ preventScroll: true });
  }

  /** The session ended: the card closes, and nothing (a late show, the warm-up) draws or re-attaches any more. */
  destroy(): void {
    this.destroyed = true;
    this.dropWarm?.();
    this.hide();
  }
}

const noop = () => {};

/** Where a card goes: below the mention, flipped or shifted to stay on screen, its height capped to the room there. */
function placement(el: HTMLElement): Partial<ComputePositionConfig> {
  return {
    strategy: 'fixed',
    placement: 'bottom-start',
    middleware: [
      offset(8),
      flip({ padding: 8, fallbackPlacements: ['top-start', 'bottom-end', 'top-end'] }),
      shift({ padding: 8 }),
      size({
        padding: 8,
        apply: ({ availableHeight }) => {
          el.style.maxHeight = `${Math.max(160, Math.min(460, availableHeight))}px`;
        },
      }),
    ],
  };
}

/** Everything a card's position depends on: the mention's line box, the card's size and the viewport's. */
function placementInputs(line: DOMRect, card: HTMLElement): string {
  return [line.x, line.y, line.width, line.height, card.offsetWidth, card.offsetHeight, innerWidth, innerHeight].join(' ');
}

/** The line box of the mention nearest the pointer (a wrapped mention has several). */
function lineRect(range: Range, pointer: { x: number; y: number } | null): DOMRect {
  const rects = [...range.getClientRects()];
  if (!rects.length) return range.getBoundingClientRect();
  if (!pointer) return rects[0];
  let best = rects[0];
  let bestD = Number.POSITIVE_INFINITY;
  for (const r of rects) {
    const d = Math.abs(r.top + r.height / 2 - pointer.y) + (pointer.x < r.left ? r.left - pointer.x : pointer.x > r.right ? pointer.x - r.right : 0);
    if (d < bestD) [best, bestD] = [r, d];
  }
  return best;
}
