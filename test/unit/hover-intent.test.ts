// @vitest-environment happy-dom
// HoverIntent with fake timers and a fake layout: a card opens only after a trusted pointer move
// onto a name and the dwell; never for synthetic events, for a pointer the page scrolled a name
// under, for a name moved away during the dwell, or for focus; it closes after the pointer
// leaves (not while inside the card) and on Escape; the keyboard command walks the names.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CardHost } from '../../src/content/card-host';
import { MentionIndex } from '../../src/content/mention-index';
import type { CardData } from '../../src/shared/card-data';
import { setBody } from './dom-fixtures';

const worker = vi.hoisted(() => ({ asked: [] as string[], fail: false }));
vi.mock('../../src/shared/messaging', () => ({
  send: async (kind: string, payload: { entity: string }) => {
    worker.asked.push(`${kind}:${payload.entity}`);
    if (worker.fail) return { ok: false, error: 'worker restarting' };
    return { ok: true, value: { key: payload.entity, name: payload.entity } as CardData };
  },
}));
const { HoverIntent } = await import('../../src/content/hover-intent');

const DWELL = 250;

/** A page of names with made-up line boxes: each name is a 100×20 box, one per row. */
function setup() {
  setBody('<p id="intro">Plain words here.</p><p><span>Ada Example</span> and <span>Bo Example</span> and <span>Ada Example</span></p>');
  const index = new MentionIndex();
  const boxes = new Map<Range, { left: number; top: number }>();
  const spans = [...document.querySelectorAll('span')];
  const mentions = spans.map((span, i) => {
    const range = document.createRange();
    range.selectNodeContents(span.firstChild as Text);
    range.setStart(span.firstChild as Text, 0);
    boxes.set(range, { left: 0, top: i * 40 });
    const box = () => {
      const b = boxes.get(range) ?? { left: -1000, top: -1000 };
      return { left: b.left, top: b.top, right: b.left + 100, bottom: b.top + 20, width: 100, height: 20, x: b.left, y: b.top } as DOMRect;
    };
    range.getClientRects = () => [box()] as unknown as DOMRectList;
    range.getBoundingClientRect = box;
    return index.add(range, span.textContent === 'Ada Example' ? 'p:ada' : 'p:bo');
  });
  const plain = document.getElementById('intro')?.firstChild as Text;
  // The caret under a point: inside a name's box, that name's text; anywhere else, the plain paragraph.
  (document as unknown as Record<string, unknown>).caretPositionFromPoint = (x: number, y: number) => {
    for (const m of mentions) {
      const r = m.range.getClientRects()[0];
      if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return { offsetNode: m.range.startContainer, offset: 2 };
    }
    return { offsetNode: plain, offset: 0 };
  };
  const shown: string[] = [];
  /** Every call HoverIntent makes on the card host, by method name (reads of `isOpen` aside). */
  const calls: string[] = [];
  let open = false;
  const methods = {
    warmUp: () => {},
    show: (data: CardData) => {
      shown.push(data.key);
      open = true;
    },
    hide: () => {
      open = false;
    },
    contains: (n: Node | null) => n !== null && n === cardEl,
    focus: vi.fn(),
  };
  // Any other method HoverIntent might call (one that renders ahead, say) is recorded too.
  const card = new Proxy(methods, {
    get(target, prop: string) {
      if (prop === 'isOpen') return open;
      if (prop === 'focus') return target.focus;
      const fn = (target as Record<string, unknown>)[prop] as ((...a: unknown[]) => unknown) | undefined;
      return (...args: unknown[]) => {
        calls.push(prop);
        return fn?.(...args);
      };
    },
  });
  const cardEl = document.createElement('div');
  document.body.append(cardEl);
  const stop = new AbortController();
  const hover = new HoverIntent(index, card as unknown as CardHost, { dwellMs: DWELL, pageEntities: () => ['p:ada', 'p:bo'] }, stop.signal);
  /** Move a name's box (the page scrolled or reflowed). */
  const moveBox = (i: number, to: { left: number; top: number } | null) => {
    if (to) boxes.set(mentions[i].range, to);
    else boxes.delete(mentions[i].range);
  };
  return { hover, card, shown, calls, mentions, moveBox, stop, cardEl, isOpen: () => open };
}

/** An event as the browser makes it for a person's action (isTrusted cannot be set by page scripts). */
function trusted<E extends Event>(e: E): E {
  Object.defineProperty(e, 'isTrusted', { value: true });
  return e;
}
const move = (x: number, y: number, opts: { trusted?: boolean; pointerType?: string } = {}) => {
  const e = new PointerEvent('pointermove', { clientX: x, clientY: y, pointerType: opts.pointerType ?? 'mouse', bubbles: true });
  window.dispatchEvent(opts.trusted === false ? e : trusted(e));
};
const down = (x: number, y: number, pointerType = 'mouse', target: EventTarget = document.body) => {
  const e = trusted(new PointerEvent('pointerdown', { clientX: x, clientY: y, pointerType, bubbles: true, composed: true }));
  target.dispatchEvent(e);
};
const settle = async (ms = 0) => {
  await vi.advanceTimersByTimeAsync(ms);
};

let page: ReturnType<typeof setup>;
beforeEach(() => {
  vi.useFakeTimers();
  worker.asked = [];
  worker.fail = false;
  page = setup();
});
afterEach(() => {
  page.stop.abort();
  vi.useRealTimers();
});

describe('opening', () => {
  it('a trusted move onto a name opens its card after the dwell, not before; the data is fetched during the dwell', async () => {
    move(50, 10);
    await settle(DWELL - 1);
    expect(page.shown).toEqual([]);
    expect(worker.asked).toEqual(['card:p:ada']);
    await settle(1);
    expect(page.shown).toEqual(['p:ada']);
  });

  it('crossing a known name without dwelling does no card work: the same as crossing a plain word', async () => {
    move(5, 120); // the first move warms the card path, wherever it is
    await settle(0);
    const card = (from: number) => page.calls.slice(from).filter((c) => c !== 'warmUp' && c !== 'contains');
    // Across a plain word.
    let from = page.calls.length;
    move(5, 100);
    await settle(0);
    move(500, 500);
    await settle(DWELL * 2);
    const plain = card(from);
    // Across a name, its data arriving before the pointer leaves.
    from = page.calls.length;
    move(50, 10);
    await settle(0);
    expect(worker.asked).toEqual(['card:p:ada']);
    move(500, 500);
    await settle(DWELL * 2);
    expect(card(from)).toEqual(plain);
    expect(plain).toEqual([]);
    expect(page.shown).toEqual([]);
    // A name moved away during the dwell: no card work either.
    from = page.calls.length;
    move(50, 50);
    await settle(DWELL / 2);
    page.moveBox(1, { left: 0, top: 400 });
    await settle(DWELL);
    expect(card(from)).toEqual([]);
  });

  it('every trusted move asks the card host to warm up (it does so once), names or not; synthetic moves do not', async () => {
    move(50, 10, { trusted: false });
    move(5, 100, { trusted: false });
    await settle(DWELL);
    expect(page.calls).toEqual([]);
    move(5, 100);
    expect(page.calls).toEqual(['warmUp']);
    move(50, 10);
    expect(page.calls).toEqual(['warmUp', 'warmUp']);
  });

  it('a session stopped during the dwell opens nothing: the dwell ends with it', async () => {
    move(50, 10);
    await settle(DWELL / 2);
    page.stop.abort();
    await settle(DWELL * 2);
    expect(page.shown).toEqual([]);
    expect(page.calls.filter((c) => c === 'show')).toEqual([]);
  });

  it('a session stopped while the card data is on its way opens nothing', async () => {
    page.hover.openAtSelection();
    page.stop.abort();
    await settle(0);
    expect(page.shown).toEqual([]);
  });

  it('moving within the same name keeps the dwell; moving off before it ends opens nothing', async () => {
    move(50, 10);
    await settle(100);
    move(60, 12);
    await settle(DWELL - 100);
    expect(page.shown).toEqual(['p:ada']);
    move(50, 50);
    await settle(50);
    move(500, 500);
    await settle(DWELL * 2);
    expect(page.shown).toEqual(['p:ada']);
  });

  it('synthetic pointer events (a page script) never open a card', async () => {
    move(50, 10, { trusted: false });
    await settle(DWELL * 4);
    expect(page.shown).toEqual([]);
    expect(worker.asked).toEqual([]);
  });

  it('a page that scrolls a name under a resting pointer opens nothing (the browser’s same-spot move is ignored)', async () => {
    move(50, 200);
    await settle(DWELL * 2);
    page.moveBox(1, { left: 0, top: 190 });
    move(50, 200);
    await settle(DWELL * 4);
    expect(page.shown).toEqual([]);
    // A real move onto it, by the reader, does open it.
    move(51, 200);
    await settle(DWELL);
    expect(page.shown).toEqual(['p:bo']);
  });

  it('a name moved away during the dwell (scroll, DOM change) opens nothing', async () => {
    move(50, 50);
    await settle(DWELL / 2);
    page.moveBox(1, { left: 0, top: 400 });
    await settle(DWELL * 2);
    expect(page.shown).toEqual([]);
    page.mentions[1].range.startContainer.parentElement?.remove();
    page.moveBox(1, null);
    move(50, 51);
    await settle(DWELL * 2);
    expect(page.shown).toEqual([]);
  });

  it('focus (programmatic or not) opens nothing', async () => {
    const span = page.mentions[0].range.startContainer.parentElement as HTMLElement;
    span.tabIndex = 0;
    span.focus();
    span.dispatchEvent(trusted(new FocusEvent('focusin', { bubbles: true })));
    await settle(DWELL * 4);
    expect(page.shown).toEqual([]);
    expect(worker.asked).toEqual([]);
  });

  it('touch: moves do nothing, a tap on a name opens its card at once', async () => {
    move(50, 10, { pointerType: 'touch' });
    await settle(DWELL * 2);
    expect(page.shown).toEqual([]);
    down(50, 50, 'touch');
    await settle(0);
    expect(page.shown).toEqual(['p:bo']);
  });

  it('a card whose data did not come (worker restarting) does not open, and is asked for again next time', async () => {
    worker.fail = true;
    move(50, 10);
    await settle(DWELL);
    expect(page.shown).toEqual([]);
    worker.fail = false;
    const asked = worker.asked.length;
    move(500, 500);
    move(50, 11);
    await settle(DWELL);
    expect(page.shown).toEqual(['p:ada']);
    expect(worker.asked.length).toBeGreaterThan(asked);
  });
});

describe('closing', () => {
  async function openAda() {
    move(50, 10);
    await settle(DWELL);
    expect(page.isOpen()).toBe(true);
  }

  it('closes shortly after the pointer leaves, but not while it is inside the card', async () => {
    await openAda();
    page.hover.setInsideCard(true);
    move(500, 500);
    await settle(1000);
    expect(page.isOpen()).toBe(true);
    page.hover.setInsideCard(false);
    move(501, 500);
    await settle(299);
    expect(page.isOpen()).toBe(true);
    await settle(1);
    expect(page.isOpen()).toBe(false);
  });

  it('coming back to the name before the delay keeps it open', async () => {
    await openAda();
    move(500, 500);
    await settle(200);
    move(50, 12);
    await settle(1000);
    expect(page.isOpen()).toBe(true);
  });

  it('Escape closes (a synthetic Escape does not); a click elsewhere closes; a click in the card does not', async () => {
    await openAda();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(page.isOpen()).toBe(true);
    window.dispatchEvent(trusted(new KeyboardEvent('keydown', { key: 'Escape' })));
    expect(page.isOpen()).toBe(false);

    move(500, 500);
    await openAda();
    down(60, 10, 'mouse', page.cardEl);
    expect(page.isOpen()).toBe(true);
    down(500, 500);
    expect(page.isOpen()).toBe(false);
  });

  it('ending the session closes the card', async () => {
    await openAda();
    page.stop.abort();
    expect(page.isOpen()).toBe(false);
  });
});

describe('the keyboard command', () => {
  it('opens the name at the selection, then the next other name on each press, with focus in the card', async () => {
    const sel = document.getSelection() as Selection;
    const r = document.createRange();
    r.setStart(page.mentions[0].range.startContainer, 3);
    sel.removeAllRanges();
    sel.addRange(r);
    expect(page.hover.openAtSelection()).toBe(true);
    await settle(0);
    expect(page.shown).toEqual(['p:ada']);
    expect(page.card.focus).toHaveBeenCalled();
    page.hover.openAtSelection();
    await settle(0);
    expect(page.shown).toEqual(['p:ada', 'p:bo']);
  });

  it('with nothing selected, opens the name nearest the middle of the screen; with no names, nothing', async () => {
    document.getSelection()?.removeAllRanges();
    page.moveBox(0, { left: 0, top: -500 });
    page.moveBox(1, { left: innerWidth / 2 - 50, top: innerHeight / 2 - 10 });
    expect(page.hover.openAtSelection()).toBe(true);
    await settle(0);
    expect(page.shown).toEqual(['p:bo']);
    const empty = new HoverIntent(new MentionIndex(), page.card as unknown as CardHost, { dwellMs: DWELL, pageEntities: () => [] }, page.stop.signal);
    expect(empty.openAtSelection()).toBe(false);
  });
});

describe('a name under an element the page lays over the text', () => {
  /**
   * An element over the first name (a link stretched over a teaser, a footer the layout lets
   * overlap the article): the caret lookup lands in its text, and the browser lists it above the
   * name's element at that point.
   */
  function overlay(style: string, child: Node | null = document.createElement('span')) {
    const over = document.createElement('div');
    over.setAttribute('style', style);
    over.append('\n', ...(child ? [child, '\n'] : []));
    document.body.append(over);
    const name = page.mentions[0].range.startContainer.parentElement as HTMLElement;
    const doc = document as unknown as Record<string, unknown>;
    const under = doc.caretPositionFromPoint as (x: number, y: number) => unknown;
    doc.caretPositionFromPoint = (x: number, y: number) => (y <= 20 ? { offsetNode: over.firstChild, offset: 1 } : under(x, y));
    doc.elementsFromPoint = (_x: number, y: number) => (y <= 20 ? [over, name, name.parentElement, document.body] : [document.body]);
    return over;
  }

  it('a see-through element (no background, no text of its own there): the name under it opens its card', async () => {
    overlay('position: absolute; top: 0; left: 0');
    move(50, 10);
    await settle(DWELL);
    expect(page.shown).toEqual(['p:ada']);
  });

  it('an element that paints over the name (a background, a picture) hides it: nothing opens', async () => {
    overlay('position: absolute; background-color: rgb(215, 225, 228)');
    move(50, 10);
    await settle(DWELL * 2);
    expect(page.shown).toEqual([]);
    document.body.lastElementChild?.remove();
    overlay('position: absolute', document.createElement('img'));
    (document as unknown as Record<string, unknown>).elementsFromPoint = () => [document.querySelector('img'), ...document.querySelectorAll('span, p, body')];
    move(51, 10);
    await settle(DWELL * 2);
    expect(page.shown).toEqual([]);
  });

  it('text of another element over the name (paragraphs a broken layout lets overlap) does not hide it', async () => {
    const over = overlay('position: absolute', null);
    over.textContent = 'Teaser text';
    move(50, 10);
    await settle(DWELL);
    expect(page.shown).toEqual(['p:ada']);
  });
});
