/**
 * From pointer to card: find the mention under the pointer (underlines get no mouse events, so we
 * ask the caret position and look it up), wait for the dwell, open the card; close shortly after
 * the pointer leaves both the mention and the card, or on Escape.
 *
 * A card opens only after the reader acts: a trusted pointer move to a new position, a tap, or the
 * keyboard command. Scrolling, DOM changes and focus never open one, so a page cannot slide names
 * under a resting pointer to find out which ones Backstory knows.
 */
import { send } from '../shared/messaging';
import type { CardHost } from './card-host';
import { nearestToCentre, nextName } from './keyboard-nav';
import { caretAt, type Mention, type MentionIndex, pointInRange } from './mention-index';
import { mentionSeenThrough } from './seen-through';

const CLOSE_DELAY_MS = 300;

export interface HoverOptions {
  dwellMs: number;
  articleDate?: string;
  pageEntities: () => string[];
}

export class HoverIntent {
  private current: Mention | null = null;
  private shown: Mention | null = null;
  private dwellTimer: ReturnType<typeof setTimeout> | null = null;
  private closeTimer: ReturnType<typeof setTimeout> | null = null;
  private last = { x: Number.NaN, y: Number.NaN };
  private insideCard = false;
  private returnFocus: HTMLElement | null = null;
  private request = 0;

  constructor(
    private readonly index: MentionIndex,
    private readonly card: CardHost,
    private readonly opts: HoverOptions,
    private readonly signal: AbortSignal,
  ) {
    const listen = { capture: true, passive: true, signal } as const;
    window.addEventListener('pointermove', (e) => this.onMove(e), listen);
    window.addEventListener('pointerdown', (e) => this.onDown(e), listen);
    window.addEventListener('keydown', (e) => this.onKey(e), { capture: true, signal });
    signal.addEventListener('abort', () => {
      // The session stopped: a running dwell ends with it, and an open card closes.
      if (this.dwellTimer) clearTimeout(this.dwellTimer);
      this.dwellTimer = null;
      this.close();
    });
  }

  setInsideCard(inside: boolean): void {
    this.insideCard = inside;
    if (inside) this.cancelClose();
    else if (this.shown && this.current !== this.shown) this.scheduleClose();
  }

  private onMove(e: PointerEvent): void {
    if (!e.isTrusted) return;
    // The reader's first movement anywhere warms the card path once (a fixed placeholder card, the
    // same on every page): nothing depends on what is under the pointer.
    this.card.warmUp();
    if (e.pointerType === 'touch') return;
    // A move to the same spot is the browser refreshing hover after a scroll or reflow, not the reader.
    if (e.clientX === this.last.x && e.clientY === this.last.y) return;
    this.last = { x: e.clientX, y: e.clientY };
    // A caret lookup costs microseconds; doing it at once (not on the next frame) saves latency.
    this.onMoveAt(this.last.x, this.last.y);
  }

  private onDown(e: PointerEvent): void {
    if (!e.isTrusted) return;
    if (this.card.contains(e.composedPath()[0] as Node)) return;
    const m = this.mentionAt(e.clientX, e.clientY);
    if (e.pointerType === 'touch' && m) {
      // Touch has no hover: a tap on a mention opens its card at once.
      this.current = m;
      void this.open(m, { x: e.clientX, y: e.clientY }, false);
      return;
    }
    if (this.shown && !m) this.close();
  }

  private onKey(e: KeyboardEvent): void {
    if (!e.isTrusted || e.key !== 'Escape' || !this.shown) return;
    this.close();
    this.returnFocus?.focus?.();
    this.returnFocus = null;
  }

  private mentionAt(x: number, y: number): Mention | null {
    const caret = caretAt(x, y);
    const m = caret && (this.index.at(caret.node, caret.offset) ?? (caret.offset > 0 ? this.index.at(caret.node, caret.offset - 1) : null));
    if (m && pointInRange(m.range, x, y)) return m;
    // The caret fell into an element laid over the text (a stretched link, an overlapping footer):
    // the name the reader sees through it still counts.
    return mentionSeenThrough(this.index, document.elementsFromPoint?.(x, y) ?? [], x, y);
  }

  private onMoveAt(x: number, y: number): void {
    if (this.insideCard) return;
    const m = this.mentionAt(x, y);
    if (m === this.current) return;
    this.current = m;
    if (this.dwellTimer) clearTimeout(this.dwellTimer);
    this.dwellTimer = null;
    if (m && m === this.shown) {
      this.cancelClose();
      return;
    }
    if (m) {
      // Fetch during the dwell, so the card paints as soon as the dwell ends. Nothing is rendered
      // before the dwell ends: crossing a name costs what crossing any word costs, and a message.
      void this.cardData(m.entity);
      this.dwellTimer = setTimeout(() => {
        this.dwellTimer = null;
        if (this.signal.aborted || this.current !== m) return;
        // The page may have scrolled or moved the mention away during the dwell: then nothing opens.
        if (!pointInRange(m.range, this.last.x, this.last.y)) {
          this.current = null;
          return;
        }
        void this.open(m, this.last, false);
      }, this.opts.dwellMs);
    }
    if (this.shown) this.scheduleClose();
  }

  async open(m: Mention, pointer: { x: number; y: number } | null, focus: boolean): Promise<void> {
    const req = ++this.request;
    const reply = await this.cardData(m.entity);
    // A session stopped meanwhile (Backstory turned off here) opens nothing.
    if (this.signal.aborted || req !== this.request || !reply.ok || !reply.value) return;
    this.cancelClose();
    if (focus) this.returnFocus = document.activeElement as HTMLElement | null;
    this.shown = m;
    this.card.show(reply.value, m.range, pointer, this.opts.articleDate, this.onClose);
    if (focus) this.card.focus();
  }

  private readonly onClose = () => this.close();

  private cache = new Map<string, ReturnType<typeof send<'card'>>>();

  /** Card data for an entity, fetched once per page view (the page's entities may grow: refetch then). */
  private cardData(entity: string): ReturnType<typeof send<'card'>> {
    const page = this.opts.pageEntities();
    const key = `${entity}|${page.length}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = send('card', { entity, pageEntities: page.slice(0, 500) });
      if (this.cache.size > 64) this.cache.clear();
      this.cache.set(key, hit);
      // A failed lookup (worker restarting) is not kept.
      void hit.then((r) => {
        if (!r.ok) this.cache.delete(key);
      });
    }
    return hit;
  }

  private byKeyboard: Mention | null = null;

  /**
   * Keyboard command: the mention at the selection or caret; with none there, the name nearest
   * the centre of the viewport; pressed again while that card is open, the next name.
   */
  openAtSelection(): boolean {
    let m: Mention | null = null;
    if (this.byKeyboard && this.shown === this.byKeyboard) m = nextName(this.index.mentions, this.byKeyboard);
    else {
      const sel = document.getSelection();
      const r = sel?.rangeCount ? sel.getRangeAt(0) : null;
      if (r) m = this.index.at(r.startContainer, r.startOffset) ?? this.index.at(r.endContainer, Math.max(0, r.endOffset - 1));
      m ??= nearestToCentre(this.index.mentions);
    }
    if (!m) return false;
    this.byKeyboard = m;
    const box = m.range.getBoundingClientRect();
    if (box.bottom < 0 || box.top > innerHeight) m.range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    void this.open(m, null, true);
    return true;
  }

  private scheduleClose(): void {
    if (this.closeTimer) return;
    this.closeTimer = setTimeout(() => {
      this.closeTimer = null;
      if (!this.insideCard && this.current !== this.shown) this.close();
    }, CLOSE_DELAY_MS);
  }

  private cancelClose(): void {
    if (this.closeTimer) clearTimeout(this.closeTimer);
    this.closeTimer = null;
  }

  close(): void {
    this.cancelClose();
    this.request++;
    this.shown = null;
    this.insideCard = false;
    if (this.card.isOpen) this.card.hide();
  }
}
