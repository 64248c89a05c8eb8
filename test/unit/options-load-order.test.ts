// @vitest-environment happy-dom
/**
 * Nothing on the options page moves under a reader's pointer when the worker answers: the sections
 * below the pack list (subscriptions, settings) appear only once it has its first answer, and a
 * new subscription's row and its "Subscribed" note only once the pack list above shows its pack. A
 * control shown first would be pushed down when the packs arrive (a click meant for "Check for
 * updates" would land on whatever moved there). Here the pack list's answers are held back.
 */
import fc from 'fast-check';
import { h } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { ok } from '../../src/core/result';
import { App } from '../../src/options/App';
import { DEFAULT_SETTINGS } from '../../src/shared/card-data';
import { fake, flush, mount, packSummary, root, subscriptionView, until } from './hostile-render';

vi.mock('../../src/shared/browser', async () => (await import('./fake-browser')).browserModule);

const packs = fc.sample(packSummary, { numRuns: 2, seed: 7 });
const subs = fc.sample(subscriptionView, { numRuns: 1, seed: 7 });

/** Replies by kind; `listPacks` waits for `release()` and then answers what it was set to answer when asked. */
function worker(firstPacks: unknown, subscribed: unknown[] = subs) {
  const asked: string[] = [];
  let listed: unknown[] = subscribed;
  let packsReply = firstPacks;
  let release = () => {};
  const hold = () =>
    new Promise<void>((go) => {
      release = go;
    });
  let held = hold();
  fake.reply = (m) => {
    const kind = (m as { kind: string }).kind;
    asked.push(kind);
    if (kind === 'listPacks') {
      const answer = packsReply;
      return held.then(() => answer);
    }
    if (kind === 'listSubscriptions') return ok(listed);
    if (kind === 'previewSubscription') return ok(preview);
    if (kind === 'subscribe') {
      listed = subs;
      return ok(subs);
    }
    if (kind === 'workerStatus') return ok({ problem: null });
    if (kind === 'getSettings') return ok(DEFAULT_SETTINGS);
    return ok(null);
  };
  return {
    asked,
    release: () => release(),
    /** What the pack list's next answers say. */
    replyPacks: (r: unknown) => {
      packsReply = r;
    },
    /** Hold the next pack list answers back again. */
    holdAgain: () => {
      held = hold();
    },
  };
}

const preview = {
  url: 'https://packs.example/river/index.json#key=k1',
  site: 'packs.example',
  packId: 'river',
  title: 'River desk',
  version: 2,
  published: '2026-11-01T00:00:00Z',
  bytes: 2048,
  syncHours: 24,
  keyId: 'k1',
  fingerprint: 'AAAA BBBB',
};

const rows = () => root.querySelectorAll('.sub-list .sub').length;
const packRows = () => root.querySelectorAll('ul.pack-list > li').length;

describe('the options page loads top to bottom', () => {
  it('subscriptions wait for the pack list, then show below it', async () => {
    const w = worker(ok(packs));
    await mount(h(App, {}));
    for (let i = 0; i < 5; i++) await flush();
    expect(w.asked).toContain('listPacks');
    expect(rows()).toBe(0);
    expect(root.querySelector('#subs-heading')).toBeNull();
    expect(root.querySelector('.subscribe-form')).toBeNull();
    expect(root.querySelector('#settings-heading')).toBeNull();
    w.release();
    await until(() => rows() === subs.length);
    expect(packRows()).toBe(packs.length);
    const list = root.querySelector('ul.pack-list') as Element;
    const row = root.querySelector('.sub-list .sub') as Element;
    expect(list.compareDocumentPosition(row) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await until(() => root.querySelector('#settings-heading') !== null);
  });

  it('a pack list that fails to load does not hold the subscriptions back', async () => {
    const w = worker({ ok: false, error: 'the database could not be opened' });
    await mount(h(App, {}));
    for (let i = 0; i < 5; i++) await flush();
    expect(rows()).toBe(0);
    w.release();
    await until(() => rows() === subs.length);
    expect(root.textContent).toContain('the database could not be opened');
  });

  it('a new subscription shows its row and its note only once the pack list above shows its pack', async () => {
    const w = worker(ok(packs.slice(0, 1)), []);
    await mount(h(App, {}));
    w.release();
    await until(() => root.querySelector('.subscribe-form') !== null && packRows() === 1);
    const field = root.querySelector('.subscribe-form input') as HTMLInputElement;
    field.value = preview.url.replace(/#.*/, '');
    field.dispatchEvent(new Event('input', { bubbles: true }));
    await flush();
    (root.querySelector('.subscribe-form') as HTMLFormElement).requestSubmit();
    await until(() => root.querySelector('.sub-confirm') !== null);
    // The pack list's next answer (now with the new pack) is held back.
    w.holdAgain();
    w.replyPacks(ok(packs));
    (root.querySelector('.sub-confirm button.primary') as HTMLButtonElement).click();
    for (let i = 0; i < 5; i++) await flush();
    expect(w.asked.filter((k) => k === 'subscribe')).toHaveLength(1);
    expect(rows()).toBe(0);
    expect(root.querySelector('.sub-status .note')).toBeNull();
    expect(packRows()).toBe(1);
    w.release();
    await until(() => rows() === subs.length && root.querySelector('.sub-status .note') !== null);
    expect(packRows()).toBe(packs.length);
  });
});
