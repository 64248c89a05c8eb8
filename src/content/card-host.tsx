/**
 * The card's container inside the page layer's closed shadow root (`page-layer.ts`), positioned
 * next to the mention without covering it. Opening or closing a card changes nothing in the page's
 * DOM: the layer's host is there all along. One instance per page.
 */
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { render } from 'preact';
import type { CardData, CardTheme } from '../shared/card-data';
import { Card } from '../ui/Card';
import cardCss from '../ui/card.css?inline';
import type { PageLayer } from './page-layer';
import { cardThemeAt } from './page-theme';

let counter = 0;

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
  /** What the container holds now (shown, or prepared hidden during a dwell). */
  private prepared: { data: CardData; anchor: Range } | null = null;

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
    this.mount.setAttribute('style', 'position: fixed; top: 0; left: 0; visibility: hidden; pointer-events: auto;');
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
   * Render the card for a mention while the reader's dwell runs, hidden (the container stays
   * `visibility: hidden`, so it takes no pointer events and is not in the accessibility tree), so
   * the work of a first render (code, styles, fonts, layout) is done before the dwell ends and
   * `show` only places and reveals it. Nothing is prepared while a card is open.
   */
  prepare(data: CardData, anchor: Range, articleDate: string | undefined, onClose: () => void): void {
    if (this.openFor) return;
    this.renderCard(data, anchor, articleDate, onClose);
  }

  /** Drop a card prepared for a dwell that ended without opening it. */
  discard(): void {
    if (this.openFor || !this.prepared) return;
    this.prepared = null;
    render(null, this.mount);
  }

  private renderCard(data: CardData, anchor: Range, articleDate: string | undefined, onClose: () => void): void {
    if (this.prepared?.data === data && this.prepared.anchor === anchor) return;
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
    this.prepared = { data, anchor };
  }

  show(data: CardData, anchor: Range, pointer: { x: number; y: number } | null, articleDate: string | undefined, onClose: () => void): void {
    // The card prepared during the dwell for this mention is already rendered: it is placed and shown.
    this.renderCard(data, anchor, articleDate, onClose);
    this.openFor = anchor;
    this.shown = { entity: data.key, close: onClose };
    this.last = data.key;
    this.stopAutoUpdate?.();
    const reference = {
      getBoundingClientRect: () => lineRect(anchor, pointer),
      getClientRects: () => anchor.getClientRects(),
    };
    const place = () =>
      computePosition(reference, this.mount, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [
          offset(8),
          flip({ padding: 8, fallbackPlacements: ['top-start', 'bottom-end', 'top-end'] }),
          shift({ padding: 8 }),
          size({
            padding: 8,
            apply: ({ availableHeight }) => {
              this.mount.style.maxHeight = `${Math.max(160, Math.min(460, availableHeight))}px`;
            },
          }),
        ],
      }).then(({ x, y }) => {
        Object.assign(this.mount.style, { left: `${Math.round(x)}px`, top: `${Math.round(y)}px`, visibility: 'visible' });
        // A hidden element cannot take focus: move it in once the card is placed and visible.
        if (this.wantFocus) {
          this.wantFocus = false;
          this.focusDialog();
        }
      });
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
    this.prepared = null;
    render(null, this.mount);
    this.mount.style.visibility = 'hidden';
    if (hadFocus && returnTo?.isConnected) returnTo.focus({ preventScroll: true });
  }

  destroy(): void {
    this.hide();
  }
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
