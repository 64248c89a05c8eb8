// @vitest-environment happy-dom
// MarkOverlay in happy-dom with a fake layout and fake observers: underlines are boxes inside the
// page layer's shadow root (nothing in the page's DOM), drawn only for marks near the viewport,
// only where the text is on top (not under a sticky header), one draw per animation frame; flashes
// show even with underlines off and go away; removal and the end of the session clear them.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MarkOverlay } from '../../src/content/mark-overlay';
import { PageLayer } from '../../src/content/page-layer';
import { setBody } from './dom-fixtures';

/** IntersectionObserver, driven by the test: `near(el)` says an element came near the viewport. */
class FakeIntersectionObserver {
  static all: FakeIntersectionObserver[] = [];
  readonly watched = new Set<Element>();
  constructor(private readonly callback: (entries: { target: Element; isIntersecting: boolean }[]) => void) {
    FakeIntersectionObserver.all.push(this);
  }
  observe(el: Element) {
    this.watched.add(el);
  }
  unobserve(el: Element) {
    this.watched.delete(el);
  }
  disconnect() {
    this.watched.clear();
  }
  static near(el: Element, isIntersecting = true) {
    for (const o of FakeIntersectionObserver.all) if (o.watched.has(el)) o.callback([{ target: el, isIntersecting }]);
  }
}
class FakeResizeObserver {
  observe() {}
  disconnect() {}
}

const VIEW = { width: 1000, height: 800 };
let covering: Element | null = null;

function setup(underline = true) {
  setBody('<p id="a">Talks with Ada Example began.</p><p id="b">Bo Example left.</p><header id="bar">Menu</header>');
  const stop = new AbortController();
  const layer = new PageLayer();
  layer.host.getBoundingClientRect = () => ({ left: 0, top: 0, right: VIEW.width, bottom: VIEW.height, ...VIEW, x: 0, y: 0 }) as DOMRect;
  const overlay = new MarkOverlay(layer, underline, stop.signal);
  const rangeOf = (id: string, word: string, box: { left: number; top: number; width: number; height: number }) => {
    const node = document.getElementById(id)?.firstChild as Text;
    const r = document.createRange();
    r.setStart(node, node.data.indexOf(word));
    r.setEnd(node, node.data.indexOf(word) + word.length);
    r.getClientRects = () => [{ ...box, right: box.left + box.width, bottom: box.top + box.height, x: box.left, y: box.top }] as unknown as DOMRectList;
    return r;
  };
  // What is drawn at a point: the paragraph under it, unless something covers it.
  document.elementFromPoint = (_x: number, y: number) => covering ?? (y < 100 ? document.getElementById('a') : document.getElementById('b'));
  const boxes = () => [...layer.root.querySelectorAll('.marks > div')].filter((d) => !(d as HTMLElement).hidden) as HTMLElement[];
  return { stop, layer, overlay, rangeOf, boxes };
}

const frame = () => vi.advanceTimersByTimeAsync(50);

beforeEach(() => {
  vi.useFakeTimers();
  FakeIntersectionObserver.all = [];
  covering = null;
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('MarkOverlay', () => {
  it('draws an underline box in the layer, at the text, once its element is near the viewport', async () => {
    const { overlay, rangeOf, boxes, layer } = setup();
    const before = document.body.innerHTML;
    overlay.add(rangeOf('a', 'Ada Example', { left: 100, top: 40, width: 80, height: 20 }));
    await frame();
    expect(boxes()).toHaveLength(0);
    FakeIntersectionObserver.near(document.getElementById('a') as Element);
    await frame();
    const [u] = boxes();
    expect(u.className).toBe('u');
    expect(u.style.width).toBe('80px');
    expect(u.style.transform).toMatch(/^translate\(100(\.00)?px, 59\.40?px\)$/);
    // Nothing was added to the page: the only element is the layer's host, outside <body>.
    expect(document.body.innerHTML).toBe(before);
    expect(layer.host.parentElement).toBe(document.documentElement);
    expect(layer.host.attributes).toHaveLength(0);
  });

  it('leaves out boxes outside the viewport, too thin, or under something else (a sticky header)', async () => {
    const { overlay, rangeOf, boxes } = setup();
    overlay.add(rangeOf('a', 'Ada Example', { left: 100, top: -200, width: 80, height: 20 }));
    overlay.add(rangeOf('a', 'Talks', { left: 10, top: 40, width: 0.5, height: 20 }));
    overlay.add(rangeOf('b', 'Bo Example', { left: 10, top: 300, width: 60, height: 20 }));
    FakeIntersectionObserver.near(document.getElementById('a') as Element);
    FakeIntersectionObserver.near(document.getElementById('b') as Element);
    await frame();
    expect(boxes()).toHaveLength(1);
    covering = document.getElementById('bar');
    window.dispatchEvent(new Event('scroll'));
    await frame();
    expect(boxes()).toHaveLength(0);
  });

  it('a mark that moves away from the viewport, or is removed, is no longer drawn', async () => {
    const { overlay, rangeOf, boxes } = setup();
    const ada = rangeOf('a', 'Ada Example', { left: 100, top: 40, width: 80, height: 20 });
    const bo = rangeOf('b', 'Bo Example', { left: 10, top: 300, width: 60, height: 20 });
    overlay.add(ada);
    overlay.add(bo);
    FakeIntersectionObserver.near(document.getElementById('a') as Element);
    FakeIntersectionObserver.near(document.getElementById('b') as Element);
    await frame();
    expect(boxes()).toHaveLength(2);
    overlay.remove(bo);
    await frame();
    expect(boxes()).toHaveLength(1);
    FakeIntersectionObserver.near(document.getElementById('a') as Element, false);
    window.dispatchEvent(new Event('resize'));
    await frame();
    expect(boxes()).toHaveLength(0);
  });

  it('several marks in one element are drawn, removed one by one, and the element is let go after the last', async () => {
    const { overlay, rangeOf, boxes } = setup();
    const a = document.getElementById('a') as Element;
    const talks = rangeOf('a', 'Talks', { left: 10, top: 40, width: 40, height: 20 });
    const ada = rangeOf('a', 'Ada Example', { left: 100, top: 40, width: 80, height: 20 });
    overlay.add(talks);
    overlay.add(ada);
    overlay.add(ada);
    FakeIntersectionObserver.near(a);
    await frame();
    expect(boxes()).toHaveLength(2);
    overlay.remove(talks);
    await frame();
    expect(boxes().map((b) => b.style.width)).toEqual(['80px']);
    expect(FakeIntersectionObserver.all[0].watched.has(a)).toBe(true);
    overlay.remove(ada);
    await frame();
    expect(boxes()).toHaveLength(0);
    expect(FakeIntersectionObserver.all[0].watched.has(a)).toBe(false);
  });

  it('with underlines off draws no underline, but a flash still shows and then goes', async () => {
    const { overlay, rangeOf, boxes } = setup(false);
    const ada = rangeOf('a', 'Ada Example', { left: 100, top: 40, width: 80, height: 20 });
    overlay.add(ada);
    FakeIntersectionObserver.near(document.getElementById('a') as Element);
    await frame();
    expect(boxes()).toHaveLength(0);
    overlay.flash(ada, 1000);
    await frame();
    expect(boxes().map((b) => [b.className, b.style.height])).toEqual([['f', '20px']]);
    await vi.advanceTimersByTimeAsync(1000);
    await frame();
    expect(boxes()).toHaveLength(0);
  });

  it('uses the lighter underline on a dark page (light text)', async () => {
    const { overlay, rangeOf, boxes } = setup();
    (document.getElementById('a') as HTMLElement).style.color = 'rgb(240, 240, 240)';
    overlay.add(rangeOf('a', 'Ada Example', { left: 100, top: 40, width: 80, height: 20 }));
    FakeIntersectionObserver.near(document.getElementById('a') as Element);
    await frame();
    expect(boxes()[0]?.className).toBe('u d');
    // The page switches to a light theme (a class on <html>, dark text): the next draw follows it.
    (document.getElementById('a') as HTMLElement).style.color = 'rgb(20, 20, 20)';
    document.documentElement.classList.add('light');
    await frame();
    expect(boxes()[0]?.className).toBe('u');
  });

  it('ending the session removes every box', async () => {
    const { overlay, rangeOf, layer, stop } = setup();
    overlay.add(rangeOf('a', 'Ada Example', { left: 100, top: 40, width: 80, height: 20 }));
    FakeIntersectionObserver.near(document.getElementById('a') as Element);
    await frame();
    stop.abort();
    expect(layer.root.querySelector('.marks')).toBeNull();
  });
});
