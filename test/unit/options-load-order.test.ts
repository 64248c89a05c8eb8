// @vitest-environment happy-dom
/**
 * The options page's subscription rows never appear before the pack list above them has its first
 * answer: a row shown first would be pushed down the page when the packs arrive, under a reader's
 * pointer (a click meant for "Check for updates" would land on whatever moved there). The worker's
 * replies come in any order; here the pack list's answer is held back on purpose.
 */
import fc from 'fast-check';
import { h } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { ok } from '../../src/core/result';
import { App } from '../../src/options/App';
import { DEFAULT_SETTINGS } from '../../src/shared/card-data';
import { fake, flush, mount, packSummary, root, subscriptionView, until } from './hostile-render';

vi.mock('../../src/shared/browser', async () => ({ default: (await import('./hostile-render')).fakeBrowser }));

const packs = fc.sample(packSummary, { numRuns: 2, seed: 7 });
const subs = fc.sample(subscriptionView, { numRuns: 1, seed: 7 });

/** Replies by kind; `listPacks` waits for `release()` and then answers `packsReply`. */
function worker(packsReply: unknown) {
  const asked: string[] = [];
  let release = () => {};
  const held = new Promise<void>((go) => {
    release = go;
  });
  fake.reply = (m) => {
    const kind = (m as { kind: string }).kind;
    asked.push(kind);
    if (kind === 'listPacks') return held.then(() => packsReply);
    if (kind === 'listSubscriptions') return ok(subs);
    if (kind === 'workerStatus') return ok({ problem: null });
    if (kind === 'getSettings') return ok(DEFAULT_SETTINGS);
    return ok(null);
  };
  return { asked, release };
}

const rows = () => root.querySelectorAll('.sub-list .sub').length;
const packRows = () => root.querySelectorAll('ul.pack-list > li').length;

describe('the options page loads top to bottom', () => {
  it('subscriptions wait for the pack list, then show below it', async () => {
    const w = worker(ok(packs));
    await mount(h(App, {}));
    for (let i = 0; i < 5; i++) await flush();
    expect(w.asked).toContain('listPacks');
    expect(rows()).toBe(0);
    expect(root.querySelector('[aria-labelledby="subs-heading"] .loading')).not.toBeNull();
    w.release();
    await until(() => rows() === subs.length);
    expect(packRows()).toBe(packs.length);
    const list = root.querySelector('ul.pack-list') as Element;
    const row = root.querySelector('.sub-list .sub') as Element;
    expect(list.compareDocumentPosition(row) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
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
});
