import { tokenize } from '../core/normalize';
import { resolveMentions } from '../core/resolve-references';
import { assembleCard } from './card-assembler';
import type { Handlers } from './message-router';
import { openPanel } from './open-panel';
import type { PackService } from './pack-service';
import type { PackSync } from './pack-sync';

export const siteOf = (host: string) => host.toLowerCase().replace(/^www\./, '');

/** What handlers do to the browser outside the database (the toolbar badge, telling open tabs). */
export interface WorkerEffects {
  badge(tabId: number, count: number | null): void;
  /** Settings changed: every open tab re-reads its settings and applies them at once. */
  settingsChanged(): void;
  /** Run the scope script again in this tab's top frame (in that very document, where the browser says which); true once it has run. */
  scopeAgain(tabId: number, documentId?: string): Promise<boolean>;
}

export function createHandlers(service: PackService, sync?: PackSync, effects?: WorkerEffects): Handlers {
  const setSite = async (host: string, enabled: boolean) => {
    const site = siteOf(host);
    if (!site) throw new Error('This page has no site to turn off.');
    const { pausedSites } = await service.settings();
    const rest = pausedSites.filter((s) => siteOf(s) !== site);
    const next = await service.updateSettings({ pausedSites: enabled ? rest : [...rest, site] });
    effects?.settingsChanged();
    return next;
  };
  const subs = (): PackSync => {
    if (!sync) throw new Error('Subscriptions are not available yet.');
    return sync;
  };
  const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T => {
    if (!r.ok) throw new Error(r.error);
    return r.value;
  };
  return {
    async detect({ text, context }) {
      const matcher = await service.part('matcher');
      const tokens = tokenize(text);
      const found = resolveMentions(tokens, matcher.scan(tokens), matcher, context);
      return found;
    },
    async card({ entity, pageEntities }) {
      return assembleCard(service.db, await service.part('merged'), entity, pageEntities);
    },
    async contentSettings({ host: asked }, sender) {
      // A page's content script gets the settings of the page it runs in, whatever it asks for.
      const host = sender.kind === 'content' ? (sender.host ?? '') : (asked ?? '');
      const s = await service.settings();
      const paused = s.pausedSites.map(siteOf).includes(siteOf(host));
      return { active: s.enabled && !paused, underlines: s.underlines, cardTheme: s.cardTheme, dwellMs: s.dwellMs };
    },
    openPanel: (request, sender) => openPanel(sender.tabId, request),
    async entityNames({ keys }) {
      const search = await service.part('search');
      const out: Record<string, { name: string; type: string }> = {};
      for (const k of keys) {
        const info = search.infoOf(k);
        if (info) out[k] = info;
      }
      return out;
    },
    async search({ query, limit }) {
      return (await service.part('search')).search(query, limit ?? 20);
    },
    listPacks: () => service.listPacks(),
    setPackEnabled: ({ id, enabled }) => service.setEnabled(id, enabled),
    async removePack({ id }) {
      const packs = await service.remove(id);
      await sync?.schedule();
      return packs;
    },
    async exportPack({ id }) {
      return unwrap(await service.exportPack(id));
    },
    getSettings: () => service.settings(),
    async setSettings(patch) {
      const next = await service.updateSettings(patch);
      if (patch.syncHours !== undefined) await sync?.schedule();
      effects?.settingsChanged();
      return next;
    },
    async pageCount({ count }, sender) {
      if (sender.tabId === undefined) return null;
      const { badge } = await service.settings();
      effects?.badge(sender.tabId, badge && count > 0 ? count : null);
      return null;
    },
    async scopeAgain(_payload, sender) {
      if (sender.tabId === undefined || !effects) return false;
      return effects.scopeAgain(sender.tabId, sender.documentId);
    },
    async pauseThisSite(_payload, sender) {
      await setSite(sender.host ?? '', false);
      return null;
    },
    setSiteEnabled: ({ host, enabled }) => setSite(host, enabled),
    listSubscriptions: async () => (sync ? sync.list() : []),
    previewSubscription: ({ url }) => subs().preview(url),
    subscribe: ({ url, key }) => subs().subscribe(url, key),
    unsubscribe: ({ url }) => subs().unsubscribe(url),
    syncNow: ({ url }) => subs().syncNow(url),
    workerStatus: async () => ({ problem: await service.problem() }),
  };
}
