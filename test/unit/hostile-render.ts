/**
 * Shared by the hostile-render property suites (untrusted-text-render-*.test.ts) and the UI tests
 * of the middle tier: the generators of hostile pack data, and a fresh render root per test with
 * the mount / wait / safety-check helpers. The fake extension API is fake-browser.ts (each test
 * decides what the worker or the tab "replies"; reset after each test here); each suite mocks the
 * browser API with it:
 *   vi.mock('../../src/shared/browser', async () => (await import('./fake-browser')).browserModule);
 */
import fc from 'fast-check';
import { type ComponentChild, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach } from 'vitest';
import { clip, isolateBidi } from '../../src/core/safe-text';
import type { CardData, PackSummary, SearchHit } from '../../src/shared/card-data';
import { resetFake } from './fake-browser';
import { hostileText, hostileUrl, unsafeDom, visibleText } from './render-checks';

export { fake, fakeBrowser } from './fake-browser';

export const text = hostileText();
export const url = hostileUrl();
export const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
export const key = fc.constantFrom('default:torkham', 'p:a', 'x-1:y-2');
export const type = fc.oneof(fc.constantFrom('person', 'organization', 'place', 'event', 'initiative', 'other'), text) as fc.Arbitrary<CardData['type']>;
export const date = fc.oneof(fc.constantFrom('2021', '2021-08', '2021-08-15~', '2030-01-01'), text);
const source = fc.record({ title: maybe(text), url: maybe(url), publisher: maybe(text), date: maybe(date) });
export const few = <T>(a: fc.Arbitrary<T>, max = 8) => fc.array(a, { maxLength: max });

export const cardData: fc.Arbitrary<CardData> = fc.record({
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

export const searchHit: fc.Arbitrary<SearchHit> = fc.record({
  key: fc.uuid(),
  name: text,
  type,
  description: maybe(text),
  matched: maybe(text),
  kind: fc.constantFrom('exact', 'alias', 'prefix', 'fuzzy'),
});

export const packSummary: fc.Arbitrary<PackSummary> = fc.record({
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

export const subscriptionView = fc.record({
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

/** The render root of the running test. */
export let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  resetFake();
});

export const flush = () =>
  act(async () => {
    for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0));
  });

/** A fresh mount every run: a reused component instance would keep the previous run's state. */
export async function mount(node: ComponentChild): Promise<void> {
  await act(() => {
    render(null, root);
    render(node, root);
  });
  await flush();
}

/** Let effects and fake replies settle until `done` holds (components load asynchronously). */
export async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !done(); i++) await flush();
  if (!done()) throw new Error(`the component never finished loading: ${visibleText(root).slice(0, 200)}`);
}

export function expectSafe(where: string, input: unknown): void {
  const problems = unsafeDom(root);
  if (problems.length) throw new Error(`${where}: ${problems.join('; ')}\ninput: ${JSON.stringify(input).slice(0, 2000)}`);
}

/** The text a component shows for an untrusted string: bidi controls removed, maybe clipped. */
export const shown = (s: string, max?: number) => isolateBidi(max === undefined ? s : clip(s, max));
