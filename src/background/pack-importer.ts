/**
 * Atomic pack import: validate everything first, write the new generation into staging, then
 * switch the pack record and the compiled index in one transaction. Any failure before the switch
 * leaves every installed pack exactly as it was; orphaned staging is swept on the next start.
 */
import type { Pack, PackEntity, PackEvent, PackStatement } from '../core/pack-format';
import { describeProblems, parsePackJson, validatePack } from '../core/pack-validate';
import { err, ok, type Result } from '../core/result';
import type { ImportProgress } from '../shared/messages';
import { compile, toBlobs } from './compiled-index';
import type { BackstoryDatabase, BucketRecord, EntityBundle, NameRecord, PackRecord } from './database';
import { bucketOf } from './entity-buckets';

export interface ImportOptions {
  bundled?: boolean;
  subscription?: { url: string };
  /** Accept the same version again (used to repair a bundled pack). */
  allowSameVersion?: boolean;
  onProgress?: (p: Extract<ImportProgress, { type: 'progress' }>) => void;
  signal?: AbortSignal;
  /** Called after the switch so the worker can swap its in-memory index. */
  onSwitched?: () => void;
}

export interface ImportOutcome {
  record: PackRecord;
  replaced?: number;
}

const ENTITIES_PER_BUCKET = 200;
const BUCKETS_PER_TRANSACTION = 25;

export async function importPackText(db: BackstoryDatabase, text: string, opts: ImportOptions = {}): Promise<Result<ImportOutcome>> {
  opts.onProgress?.({ type: 'progress', phase: 'parsing', done: 0, total: 1 });
  const parsed = parsePackJson(text);
  if (!parsed.ok) return err(`This file is not a Backstory pack: ${describeProblems(parsed.error)}`);
  return importPackData(db, parsed.value, opts);
}

let packLock: Promise<unknown> = Promise.resolve();

/**
 * Run writers of pack records one at a time (imports, syncs, enable, remove): each reads the
 * record it replaces, so two at once would lose one's update or roll a version back.
 */
export function withPackLock<T>(fn: () => Promise<T>): Promise<T> {
  const run = packLock.then(fn, fn);
  packLock = run.catch(() => {});
  return run;
}

export function importPackData(db: BackstoryDatabase, data: unknown, opts: ImportOptions = {}): Promise<Result<ImportOutcome>> {
  return withPackLock(() => importUnlocked(db, data, opts));
}

async function importUnlocked(db: BackstoryDatabase, data: unknown, opts: ImportOptions): Promise<Result<ImportOutcome>> {
  opts.onProgress?.({ type: 'progress', phase: 'validating', done: 0, total: 1 });
  const valid = validatePack(data);
  if (!valid.ok) return err(`The pack has errors:\n${describeProblems(valid.error)}`);
  const pack = valid.value;
  const existing = await db.packs.get(pack.id);
  // A subscription may only update the pack it installed: never the built-in pack, another
  // subscription's pack, or one the reader imported from a file.
  if (opts.subscription && existing && (existing.bundled || existing.subscription?.url !== opts.subscription.url)) {
    return err(`A different pack with the id "${pack.id}" is already installed; this subscription cannot replace it.`);
  }
  if (existing) {
    const older = pack.version < existing.meta.version;
    const same = pack.version === existing.meta.version;
    if (older || (same && !opts.allowSameVersion)) {
      return err(
        `"${pack.title}" version ${pack.version} is ${older ? 'older than' : 'the same as'} the installed version ${existing.meta.version}; nothing was changed.`,
      );
    }
  }
  if (opts.signal?.aborted) return err('Import cancelled; nothing was changed.');
  const generation = `${pack.id}.${pack.version}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  try {
    const { buckets, names } = bundle(pack, generation);
    let written = 0;
    for (let i = 0; i < buckets.length; i += BUCKETS_PER_TRANSACTION) {
      if (opts.signal?.aborted) throw new Cancelled();
      await db.buckets.bulkPut(buckets.slice(i, i + BUCKETS_PER_TRANSACTION));
      written = Math.min(buckets.length, i + BUCKETS_PER_TRANSACTION);
      opts.onProgress?.({
        type: 'progress',
        phase: 'writing',
        done: Math.round((written / buckets.length) * pack.entities.length),
        total: pack.entities.length,
      });
    }
    await db.names.put(names);
    if (opts.signal?.aborted) throw new Cancelled();
    opts.onProgress?.({ type: 'progress', phase: 'compiling', done: 0, total: 1 });

    const record: PackRecord = {
      id: pack.id,
      meta: metaOf(pack),
      enabled: existing ? existing.enabled : true,
      bundled: Boolean(opts.bundled),
      installed: new Date().toISOString(),
      generation,
      buckets: buckets.length,
      counts: { entities: pack.entities.length, statements: pack.statements?.length ?? 0, events: pack.events?.length ?? 0 },
      subscription: opts.subscription ?? existing?.subscription,
    };
    const packs = (await db.packs.toArray()).filter((p) => p.id !== pack.id).concat(record);
    const nameRecs = new Map<string, NameRecord>();
    for (const rec of await db.names.bulkGet(packs.filter((p) => p.enabled).map((p) => p.generation))) if (rec) nameRecs.set(rec.generation, rec);
    const blobs = toBlobs(compile(packs, nameRecs));
    if (opts.signal?.aborted) throw new Cancelled();

    // The switch: pack record and compiled index change together or not at all.
    await db.transaction('rw', db.packs, db.blobs, async () => {
      await db.packs.put(record);
      await db.blobs.bulkPut(blobs);
    });
    opts.onSwitched?.();
    if (existing) await dropGeneration(db, existing.generation).catch(() => {});
    return ok({ record, replaced: existing?.meta.version });
  } catch (e) {
    await dropGeneration(db, generation).catch(() => {});
    if (e instanceof Cancelled) return err('Import cancelled; nothing was changed.');
    return err(`The pack could not be saved, so nothing was changed: ${storageError(e)}`);
  }
}

class Cancelled extends Error {}

export function storageError(e: unknown): string {
  const name = (e as { name?: string })?.name ?? '';
  const inner = (e as { inner?: { name?: string } })?.inner?.name ?? '';
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError')
    return 'the browser is out of storage space (quota exceeded). Free some disk space or remove a pack, then try again.';
  return e instanceof Error ? e.message : String(e);
}

export async function dropGeneration(db: BackstoryDatabase, generation: string): Promise<void> {
  await db.transaction('rw', db.buckets, db.names, async () => {
    await db.buckets.where('generation').equals(generation).delete();
    await db.names.delete(generation);
  });
}

/** Remove staging left behind by an import that was killed before its switch. */
export async function sweepOrphans(db: BackstoryDatabase): Promise<number> {
  const live = new Set((await db.packs.toArray()).map((p) => p.generation));
  const gens = new Set<string>();
  await db.names.toCollection().eachPrimaryKey((k) => {
    gens.add(k as string);
  });
  await db.buckets.orderBy('generation').eachKey((k) => {
    gens.add(k as unknown as string);
  });
  let dropped = 0;
  for (const g of gens) {
    if (!live.has(g)) {
      await dropGeneration(db, g);
      dropped++;
    }
  }
  return dropped;
}

function metaOf(pack: Pack) {
  const { entities: _e, statements: _s, events: _v, ...meta } = pack;
  return meta;
}

function bundle(pack: Pack, generation: string): { buckets: BucketRecord[]; names: NameRecord } {
  const count = Math.max(1, Math.ceil(pack.entities.length / ENTITIES_PER_BUCKET));
  const byEntity = new Map<string, { statements: PackStatement[]; events: PackEvent[]; related: Set<string> }>();
  for (const e of pack.entities) byEntity.set(e.id, { statements: [], events: [], related: new Set() });
  for (const s of pack.statements ?? []) byEntity.get(s.entity)?.statements.push(s);
  for (const ev of pack.events ?? []) {
    for (const id of ev.entities) {
      const slot = byEntity.get(id);
      if (!slot) continue;
      slot.events.push(ev);
      for (const other of ev.entities) if (other !== id) slot.related.add(other);
    }
  }
  const nameOf = new Map(pack.entities.map((e) => [e.id, e.name]));
  const buckets: BucketRecord[] = Array.from({ length: count }, (_, n) => ({ generation, n, bundles: [] as EntityBundle[] }));
  const nameRecord: NameRecord = { generation, names: [] };
  for (const entity of pack.entities as PackEntity[]) {
    const slot = byEntity.get(entity.id);
    if (!slot) continue;
    // Names of the entities its events involve, so a card needs no other lookup.
    const names: Record<string, string> = {};
    for (const id of slot.related) names[id] = nameOf.get(id) ?? id;
    buckets[bucketOf(entity.id, count)].bundles.push({ entity, statements: slot.statements, events: slot.events, names });
    nameRecord.names.push({
      id: entity.id,
      name: entity.name,
      type: entity.type,
      aliases: entity.aliases,
      description: entity.description,
      prominence: entity.prominence,
      countries: entity.countries,
      wikidata: entity.wikidata,
      related: [...slot.related],
    });
  }
  return { buckets, names: nameRecord };
}
