import Dexie, { type Table } from 'dexie';
import type { PackEntity, PackEvent, PackMeta, PackStatement } from '../core/pack-format';
import type { RollbackFloor, SyncErrorCode } from '../core/sync-policy';
import type { Settings } from '../shared/card-data';

/** One installed pack. `generation` names the chunk set that is live; staging writes a new one. */
export interface PackRecord {
  id: string;
  meta: PackMeta;
  enabled: boolean;
  bundled: boolean;
  installed: string;
  generation: string;
  buckets: number;
  counts: { entities: number; statements: number; events: number };
  subscription?: { url: string };
  /** The subscription that installed it, after an unsubscribe: subscribing there again may adopt it. */
  formerSubscription?: string;
}

/** An entity with everything its card needs, stored together so a card is one read. */
export interface EntityBundle {
  entity: PackEntity;
  statements: PackStatement[];
  events: PackEvent[];
  /** Names of the other entities its events involve (id → name in the same pack). */
  names?: Record<string, string>;
}

/** Schema v1–v2 card data (one record per hash bucket); read only to migrate it to parts. */
export interface BucketRecord {
  generation: string;
  n: number;
  bundles: EntityBundle[];
}

/**
 * Card data in hash buckets, written in parts while a pack streams in: part 0 holds the names of
 * the entities the bucket's events involve, parts 1… the items in arrival order. A card is one
 * range read of its bucket's parts, and an import never holds more than one batch of items.
 */
export interface BucketPart {
  generation: string;
  n: number;
  part: number;
  entities: PackEntity[];
  statements: PackStatement[];
  events: PackEvent[];
  /** Part 0: [id, name] of the entities the bucket's events involve (same pack). */
  names?: [string, string][];
}

/** Per pack generation: what the matcher and search need, without the card text. */
export interface NameRecord {
  generation: string;
  names: {
    id: string;
    name: string;
    type: PackEntity['type'];
    aliases: PackEntity['aliases'];
    description?: string;
    prominence?: number;
    countries?: string[];
    wikidata?: string;
    related: string[];
  }[];
}

/** Compiled structures (matcher, search index) as ArrayBuffers, for instant reload. */
export interface BlobRecord {
  key: string;
  data: ArrayBuffer;
  /** Which pack generations this was compiled from: stale when they differ. */
  stamp: string;
}

export interface KeyValue {
  key: string;
  value: unknown;
}

/** A pack subscription and its sync state (see pack-sync.ts). */
export interface SubscriptionRecord {
  /** The index URL without its fragment. */
  url: string;
  added: string;
  packId?: string;
  title?: string;
  /** Publisher key, pinned on first use or from `#key=`; every later index must verify with it. */
  pinnedKey?: string;
  /** Version this subscription last installed or confirmed. */
  version?: number;
  /** ETag of the index that confirmed `version`, for If-None-Match. */
  etag?: string;
  /** Expiry of that index: a 304 does not extend it. */
  expires?: string;
  lastAttempt?: string;
  lastSuccess?: string;
  /** Technical details of the last failure, and its kind (for the reader's sentence). */
  lastError?: string;
  errorCode?: SyncErrorCode;
  /** Highest verified index version and its publication time: nothing older is ever accepted. */
  floor?: RollbackFloor;
  /** Paused when the reader removes the pack: kept (with its floor), but not synced. */
  paused?: boolean;
  /** Consecutive failures, for backoff. */
  failures: number;
  /** After a failure: not before this time (backoff or Retry-After). */
  retryAt?: string;
}

export class BackstoryDatabase extends Dexie {
  packs!: Table<PackRecord, string>;
  buckets!: Table<BucketRecord, [string, number]>;
  parts!: Table<BucketPart, [string, number, number]>;
  names!: Table<NameRecord, string>;
  blobs!: Table<BlobRecord, string>;
  kv!: Table<KeyValue, string>;
  subscriptions!: Table<SubscriptionRecord, string>;

  constructor(name = 'backstory') {
    super(name);
    // Schema history: bump the version and add an upgrade() for every change; never edit a released one.
    this.version(1).stores({
      packs: '&id',
      buckets: '[generation+n], generation',
      names: '&generation',
      blobs: '&key',
      kv: '&key',
    });
    this.version(2).stores({
      packs: '&id',
      buckets: '[generation+n], generation',
      names: '&generation',
      blobs: '&key',
      kv: '&key',
      subscriptions: '&url',
    });
    this.version(3)
      .stores({
        packs: '&id',
        buckets: '[generation+n], generation',
        parts: '[generation+n+part], generation',
        names: '&generation',
        blobs: '&key',
        kv: '&key',
        subscriptions: '&url',
      })
      .upgrade(async (tx) => {
        // v2 buckets become one part each (plus its names part); the old records are removed.
        await tx
          .table('buckets')
          .toCollection()
          .each((b: BucketRecord) => {
            const { part, names } = partOfBucket(b);
            tx.table('parts').put(part);
            tx.table('parts').put(names);
          });
        await tx.table('buckets').clear();
      });
  }
}

/** A schema-v2 bucket as the parts that replace it. */
export function partOfBucket(b: BucketRecord): { part: BucketPart; names: BucketPart } {
  const events = new Map<string, PackEvent>();
  const names = new Map<string, string>();
  for (const bundle of b.bundles) {
    for (const ev of bundle.events) events.set(ev.id, ev);
    for (const [id, name] of Object.entries(bundle.names ?? {})) names.set(id, name);
  }
  return {
    part: {
      generation: b.generation,
      n: b.n,
      part: 1,
      entities: b.bundles.map((x) => x.entity),
      statements: b.bundles.flatMap((x) => x.statements),
      events: [...events.values()],
    },
    names: { generation: b.generation, n: b.n, part: 0, entities: [], statements: [], events: [], names: [...names] },
  };
}

export const SETTINGS_KEY = 'settings';
export type { Settings };
