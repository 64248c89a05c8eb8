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

export class BackstoryDatabase extends Dexie {
  packs!: Table<PackRecord, string>;
  buckets!: Table<BucketRecord, [string, number]>;
  names!: Table<NameRecord, string>;
  blobs!: Table<BlobRecord, string>;
  kv!: Table<KeyValue, string>;

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
  }
}

export const SETTINGS_KEY = 'settings';
export type { Settings };
