/** Assemble a card from stored bundles: one bucket read (a key range of parts) per pack that knows the entity. */
import Dexie from 'dexie';
import { compareDatesDesc } from '../core/dates';
import type { CardData, CardEvent, CardStatement } from '../shared/card-data';
import type { BackstoryDatabase, EntityBundle, PackRecord } from './database';
import { bucketOf } from './entity-buckets';

const MAX_ITEMS = 200;

async function bundleFor(db: BackstoryDatabase, pack: PackRecord, entityId: string): Promise<EntityBundle | undefined> {
  const n = bucketOf(entityId, pack.buckets);
  const parts = await db.parts.where('[generation+n+part]').between([pack.generation, n, Dexie.minKey], [pack.generation, n, Dexie.maxKey]).toArray();
  let bundle: EntityBundle | undefined;
  const names: Record<string, string> = {};
  for (const part of parts) {
    for (const [id, name] of part.names ?? []) names[id] = name;
    const entity = part.entities.find((e) => e.id === entityId);
    if (entity) bundle = { entity, statements: [], events: [], names };
  }
  if (!bundle) return undefined;
  for (const part of parts) {
    for (const s of part.statements) if (s.entity === entityId) bundle.statements.push(s);
    for (const ev of part.events) if (ev.entities.includes(entityId)) bundle.events.push(ev);
  }
  return bundle;
}

export async function assembleCard(
  db: BackstoryDatabase,
  merged: Record<string, string[]>,
  key: string,
  pageEntities: string[] = [],
): Promise<CardData | null> {
  const keys = [key, ...(merged[key] ?? [])];
  const packs = new Map((await db.packs.toArray()).filter((p) => p.enabled).map((p) => [p.id, p]));
  const found: { pack: PackRecord; bundle: EntityBundle }[] = [];
  for (const k of keys) {
    const [packId, entityId] = k.split(':');
    const pack = packs.get(packId);
    if (!pack) continue;
    const b = await bundleFor(db, pack, entityId);
    if (b) found.push({ pack, bundle: b });
  }
  if (!found.length) return null;
  const primary = found[0].bundle.entity;

  // Names of entities in the same packs, for "with …" and "related on this page".
  const nameIn = new Map(found.map(({ pack, bundle }) => [pack.id, bundle.names ?? {}]));
  const lookupName = (k: string) => {
    const [packId, id] = k.split(':');
    return nameIn.get(packId)?.[id];
  };

  const statements: CardStatement[] = [];
  const events: CardEvent[] = [];
  const seenEvents = new Set<string>();
  const sources = [...primary.sources];
  const facts = [...(primary.facts ?? [])].map(({ label, value }) => ({ label, value }));
  // Two packs describing one entity (a shared Wikidata id): every quote and event says whose it is.
  const labelPacks = found.length > 1;
  for (const { pack, bundle } of found) {
    const from = labelPacks ? { pack: pack.meta.title } : {};
    for (const s of bundle.statements) statements.push({ id: `${pack.id}:${s.id}`, date: s.date, text: s.text, context: s.context, source: s.source, ...from });
    for (const ev of bundle.events) {
      const evKey = `${ev.date}|${ev.title.toLowerCase()}`;
      if (seenEvents.has(evKey)) continue;
      seenEvents.add(evKey);
      const others = ev.entities
        .filter((id) => id !== bundle.entity.id)
        .map((id) => lookupName(`${pack.id}:${id}`))
        .filter((n): n is string => Boolean(n));
      events.push({ id: `${pack.id}:${ev.id}`, date: ev.date, title: ev.title, summary: ev.summary, source: ev.source, with: others, ...from });
    }
    if (bundle !== found[0].bundle) {
      for (const s of bundle.entity.sources) if (!sources.some((x) => x.url && x.url === s.url)) sources.push(s);
    }
  }
  statements.sort((a, b) => compareDatesDesc(a.date, b.date));
  events.sort((a, b) => compareDatesDesc(a.date, b.date));

  // Related on this page: other detected entities that share an event with this one, one row per
  // event (an event two packs both describe is one row), each name once.
  const relatedOnPage: CardData['relatedOnPage'] = [];
  const page = new Set(pageEntities.filter((k) => !keys.includes(k)));
  if (page.size) {
    const rows = new Map<string, CardData['relatedOnPage'][number]>();
    const named = new Set<string>();
    for (const { pack, bundle } of found) {
      for (const ev of bundle.events) {
        for (const id of ev.entities) {
          const k = `${pack.id}:${id}`;
          const name = page.has(k) ? lookupName(k) : undefined;
          if (!name || named.has(k)) continue;
          named.add(k);
          const evKey = `${ev.date}|${ev.title.toLowerCase()}`;
          const row = rows.get(evKey) ?? { event: ev.title, date: ev.date, names: [] };
          rows.set(evKey, row);
          row.names.push({ key: k, name });
        }
      }
    }
    relatedOnPage.push(...[...rows.values()].sort((a, b) => compareDatesDesc(a.date, b.date)));
  }

  return {
    key,
    name: primary.name,
    type: primary.type,
    description: primary.description,
    summary: primary.summary,
    facts,
    wikidata: primary.wikidata,
    sources,
    statements: statements.slice(0, MAX_ITEMS),
    events: events.slice(0, MAX_ITEMS),
    relatedOnPage: relatedOnPage.slice(0, 12),
    packs: found.map(({ pack }) => ({ id: pack.id, title: pack.meta.title, version: pack.meta.version, published: pack.meta.published })),
  };
}
