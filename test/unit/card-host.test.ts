// @vitest-environment happy-dom
// CardHost in happy-dom: the card is rendered inside the page layer's shadow root (the page's DOM
// does not change), placed and shown, focus goes into it for keyboard users and back on close,
// and "Full backstory" and the pointer-inside signal answer only the reader's own (trusted) events.
import { describe, expect, it, vi } from 'vitest';
import type { CardData } from '../../src/shared/card-data';
import { setBody } from './dom-fixtures';
import { getMessage } from './fake-i18n';

vi.mock('../../src/shared/browser', () => ({
  default: {
    i18n: { getMessage: (key: string, subs?: string[]) => getMessage(key, subs) },
    runtime: { id: 'test', getURL: (p: string) => `chrome-extension://test/${p}` },
  },
}));
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

function setup() {
  setBody('<p id="a">Talks with Ada Example began.</p><button id="before">Earlier focus</button>');
  const node = document.getElementById('a')?.firstChild as Text;
  const anchor = document.createRange();
  anchor.setStart(node, 11);
  anchor.setEnd(node, 22);
  const layer = new PageLayer();
  const inside: boolean[] = [];
  const full: string[] = [];
  const host = new CardHost(layer, (b) => inside.push(b), { theme: 'light', onFullBackstory: (k) => full.push(k) });
  const closed: number[] = [];
  const open = () => host.show(data, anchor, { x: 120, y: 30 }, undefined, () => closed.push(1));
  const mount = () => layer.root.querySelector('.bs-float') as HTMLElement;
  return { layer, host, open, mount, inside, full, closed };
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

  it('a card prepared during the dwell is rendered hidden, not open; show reveals that same card; discard drops it', async () => {
    const { host, open, mount, layer } = setup();
    const anchor = document.createRange();
    anchor.selectNodeContents(document.getElementById('a') as HTMLElement);
    host.prepare(data, anchor, undefined, () => {});
    expect(host.isOpen).toBe(false);
    expect(mount().style.visibility).toBe('hidden');
    const dialog = layer.root.querySelector('[role="dialog"]');
    expect(dialog?.textContent).toContain('Ada Example');
    host.discard();
    expect(mount().textContent).toBe('');
    // Prepared, then shown for the same data and mention: the rendered card is the one revealed.
    host.prepare(data, anchor, undefined, () => {});
    const prepared = layer.root.querySelector('[role="dialog"]');
    host.show(data, anchor, { x: 120, y: 30 }, undefined, () => {});
    expect(layer.root.querySelector('[role="dialog"]')).toBe(prepared);
    await vi.waitFor(() => expect(mount().style.visibility).toBe('visible'));
    // While a card is open, nothing is prepared over it and discard leaves it.
    host.prepare({ ...data, key: 'p:bo', name: 'Bo Example' }, anchor, undefined, () => {});
    host.discard();
    expect(mount().textContent).toContain('Ada Example');
    expect(host.isOpen).toBe(true);
    host.hide();
    // Shown for another mention than the one prepared: rendered again for it.
    host.prepare(data, anchor, undefined, () => {});
    const preparedHeading = layer.root.querySelector('h2')?.id;
    open();
    expect(host.isOpen).toBe(true);
    expect(layer.root.querySelector('h2')?.id).not.toBe(preparedHeading);
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
