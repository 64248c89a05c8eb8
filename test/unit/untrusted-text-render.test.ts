// @vitest-environment happy-dom
/**
 * Pack text is never code: the real Preact components of the card, the popup and the options page
 * render arbitrary (hostile) CardData, SearchHit, PackSummary and subscription strings, and the DOM
 * they produce holds only our elements, no event handlers, only http(s) links, no bidi controls,
 * and no script runs. 11,000 generated cases in total.
 */
import fc from 'fast-check';
import { type ComponentChild, h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clip, isolateBidi } from '../../src/core/safe-text';
import type { CardData, PackSummary, SearchHit } from '../../src/shared/card-data';
import { CANARY, hostileText, hostileUrl, unsafeDom, visibleText } from './render-checks';

/** The extension API, faked: each test decides what the worker or the tab "replies". */
const fake = vi.hoisted(() => ({ reply: (_m: unknown): unknown => undefined, tabReply: (_m: unknown): unknown => undefined }));
vi.mock('../../src/shared/browser', async () => ({
  default: {
    i18n: { getMessage: (await import('./fake-i18n')).getMessage },
    runtime: {
      id: 'test',
      getURL: (p: string) => `chrome-extension://test/${p}`,
      sendMessage: async (m: unknown) => fake.reply(m),
      openOptionsPage: async () => undefined,
      connect: () => ({}),
    },
    tabs: {
      query: async () => [{ id: 3, url: 'https://news.example/' }],
      get: async (id: number) => ({ id, url: 'https://news.example/' }),
      sendMessage: async (_id: number, m: unknown) => fake.tabReply(m),
    },
  },
}));

const { Card } = await import('../../src/ui/Card');
const { FullBackstory } = await import('../../src/ui/FullBackstory');
const { glanceOf } = await import('../../src/ui/glance');
const { SearchPanel } = await import('../../src/popup/SearchPanel');
const { EntityDetail } = await import('../../src/popup/EntityDetail');
const { OnThisPagePanel } = await import('../../src/popup/OnThisPagePanel');
const { PackList } = await import('../../src/options/PackList');
const { Subscriptions } = await import('../../src/options/Subscriptions');
const { successText } = await import('../../src/options/PackImport');

const text = hostileText();
const url = hostileUrl();
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const key = fc.constantFrom('default:torkham', 'p:a', 'x-1:y-2');
const type = fc.oneof(fc.constantFrom('person', 'organization', 'place', 'event', 'initiative', 'other'), text) as fc.Arbitrary<CardData['type']>;
const date = fc.oneof(fc.constantFrom('2021', '2021-08', '2021-08-15~', '2030-01-01'), text);
const source = fc.record({ title: maybe(text), url: maybe(url), publisher: maybe(text), date: maybe(date) });
const few = <T>(a: fc.Arbitrary<T>, max = 8) => fc.array(a, { maxLength: max });

const cardData: fc.Arbitrary<CardData> = fc.record({
  key,
  name: text,
  type,
  description: maybe(text),
  summary: maybe(text),
  facts: few(fc.record({ label: text, value: text })),
  wikidata: maybe(fc.oneof(fc.constantFrom('Q42', 'Q1'), text)),
  sources: few(source),
  // Ids are list keys; the validator keeps them unique within a pack.
  statements: fc.uniqueArray(fc.record({ id: fc.uuid(), date, text, context: maybe(text), source, pack: maybe(text) }), {
    maxLength: 7,
    selector: (s) => s.id,
  }),
  events: fc.uniqueArray(fc.record({ id: fc.uuid(), date, title: text, summary: maybe(text), source, with: few(text, 6), pack: maybe(text) }), {
    maxLength: 9,
    selector: (e) => e.id,
  }),
  relatedOnPage: few(fc.record({ event: text, date, names: few(fc.record({ key, name: text }), 4) })),
  packs: few(fc.record({ id: fc.string(), title: text, version: fc.integer(), published: maybe(date) }), 3),
});

const searchHit: fc.Arbitrary<SearchHit> = fc.record({
  key: fc.uuid(),
  name: text,
  type,
  description: maybe(text),
  matched: maybe(text),
  kind: fc.constantFrom('exact', 'alias', 'prefix', 'fuzzy'),
});

const packSummary: fc.Arbitrary<PackSummary> = fc.record({
  id: fc.oneof(fc.uuid(), text),
  title: text,
  version: fc.integer(),
  description: maybe(text),
  publisher: maybe(fc.record({ name: text, url: maybe(url) })),
  license: maybe(text),
  published: maybe(date),
  installed: fc.oneof(fc.constant('2025-01-01T00:00:00Z'), text),
  enabled: fc.boolean(),
  counts: fc.record({ entities: fc.nat(), statements: fc.nat(), events: fc.nat() }),
  bundled: fc.boolean(),
  subscription: maybe(fc.record({ url })),
});

const subscriptionView = fc.record({
  url,
  packId: maybe(text),
  title: maybe(text),
  version: maybe(fc.integer()),
  keyId: maybe(text),
  lastSuccess: maybe(date),
  lastAttempt: maybe(date),
  nextSync: maybe(date),
  lastError: maybe(text),
});

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  fake.reply = () => undefined;
  fake.tabReply = () => undefined;
});

const flush = () =>
  act(async () => {
    for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0));
  });

/** A fresh mount every run: a reused component instance would keep the previous run's state. */
async function mount(node: ComponentChild): Promise<void> {
  await act(() => {
    render(null, root);
    render(node, root);
  });
  await flush();
}

/** Let effects and fake replies settle until `done` holds (components load asynchronously). */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !done(); i++) await flush();
  if (!done()) throw new Error(`the component never finished loading: ${visibleText(root).slice(0, 200)}`);
}

function expectSafe(where: string, input: unknown): void {
  const problems = unsafeDom(root);
  if (problems.length) throw new Error(`${where}: ${problems.join('; ')}\ninput: ${JSON.stringify(input).slice(0, 2000)}`);
}

/** The text a component shows for an untrusted string: bidi controls removed, maybe clipped. */
const shown = (s: string, max?: number) => isolateBidi(max === undefined ? s : clip(s, max));

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

  it('the options page: installed packs, their errors and the import message', async () => {
    await fc.assert(
      fc.asyncProperty(few(packSummary, 5), maybe(text), async (packs, loadError) => {
        await mount(
          h(
            'div',
            null,
            h('p', null, packs[0] ? successText(packs[0], 1) : ''),
            h(PackList, { packs, loadError: loadError ?? null, onPacks: () => {}, highlight: null, onRetry: () => {} }),
          ),
        );
        expectSafe('options packs', { packs, loadError });
        for (const p of packs) expect(visibleText(root)).toContain(shown(p.title, 200));
      }),
      { numRuns: 2500 },
    );
  });

  it('the options page: subscriptions', async () => {
    await fc.assert(
      fc.asyncProperty(few(subscriptionView, 5), async (subs) => {
        fake.reply = () => ({ ok: true, value: subs });
        await mount(h(Subscriptions, { onPacksChanged: () => {} }));
        await until(() => !root.querySelector('.loading'));
        expectSafe('options subscriptions', subs);
        for (const s of subs) if (s.title) expect(visibleText(root)).toContain(shown(s.title, 200));
      }),
      { numRuns: 1000 },
    );
  });
});
