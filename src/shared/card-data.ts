import type { EntityType, Source } from '../core/pack-format';

/** Everything a card shows, assembled by the worker in one round trip. All strings are untrusted text. */
export interface CardData {
  /** `packId:entityId` of the primary record. */
  key: string;
  name: string;
  type: EntityType;
  description?: string;
  summary?: string;
  facts: { label: string; value: string }[];
  wikidata?: string;
  sources: Source[];
  statements: CardStatement[];
  events: CardEvent[];
  /** Other entities on the same page that share events with this one. */
  relatedOnPage: { key: string; name: string; event: string; date: string }[];
  packs: { id: string; title: string; version: number; published?: string }[];
}

export interface CardStatement {
  id: string;
  date: string;
  text: string;
  context?: string;
  source: Source;
}

export interface CardEvent {
  id: string;
  date: string;
  title: string;
  summary?: string;
  source: Source;
  /** Names of the other entities involved, for one-line context. */
  with: string[];
}

export interface SearchHit {
  key: string;
  name: string;
  type: EntityType;
  description?: string;
  /** The alias that matched when it is not the name (shown as "also: …"). */
  matched?: string;
  kind: 'exact' | 'alias' | 'prefix' | 'fuzzy';
}

export interface PackSummary {
  id: string;
  title: string;
  version: number;
  description?: string;
  publisher?: { name: string; url?: string };
  license?: string;
  published?: string;
  installed: string;
  enabled: boolean;
  counts: { entities: number; statements: number; events: number };
  bundled: boolean;
  subscription?: { url: string };
}

export interface Settings {
  enabled: boolean;
  underline: boolean;
  dwellMs: number;
  pausedSites: string[];
  syncHours: number;
  badge: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  enabled: true,
  underline: true,
  dwellMs: 300,
  pausedSites: [],
  syncHours: 6,
  badge: true,
};
