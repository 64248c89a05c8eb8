// @vitest-environment happy-dom
/**
 * Pack text is never code: the real Preact components of the card, the side panel and the popup render arbitrary
 * (hostile) CardData and SearchHit strings, and the DOM they produce holds only our elements, no event
 * handlers, only http(s) links, no bidi controls, and no script runs. The generators and helpers
 * are in hostile-render.ts; the suites are two files so that Vitest runs them side by side.
 */
import fc from 'fast-check';
import { h } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { EntityDetail } from '../../src/popup/EntityDetail';
import { OnThisPagePanel } from '../../src/popup/OnThisPagePanel';
import { SearchPanel } from '../../src/popup/SearchPanel';
import { Card } from '../../src/ui/Card';
import { FullBackstory } from '../../src/ui/FullBackstory';
import { glanceOf } from '../../src/ui/glance';
import { cardData, date, expectSafe, fake, few, flush, key, maybe, mount, root, searchHit, shown, text, until } from './hostile-render';
import { CANARY, unsafeDom, visibleText } from './render-checks';

vi.mock('../../src/shared/browser', async () => (await import('./fake-browser')).browserModule);

describe('the safety checks themselves', () => {
  it('catch markup parsed as HTML, event handlers, script URLs and bidi controls (negative control)', async () => {
    // A deliberately unsafe component, to prove the checks can fail.
    const unsafe = (html: string, href: string) => h('div', null, h('a', { href }, 'x'), h('p', { dangerouslySetInnerHTML: { __html: html } }));
    await mount(unsafe('<img src=x onerror="1">', 'https://ok.example/'));
    expect(unsafeDom(root).join()).toMatch(/event handler attribute onerror|URL attribute src/);
    await mount(unsafe('<b>bold</b>', 'https://ok.example/'));
    expect(unsafeDom(root).join()).toMatch(/foreign element <b>/);
    await mount(unsafe('', 'javascript:void 0'));
    expect(unsafeDom(root).join()).toMatch(/non-http\(s\) link/);
    await mount(unsafe('\u202Eabc', 'https://ok.example/'));
    expect(unsafeDom(root).join()).toMatch(/bidi/);
    (globalThis as Record<string, unknown>)[CANARY] = 1;
    expect(unsafeDom(root).join()).toMatch(/canary/);
    delete (globalThis as Record<string, unknown>)[CANARY];
  });
});

describe('hostile pack text renders as text', () => {
  it('the card at a glance', async () => {
    await fc.assert(
      fc.asyncProperty(cardData, maybe(date), async (data, articleDate) => {
        await mount(h(Card, { data, articleDate, onClose: () => {}, onFullBackstory: () => {}, headingId: 'h' }));
        expectSafe('card', data);
        const seen = visibleText(root);
        expect(seen).toContain(shown(data.name));
        if (data.description) expect(seen).toContain(shown(data.description));
        const glance = glanceOf(data, articleDate);
        for (const s of glance.statements) expect(seen).toContain(shown(s.text));
        if (glance.event) expect(seen).toContain(shown(glance.event.title));
      }),
      { numRuns: 2000 },
    );
  });

  it('the full backstory (side panel, popup)', async () => {
    await fc.assert(
      fc.asyncProperty(cardData, maybe(date), async (data, articleDate) => {
        await mount(h(FullBackstory, { data, articleDate, headingId: 'h', now: new Date('2025-06-01T00:00:00Z') }));
        expectSafe('full backstory', data);
        const seen = visibleText(root);
        expect(seen).toContain(shown(data.name));
        if (data.description) expect(seen).toContain(shown(data.description));
        for (const s of data.statements) expect(seen).toContain(shown(s.text));
        for (const s of data.statements) if (s.context) expect(seen).toContain(shown(s.context));
        for (const e of data.events) expect(seen).toContain(shown(e.title));
        for (const r of data.relatedOnPage) for (const n of r.names) expect(seen).toContain(shown(n.name, 120));
      }),
      { numRuns: 700 },
    );
  });

  it('the popup: search results', async () => {
    await fc.assert(
      fc.asyncProperty(few(searchHit, 20), async (hits) => {
        fake.reply = (m) => ((m as { kind: string }).kind === 'search' ? { ok: true, value: hits } : { ok: false, error: 'unexpected' });
        await mount(h(SearchPanel, { inputRef: { current: null }, onOpen: () => {}, onGallery: () => {} }));
        const input = root.querySelector('input') as HTMLInputElement;
        await act(() => {
          input.value = 'to';
          input.dispatchEvent(new Event('input', { bubbles: true }));
        });
        await flush();
        expectSafe('popup search', hits);
        const seen = visibleText(root);
        for (const h of hits) expect(seen).toContain(shown(h.name, 120));
      }),
      { numRuns: 2000 },
    );
  });

  it('the popup: entity detail (the card in a shadow root) and its error text', async () => {
    await fc.assert(
      fc.asyncProperty(
        text,
        fc.oneof(
          cardData.map((d) => ({ ok: true as const, value: d })),
          text.map((error) => ({ ok: false as const, error })),
        ),
        async (name, reply) => {
          fake.reply = () => reply;
          await mount(h(EntityDetail, { entity: 'default:torkham', name, onClose: () => {} }));
          await until(() => !root.querySelector('[role="status"]'));
          expectSafe('popup detail', { name, reply });
          const seen = visibleText(root);
          if (reply.ok) expect(seen).toContain(shown(reply.value.name));
          else expect(seen).toContain(shown(reply.error));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('the popup: names on this page', async () => {
    const item = fc.record({ key, name: text, type: fc.oneof(text, fc.constant('person')), count: fc.nat() });
    await fc.assert(
      fc.asyncProperty(few(item, 12), async (items) => {
        fake.tabReply = () => items;
        await mount(h(OnThisPagePanel, { visible: true, tab: { id: 3, host: 'news.example' }, onOpen: () => {}, onGallery: () => {} }));
        await until(() => !root.querySelector('[role="status"]'));
        expectSafe('popup on this page', items);
        for (const i of items) expect(visibleText(root)).toContain(shown(i.name, 120));
      }),
      { numRuns: 1000 },
    );
  });
});
