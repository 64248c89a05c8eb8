// @vitest-environment happy-dom
/**
 * Pack text is never code: the real Preact components of the options page render arbitrary
 * (hostile) PackSummary and subscription strings, and the DOM they produce holds only our elements, no event
 * handlers, only http(s) links, no bidi controls, and no script runs. The generators and helpers
 * are in hostile-render.ts; the suites are two files so that Vitest runs them side by side.
 */
import fc from 'fast-check';
import { h } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { successText } from '../../src/options/PackImport';
import { PackList } from '../../src/options/PackList';
import { Subscriptions } from '../../src/options/Subscriptions';
import { expectSafe, fake, few, maybe, mount, packSummary, root, shown, subscriptionView, text, until } from './hostile-render';
import { visibleText } from './render-checks';

vi.mock('../../src/shared/browser', async () => (await import('./fake-browser')).browserModule);

describe('hostile pack text renders as text', () => {
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
        await mount(h(Subscriptions, { onPacksChanged: async () => {} }));
        await until(() => !root.querySelector('.loading'));
        expectSafe('options subscriptions', subs);
        for (const s of subs) if (s.title) expect(visibleText(root)).toContain(shown(s.title, 200));
      }),
      { numRuns: 1000 },
    );
  });
});
