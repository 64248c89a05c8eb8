// @vitest-environment happy-dom
// CardHost in happy-dom: the card is rendered inside the page layer's shadow root (the page's DOM
// does not change), placed and shown, focus goes into it for keyboard users and back on close,
// and "Full backstory" and the pointer-inside signal answer only the reader's own (trusted) events.
import { describe, expect, it, vi } from 'vitest';
import type { CardData } from '../../src/shared/card-data';
import { setBody } from './dom-fixtures';
import { getMessage } from './fake-i18n';

vi.mock('../../src/shared/browser', async () => (await import('./fake-browser')).browserModule);
const { CardHost } = await import('../../src/content/card-host');
const { PageLayer } = await import('../../src/content/page-layer');

const data: CardData = {
  key: 'p:ada',
  name: 'Ada Example',
  type: 'person',
  description: 'Engineer of the Alder bridge',
  facts: [],
  sources: [],
  statements: [],
  events: [],
  relatedOnPage: [],
  packs: [{ id: 'p', title: 'Test pack', version: 1 }],
};

function setup(footerAction?: { label: string; onClick: () => void }) {
  setBody('<p id="a">Talks with Ada Example began.</p><button id="before">Earlier focus</button>');
  const node = document.getElementById('a')?.firstChild as Text;
  const anchor = document.createRange();
  anchor.setStart(node, 11);
  anchor.setEnd(node, 22);
  const layer = new PageLayer();
  const inside: boolean[] = [];
  const full: string[] = [];
  const host = new CardHost(layer, (b) => inside.push(b), { theme: 'light', onFullBackstory: (k) => full.push(k), footerAction });
  const closed: number[] = [];
  const open = () => host.show(data, anchor, { x: 120, y: 30 }, undefined, () => closed.push(1));
  const mount = () => layer.root.querySelector('.bs-float') as HTMLElement;
  return { layer, host, open, mount, inside, full, closed, anchor };
}
const trusted = <E extends Event>(e: E): E => Object.defineProperty(e, 'isTrusted', { value: true });

describe('CardHost', () => {
  it('renders the card inside the layer, not in the page, and shows it once placed', async () => {
    const { host, open, mount, layer } = setup();
    const page = document.body.innerHTML;
    expect(host.isOpen).toBe(false);
    open();
    expect(host.isOpen).toBe(true);
    expect(mount().textContent).toContain('Ada Example');
    expect(mount().textContent).toContain('Engineer of the Alder bridge');
    expect(document.body.innerHTML).toBe(page);
    expect(host.contains(layer.host)).toBe(true);
    expect(host.contains(mount().firstElementChild)).toBe(true);
    expect(host.contains(document.getElementById('a'))).toBe(false);
    await vi.waitFor(() => expect(mount().style.visibility).toBe('visible'));
    host.hide();
    expect(host.isOpen).toBe(false);
    expect(mount().textContent).toBe('');
    expect(mount().style.visibility).toBe('hidden');
  });

  it('renders a card only when one opens: there is no way to render one ahead for a mention', () => {
    const { host, mount } = setup();
    const api = Object.getOwnPropertyNames(Object.getPrototypeOf(host));
    expect(api).not.toContain('prepare');
    expect(api).not.toContain('discard');
    expect(mount().textContent).toBe('');
  });

  it('a placement that resolves after the card closed, or after another card opened, reveals nothing', async () => {
    const { host, open, mount, layer } = setup();
    open();
    host.hide();
    // The first placement of the closed card resolves now: the container stays hidden and empty.
    await new Promise((r) => setTimeout(r, 20));
    expect(mount().style.visibility).toBe('hidden');
    expect(layer.root.querySelector('[role="dialog"]')).toBe(null);
    // Open, close, open for another mention: only the open card's placement counts.
    const other = document.createRange();
    other.selectNodeContents(document.getElementById('before') as HTMLElement);
    other.getClientRects = () => [new DOMRect(300, 200, 80, 20)] as unknown as DOMRectList;
    other.getBoundingClientRect = () => new DOMRect(300, 200, 80, 20);
    open();
    host.hide();
    host.show({ ...data, key: 'p:bo', name: 'Bo Example' }, other, null, undefined, () => {});
    await vi.waitFor(() => expect(mount().style.visibility).toBe('visible'));
    expect(mount().textContent).toContain('Bo Example');
    expect(host.isOpen).toBe(true);
  });

  it('after the session ends, a late show neither draws nor puts the layer back', async () => {
    const { host, open, mount, layer } = setup();
    layer.destroy();
    host.destroy();
    open();
    expect(layer.host.isConnected).toBe(false);
    expect(host.isOpen).toBe(false);
    expect(mount().textContent).toBe('');
  });

  it('the warm-up renders one placeholder card (no pack data) hidden, lays it out, removes it; once per page', async () => {
    const { host, layer, mount, open } = setup();
    const page = document.body.innerHTML;
    const active = document.activeElement;
    // What the placeholder is when its layout is forced (its one transparent paint: the next test).
    const seen: { text: string; style: string; dialogs: number }[] = [];
    const rect = Element.prototype.getBoundingClientRect;
    Element.prototype.getBoundingClientRect = function (this: Element) {
      if (this.classList.contains('bs-warm'))
        seen.push({
          text: this.textContent ?? '',
          style: this.getAttribute('style') ?? '',
          dialogs: this.querySelectorAll('[role="dialog"]').length,
        });
      return rect.call(this);
    };
    try {
      host.warmUp();
      host.warmUp();
      // Not in the pointer move's task: in one of its own.
      expect(seen).toEqual([]);
      await new Promise((r) => setTimeout(r, 10));
      host.warmUp();
      await new Promise((r) => setTimeout(r, 10));
    } finally {
      Element.prototype.getBoundingClientRect = rect;
    }
    expect(seen).toHaveLength(1);
    const [warm] = seen;
    expect(warm.dialogs).toBe(1);
    expect(warm.text).toContain('Placeholder');
    expect(warm.text).not.toContain('Ada');
    expect(warm.style).toContain('visibility: hidden');
    expect(warm.style).toContain('position: fixed');
    // Laid out with the card container's own styles; hidden, it takes no pointer events, and it is
    // made inert before it is ever visible.
    expect(warm.style).toContain('pointer-events: auto');
    for (let i = 0; i < 100 && layer.root.querySelector('.bs-warm'); i++) await new Promise((r) => setTimeout(r, 5));
    // Gone again: the layer holds only the (empty) card container; the page and focus are untouched.
    expect(layer.root.querySelector('.bs-warm')).toBe(null);
    expect(layer.root.querySelectorAll('[role="dialog"]')).toHaveLength(0);
    expect(mount().textContent).toBe('');
    expect(document.body.innerHTML).toBe(page);
    expect(document.activeElement).toBe(active);
    expect(host.isOpen).toBe(false);
    // A card opens as usual afterwards.
    open();
    expect(mount().textContent).toContain('Ada Example');
  });

  it("the warm-up card has every kind of element a full real card shows, with the host's footer, and every letter and digit in its text", async () => {
    const { host, mount, anchor } = setup({ label: 'Turn off on this site', onClick: () => {} });
    // Element and classes; the type badge's colour class (`bs-type-*`) follows the entity's type.
    const classes = (el: Element) => [...el.classList].filter((c) => !c.startsWith('bs-type-')).sort();
    const kinds = (root: Element) => new Set([...root.querySelectorAll('*')].map((el) => [el.localName, ...classes(el)].join('.')));
    let warm: { kinds: Set<string>; texts: string[] } | null = null;
    const rect = Element.prototype.getBoundingClientRect;
    Element.prototype.getBoundingClientRect = function (this: Element) {
      if (this.classList.contains('bs-warm') && !warm) {
        // The text of each type style that carries pack text (name, description, quotes, event title).
        const texts = ['h2', '.desc', 'blockquote', '.ev-title'].map((s) => [...this.querySelectorAll(s)].map((el) => el.textContent).join(' '));
        warm = { kinds: kinds(this), texts };
      }
      return rect.call(this);
    };
    try {
      host.warmUp();
      await new Promise((r) => setTimeout(r, 10));
    } finally {
      Element.prototype.getBoundingClientRect = rect;
    }
    expect(warm).not.toBe(null);
    const seen = warm as unknown as { kinds: Set<string>; texts: string[] };
    // A real card with every part: two quotes from two packs, an event before the article and one after it.
    const source = { title: 'Report', url: 'https://news.example/a', publisher: 'News', date: '2020-01-01' };
    const full: CardData = {
      ...data,
      summary: 'Summary.',
      sources: [source],
      statements: [
        { id: 's1', date: '2020-01-02', text: 'Short.', source, pack: 'Pack A' },
        { id: 's2', date: '2020-01-01', text: 'Another quote.', source, pack: 'Pack B' },
      ],
      events: [
        { id: 'e1', date: '2020-01-01', title: 'Talks', source, with: ['Bo'], pack: 'Pack A' },
        { id: 'e2', date: '2021-01-01', title: 'Later talks', source, with: [], pack: 'Pack B' },
      ],
    };
    host.show(full, anchor, { x: 120, y: 30 }, '2020-06-01', () => {});
    const real = kinds(mount());
    expect(real.has('footer.actions')).toBe(true);
    expect([...real].filter((k) => !seen.kinds.has(k))).toEqual([]);
    for (const text of seen.texts) for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789') expect(text).toContain(c);
  });

  it('while the placeholder waits for its one paint it is transparent, inert, aria-hidden, takes no pointer events and is no dialog; then it goes', async () => {
    const { host, layer } = setup();
    host.warmUp();
    let box: HTMLElement | null = null;
    for (let i = 0; i < 50 && !box; i++) {
      await new Promise((r) => setTimeout(r, 0));
      box = layer.root.querySelector<HTMLElement>('.bs-warm');
    }
    expect(box).not.toBe(null);
    const warm = box as HTMLElement;
    // The placement code's promise settles in the render's task: the placeholder is already in its painted state.
    expect(warm.style.opacity).toBe('0');
    expect(warm.style.pointerEvents).toBe('none');
    expect(warm.hasAttribute('inert')).toBe(true);
    expect(warm.getAttribute('aria-hidden')).toBe('true');
    expect(warm.querySelector('[role]')).toBe(null);
    expect(layer.root.querySelectorAll('[role="dialog"]')).toHaveLength(0);
    for (let i = 0; i < 100 && warm.isConnected; i++) await new Promise((r) => setTimeout(r, 5));
    expect(warm.isConnected).toBe(false);
  });

  it('the session ending removes a placeholder still waiting for its paint', async () => {
    const { host, layer } = setup();
    host.warmUp();
    for (let i = 0; i < 50 && !layer.root.querySelector('.bs-warm'); i++) await new Promise((r) => setTimeout(r, 0));
    expect(layer.root.querySelector('.bs-warm')).not.toBe(null);
    host.destroy();
    expect(layer.root.querySelector('.bs-warm')).toBe(null);
  });

  it('no warm-up once a card has been shown, nor after the session ended', async () => {
    const first = setup();
    first.open();
    first.host.warmUp();
    await new Promise((r) => setTimeout(r, 10));
    expect(first.layer.root.querySelectorAll('[role="dialog"]')).toHaveLength(1);
    const second = setup();
    second.layer.destroy();
    second.host.destroy();
    second.host.warmUp();
    await new Promise((r) => setTimeout(r, 10));
    expect(second.layer.host.isConnected).toBe(false);
    expect(second.layer.root.querySelector('.bs-warm')).toBe(null);
  });

  it('keyboard: focus moves into the card and back where it was when the card closes', async () => {
    const { host, open, layer } = setup();
    const before = document.getElementById('before') as HTMLElement;
    before.focus();
    open();
    host.focus();
    await vi.waitFor(() => expect(layer.root.activeElement?.getAttribute('role')).toBe('dialog'));
    host.hide();
    expect(document.activeElement).toBe(before);
  });

  it('"Full backstory" and the pointer-inside signal answer only trusted events', async () => {
    const { open, mount, inside, full, closed } = setup();
    open();
    const button = [...mount().querySelectorAll('button')].find((b) => b.textContent === getMessage('cardFullBackstory')) as HTMLButtonElement;
    button.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(full).toEqual([]);
    button.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true })));
    expect(full).toEqual(['p:ada']);
    expect(closed).toEqual([1]);
    mount().dispatchEvent(new PointerEvent('pointerenter'));
    expect(inside).toEqual([]);
    mount().dispatchEvent(trusted(new PointerEvent('pointerenter')));
    mount().dispatchEvent(trusted(new PointerEvent('pointerleave')));
    expect(inside).toEqual([true, false]);
  });
});
