// The worker's handlers on fake-indexeddb, called as the router calls them: site switches (from
// the popup and from a card, whose site comes from the sender), settings that tell every tab,
// the toolbar badge, names for "On this page", export, and subscriptions before sync exists.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { createHandlers, type WorkerEffects } from '../../src/background/handlers';
import { importPackData } from '../../src/background/pack-importer';
import { PackService } from '../../src/background/pack-service';
import { freshDatabase, pack } from './worker-fixtures';

vi.mock('../../src/shared/browser', async () => (await import('./fake-browser')).browserModule);

const fresh = freshDatabase('handlers-test');
const page = { kind: 'extension-page' } as const;
const contentOn = (host: string, tabId = 4) => ({ kind: 'content', tabId, host }) as const;

function worker() {
  const service = new PackService(fresh.db, () => '');
  const told: string[] = [];
  const badges: [number, number | null][] = [];
  const scoped: number[] = [];
  const effects: WorkerEffects = {
    badge: (tabId, count) => badges.push([tabId, count]),
    settingsChanged: () => told.push('settingsChanged'),
    scopeAgain: async (tabId) => scoped.push(tabId) > 0 && tabId !== 13,
  };
  return { h: createHandlers(service, undefined, effects), told, badges, scoped, service };
}

describe('handlers', () => {
  it('"Turn off on this site" pauses the sender’s own site; the popup switch resumes it; every tab hears', async () => {
    const { h, told } = worker();
    await h.pauseThisSite({}, contentOn('www.news.example'));
    expect((await h.getSettings({}, page)).pausedSites).toEqual(['news.example']);
    expect((await h.contentSettings({}, contentOn('news.example'))).active).toBe(false);
    // Another site's content script cannot learn about it by naming it.
    expect((await h.contentSettings({ host: 'news.example' }, contentOn('other.example'))).active).toBe(true);
    expect((await h.contentSettings({ host: 'NEWS.example' }, page)).active).toBe(false);
    const back = await h.setSiteEnabled({ host: 'news.example', enabled: true }, page);
    expect(back.pausedSites).toEqual([]);
    expect(told).toEqual(['settingsChanged', 'settingsChanged']);
    await expect(h.pauseThisSite({}, contentOn(''))).rejects.toThrow(/no site/);
  });

  it('settings changes are saved and told to every tab; switching off turns every site off', async () => {
    const { h, told } = worker();
    const s = await h.setSettings({ dwellMs: 600, enabled: false }, page);
    expect(s).toMatchObject({ dwellMs: 600, enabled: false });
    expect(told).toEqual(['settingsChanged']);
    expect(await h.contentSettings({}, contentOn('a.example'))).toMatchObject({ active: false, dwellMs: 600 });
  });

  it('the badge shows the count when the reader wants it, and clears for zero', async () => {
    const { h, badges } = worker();
    await h.pageCount({ count: 12 }, contentOn('a.example', 9));
    await h.pageCount({ count: 0 }, contentOn('a.example', 9));
    await h.setSettings({ badge: false }, page);
    await h.pageCount({ count: 5 }, contentOn('a.example', 9));
    await h.pageCount({ count: 5 }, { kind: 'content', host: 'no-tab.example' });
    expect(badges).toEqual([
      [9, 12],
      [9, null],
      [9, null],
    ]);
  });

  it('the scope script runs again in the sender’s own tab, and a tab where it could not run is told so', async () => {
    const { h, scoped } = worker();
    expect(await h.scopeAgain({}, contentOn('a.example', 9))).toBe(true);
    expect(await h.scopeAgain({}, contentOn('a.example', 13))).toBe(false);
    expect(await h.scopeAgain({}, { kind: 'content', host: 'no-tab.example' })).toBe(false);
    expect(scoped).toEqual([9, 13]);
  });

  it('names for "On this page" only for keys the packs know; export and listing go through the service', async () => {
    const { h } = worker();
    await importPackData(fresh.db, pack(4));
    expect(await h.entityNames({ keys: ['test-pack:p1', 'test-pack:nobody', 'other:p1'] }, contentOn('a.example'))).toEqual({
      'test-pack:p1': { name: 'Person Number1', type: 'person' },
    });
    expect((await h.listPacks({}, page)).map((p) => p.id)).toEqual(['test-pack']);
    expect(JSON.parse((await h.exportPack({ id: 'test-pack' }, page)).json).entities).toHaveLength(4);
    await expect(h.exportPack({ id: 'nobody' }, page)).rejects.toThrow(/No pack "nobody"/);
    expect((await h.setPackEnabled({ id: 'test-pack', enabled: false }, page))[0].enabled).toBe(false);
    expect(await h.removePack({ id: 'test-pack' }, page)).toEqual([]);
  });

  it('without the sync service, subscriptions list as none and changes are refused in words', async () => {
    const { h } = worker();
    expect(await h.listSubscriptions({}, page)).toEqual([]);
    // As the router calls it: inside a promise chain.
    await expect(Promise.resolve().then(() => h.subscribe({ url: 'https://p.example/index.json' }, page))).rejects.toThrow(/not available yet/);
  });
});
