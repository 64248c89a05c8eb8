import { tokenize } from '../core/normalize';
import { resolveMentions } from '../core/resolve-references';
import { assembleCard } from './card-assembler';
import type { Handlers } from './message-router';
import type { PackService } from './pack-service';

const siteOf = (host: string) => host.toLowerCase().replace(/^www\./, '');

export function createHandlers(service: PackService): Handlers {
  const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T => {
    if (!r.ok) throw new Error(r.error);
    return r.value;
  };
  return {
    async detect({ text, context }) {
      const { matcher } = await service.index();
      const tokens = tokenize(text);
      const found = resolveMentions(tokens, matcher.scan(tokens), matcher, context);
      return { ...found, generation: service.generation };
    },
    async card({ entity, pageEntities }) {
      return assembleCard(service.db, await service.index(), entity, pageEntities);
    },
    async contentSettings({ host }) {
      const s = await service.settings();
      const paused = s.pausedSites.map(siteOf).includes(siteOf(host));
      return { active: s.enabled && !paused, underline: s.underline, dwellMs: s.dwellMs, generation: service.generation };
    },
    async entityNames({ keys }) {
      const { search } = await service.index();
      const out: Record<string, { name: string; type: string }> = {};
      for (const k of keys) {
        const info = search.infoOf(k);
        if (info) out[k] = info;
      }
      return out;
    },
    async search({ query, limit }) {
      return (await service.index()).search.search(query, limit ?? 20);
    },
    listPacks: () => service.listPacks(),
    setPackEnabled: ({ id, enabled }) => service.setEnabled(id, enabled),
    removePack: ({ id }) => service.remove(id),
    async exportPack({ id }) {
      return unwrap(await service.exportPack(id));
    },
    getSettings: () => service.settings(),
    setSettings: (patch) => service.updateSettings(patch),
    async listSubscriptions() {
      return [];
    },
    async subscribe() {
      throw new Error('Subscriptions are not available yet.');
    },
    async unsubscribe() {
      return [];
    },
    async syncNow() {
      return [];
    },
  };
}
