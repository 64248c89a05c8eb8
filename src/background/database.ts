import Dexie, { type Table } from 'dexie';
import type { PackEntity, PackEvent, PackMeta, PackStatement } from '../core/pack-format';
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
}

/** An entity with everything its card needs, stored together so a card is one read. */
export interface EntityBundle {
  entity: PackEntity;
  statements: PackStatement[];
  events: PackEvent[];
  /** Names of the other entities its events involve (id → name in the same pack). */
  names?: Record<string, string>;
}

/** Card data in hash buckets: few large records instead of one per item (fast import, one read per card). */
export interface BucketRecord {
  generation: string;
  n: number;
  bundles: EntityBundle[];
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
  lastError?: string;
  /** Consecutive failures, for backoff. */
  failures: number;
  /** After a failure: not before this time (backoff or Retry-After). */
  retryAt?: string;
}

export class BackstoryDatabase extends Dexie {
  packs!: Table<PackRecord, string>;
  buckets!: Table<BucketRecord, [string, number]>;
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
  }
}

export const SETTINGS_KEY = 'settings';
export type { Settings };
