/**
 * Atomic pack import: stream the pack into a new generation (staging) item by item, validate
 * what needs the whole pack, then switch the pack record and the compiled index in one
 * transaction. Any failure before the switch leaves every installed pack exactly as it was;
 * orphaned staging is swept on the next start. Memory stays bounded by one batch of items.
 */
import { LIMITS } from '../core/pack-format';
import { ITEM_KINDS, type PackItemKind, packStream, shapeOf } from '../core/pack-stream';
import { describeProblems } from '../core/pack-validate';
import { err, ok, type Result } from '../core/result';
import type { ImportProgress } from '../shared/messages';
import { compileBlobs } from './compiled-index';
import type { BackstoryDatabase, NameRecord, PackRecord } from './database';
import { bucketsForChars, bucketsForEntities, PackStager } from './pack-stager';

export interface ImportOptions {
  bundled?: boolean;
  subscription?: { url: string };
  /** Accept the same version again (used to repair a bundled pack). */
  allowSameVersion?: boolean;
  onProgress?: (p: Extract<ImportProgress, { type: 'progress' }>) => void;
  signal?: AbortSignal;
  /** Called after the switch so the worker can swap its in-memory index. */
  onSwitched?: () => void;
  /** Items staged per batch write (tests use small batches to exercise many parts). */
  batchItems?: number;
  /** The pack id and version a signed index promised: anything else is refused before the switch. */
  expect?: { id: string; version: number };
}

export interface ImportOutcome {
  record: PackRecord;
  replaced?: number;
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

/** Slices of an in-memory text fed to the stream parser between batch writes. */
const TEXT_SLICE = 1 << 20;

/**
 * An import fed slice by slice (the options page's port): items are staged while the text
 * arrives, so the worker never holds the whole file. `end()` checks, compiles and switches.
 */
export interface StreamingImport {
  /** Stage the next slice; resolves with the reason when the import can no longer succeed. */
  write(text: string): Promise<string | null>;
  end(): Promise<Result<ImportOutcome>>;
  /** Stop and drop the staging (the page went away). */
  discard(): Promise<void>;
}

export function streamImport(db: BackstoryDatabase, expectedChars: number, opts: ImportOptions = {}): StreamingImport {
  const stager = new PackStager(db, bucketsForChars(expectedChars), opts.batchItems);
  const stream = packStream(stager);
  let received = 0;
  let broken: string | null = null;
  let queue: Promise<string | null> = Promise.resolve(null);
  const drop = () => dropGeneration(db, stager.generation).catch(() => {});
  return {
    write(text) {
      queue = queue.then(async () => {
        if (!broken && opts.signal?.aborted) broken = 'Import cancelled; nothing was changed.';
        if (broken) return broken;
        try {
          stream.write(text);
          received += text.length;
          await stager.flushIfFull();
          opts.onProgress?.({ type: 'progress', phase: 'writing', done: received, total: Math.max(received, expectedChars), entities: stager.entityCount });
        } catch (e) {
          broken = storageError(e);
        }
        return broken;
      });
      return queue;
    },
    async end() {
      await queue;
      if (!broken) {
        try {
          stream.end();
        } catch (e) {
          broken = storageError(e);
        }
      }
      if (broken) {
        await drop();
        if (broken.startsWith('Import cancelled')) return err(broken);
        return err(
          broken.startsWith('not valid JSON')
            ? `This file is not a Backstory pack: ${broken}`
            : `The pack could not be saved, so nothing was changed: ${broken}`,
        );
      }
      return commit(db, stager, opts);
    },
    async discard() {
      broken = 'discarded';
      await queue;
      await drop();
    },
  };
}

/** Import a whole pack text (the bundled pack, tests): streamed in slices like a file. */
export async function importPackText(db: BackstoryDatabase, text: string, opts: ImportOptions = {}): Promise<Result<ImportOutcome>> {
  if (text.length > LIMITS.fileBytes) return err(`This file is not a Backstory pack: the file is larger than ${LIMITS.fileBytes / 1024 / 1024} MB`);
  const session = streamImport(db, text.length, opts);
  for (let i = 0; i < text.length; i += TEXT_SLICE) {
    if (opts.signal?.aborted) break;
    await session.write(text.slice(i, i + TEXT_SLICE));
  }
  if (!text.length) await session.write('');
  return session.end();
}

/** Bytes of a verified payload decoded per slice fed to the stream parser. */
const BYTE_SLICE = 1 << 20;

/**
 * Import a pack from UTF-8 bytes (a verified sync payload): decoded and streamed slice by slice
 * like a file, so a large subscribed pack never exists as one string or one parsed document.
 */
export async function importPackBytes(
  db: BackstoryDatabase,
  bytes: Uint8Array,
  opts: ImportOptions = {},
  sliceBytes = BYTE_SLICE,
): Promise<Result<ImportOutcome>> {
  if (bytes.length > LIMITS.fileBytes) return err(`This file is not a Backstory pack: the file is larger than ${LIMITS.fileBytes / 1024 / 1024} MB`);
  const session = streamImport(db, bytes.length, opts);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for (let i = 0; i < bytes.length; i += sliceBytes) {
      if (await session.write(decoder.decode(bytes.subarray(i, i + sliceBytes), { stream: true }))) break;
    }
    await session.write(decoder.decode());
  } catch {
    await session.discard();
    return err('This file is not a Backstory pack: it is not UTF-8 text.');
  }
  return session.end();
}

/** Import an already parsed pack (a verified sync payload): the same staging, fed item by item. */
export async function importPackData(db: BackstoryDatabase, data: unknown, opts: ImportOptions = {}): Promise<Result<ImportOutcome>> {
  const doc = (data && typeof data === 'object' && !Array.isArray(data) ? data : {}) as Record<string, unknown>;
  const shape = shapeOf(doc);
  const stager = new PackStager(db, bucketsForEntities(shape.entities === 'array' ? (doc.entities as unknown[]).length : 0), opts.batchItems);
  for (const [field, value] of Object.entries(doc)) if (!ITEM_KINDS.includes(field as PackItemKind)) stager.meta(field, value);
  stager.shape(shape);
  try {
    for (const kind of ITEM_KINDS) {
      if (shape[kind] !== 'array') continue;
      const items = doc[kind] as unknown[];
      for (let i = 0; i < items.length; i++) {
        stager.item(kind, items[i], i);
        if (i % 1024 === 1023) await stager.flushIfFull();
      }
    }
  } catch (e) {
    await dropGeneration(db, stager.generation).catch(() => {});
    return err(`The pack could not be saved, so nothing was changed: ${storageError(e)}`);
  }
  return commit(db, stager, opts);
}

/**
 * Check the staged pack against what is installed, compile, and switch: the pack record and the
 * compiled index change together or not at all. Runs under the writer lock.
 */
function commit(db: BackstoryDatabase, stager: PackStager, opts: ImportOptions): Promise<Result<ImportOutcome>> {
  return withPackLock(async () => {
    const drop = () => dropGeneration(db, stager.generation).catch(() => {});
    try {
      opts.onProgress?.({ type: 'progress', phase: 'validating', done: 0, total: 1 });
      const staged = await stager.finish();
      if (!staged.ok) {
        await drop();
        return err(`The pack has errors:\n${describeProblems(staged.error)}`);
      }
      const { meta, generation, names, counts, buckets } = staged.value;
      if (opts.expect && (meta.id !== opts.expect.id || meta.version !== opts.expect.version)) {
        await drop();
        return err(`The pack has errors: it is ${meta.id} v${meta.version}, but the signed index promised ${opts.expect.id} v${opts.expect.version}.`);
      }
      const existing = await db.packs.get(meta.id);
      // A subscription may only update the pack it installed: never the built-in pack, another
      // subscription's pack, or one the reader imported from a file.
      if (opts.subscription && existing && (existing.bundled || !mayAdopt(existing, opts.subscription.url))) {
        await drop();
        return err(`A different pack with the id "${meta.id}" is already installed; this subscription cannot replace it.`);
      }
      // A file never replaces a subscribed pack: the subscription would go on vouching for content
      // its publisher never signed. The reader unsubscribes first if the file is what they want.
      if (!opts.subscription && !opts.bundled && existing?.subscription) {
        await drop();
        return err(
          `"${existing.meta.title}" is kept up to date by your subscription to ${hostOf(existing.subscription.url)}, so a file cannot replace it; nothing was changed. To use this file instead, unsubscribe first (Options → Subscriptions).`,
        );
      }
      if (existing) {
        const older = meta.version < existing.meta.version;
        const same = meta.version === existing.meta.version;
        if (older || (same && !opts.allowSameVersion)) {
          await drop();
          return err(
            `"${meta.title}" version ${meta.version} is ${older ? 'older than' : 'the same as'} the installed version ${existing.meta.version}; nothing was changed.`,
          );
        }
      }
      if (opts.signal?.aborted) throw new Cancelled();
      opts.onProgress?.({ type: 'progress', phase: 'compiling', done: 0, total: 1 });
      const record: PackRecord = {
        id: meta.id,
        meta,
        enabled: existing ? existing.enabled : true,
        bundled: Boolean(opts.bundled),
        installed: new Date().toISOString(),
        generation,
        buckets,
        counts,
        subscription: opts.subscription ?? existing?.subscription,
      };
      const packs = (await db.packs.toArray()).filter((p) => p.id !== meta.id).concat(record);
      const nameRecs = new Map<string, NameRecord>([[generation, names]]);
      const others = packs.filter((p) => p.enabled && p.generation !== generation).map((p) => p.generation);
      for (const rec of await db.names.bulkGet(others)) if (rec) nameRecs.set(rec.generation, rec);
      const blobs = compileBlobs(packs, nameRecs);
      nameRecs.clear();
      if (opts.signal?.aborted) throw new Cancelled();

      await db.transaction('rw', db.packs, db.blobs, async () => {
        await db.packs.put(record);
        await db.blobs.bulkPut(blobs);
      });
      opts.onSwitched?.();
      if (existing) await dropGeneration(db, existing.generation).catch(() => {});
      return ok({ record, replaced: existing?.meta.version });
    } catch (e) {
      await drop();
      if (e instanceof Cancelled) return err('Import cancelled; nothing was changed.');
      return err(`The pack could not be saved, so nothing was changed: ${storageError(e)}`);
    }
  });
}

class Cancelled extends Error {}

/** The subscription installed this pack, now or before the reader unsubscribed. */
const mayAdopt = (p: PackRecord, url: string) => (p.subscription ? p.subscription.url === url : p.formerSubscription === url);

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url.slice(0, 200);
  }
}

export function storageError(e: unknown): string {
  const name = (e as { name?: string })?.name ?? '';
  const inner = (e as { inner?: { name?: string } })?.inner?.name ?? '';
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError')
    return 'the browser is out of storage space (quota exceeded). Free some disk space or remove a pack, then try again.';
  return e instanceof Error ? e.message : String(e);
}

export async function dropGeneration(db: BackstoryDatabase, generation: string): Promise<void> {
  await db.transaction('rw', db.parts, db.buckets, db.names, async () => {
    await db.parts.where('generation').equals(generation).delete();
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
  // One visit per distinct generation ('nextunique'), not one per record: this runs on every
  // wake-up, and a pack of 135k places has that many parts.
  for (const table of [db.parts, db.buckets]) {
    for (const k of await table.orderBy('generation').uniqueKeys()) gens.add(k as unknown as string);
  }
  let dropped = 0;
  for (const g of gens) {
    if (!live.has(g)) {
      await dropGeneration(db, g);
      dropped++;
    }
  }
  return dropped;
}
