import { tokenize } from '../core/normalize';
import { resolveMentions } from '../core/resolve-references';
import { assembleCard } from './card-assembler';
import type { Handlers } from './message-router';
import { openPanel } from './open-panel';
import type { PackService } from './pack-service';
import type { PackSync } from './pack-sync';

const siteOf = (host: string) => host.toLowerCase().replace(/^www\./, '');

export function createHandlers(service: PackService, sync?: PackSync): Handlers {
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
      return { ...found, generation: service.generation };
    },
    async card({ entity, pageEntities }) {
      return assembleCard(service.db, await service.part('merged'), entity, pageEntities);
    },
    async contentSettings({ host }) {
      const s = await service.settings();
      const paused = s.pausedSites.map(siteOf).includes(siteOf(host));
      return { active: s.enabled && !paused, underlines: s.underlines, cardTheme: s.cardTheme, dwellMs: s.dwellMs, generation: service.generation };
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
    removePack: ({ id }) => service.remove(id),
    async exportPack({ id }) {
      return unwrap(await service.exportPack(id));
    },
    getSettings: () => service.settings(),
    async setSettings(patch) {
      const next = await service.updateSettings(patch);
      if (patch.syncHours !== undefined) await sync?.schedule();
      return next;
    },
    listSubscriptions: async () => (sync ? sync.list() : []),
    subscribe: ({ url }) => subs().subscribe(url),
    unsubscribe: ({ url }) => subs().unsubscribe(url),
    syncNow: ({ url }) => subs().syncNow(url),
  };
}
