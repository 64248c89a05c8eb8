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
  /** Other entities on the same page that share events with this one, one row per event. */
  relatedOnPage: { event: string; date: string; names: { key: string; name: string }[] }[];
  packs: { id: string; title: string; version: number; published?: string }[];
}

export interface CardStatement {
  id: string;
  date: string;
  text: string;
  context?: string;
  source: Source;
  /** Title of the pack it comes from, set when more than one pack describes the entity. */
  pack?: string;
}

export interface CardEvent {
  id: string;
  date: string;
  title: string;
  summary?: string;
  source: Source;
  /** Names of the other entities involved, for one-line context. */
  with: string[];
  /** Title of the pack it comes from, set when more than one pack describes the entity. */
  pack?: string;
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

/** Which mentions of a name get a visible underline (every mention stays hoverable). */
export type UnderlineMode = 'first' | 'every' | 'none';
export const UNDERLINE_MODES: readonly UnderlineMode[] = ['first', 'every', 'none'];
/** The card's theme: follow the page's background, or the reader's choice. */
export type CardTheme = 'auto' | 'light' | 'dark';
export const CARD_THEMES: readonly CardTheme[] = ['auto', 'light', 'dark'];

export interface Settings {
  enabled: boolean;
  underlines: UnderlineMode;
  cardTheme: CardTheme;
  dwellMs: number;
  pausedSites: string[];
  syncHours: number;
  badge: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  enabled: true,
  underlines: 'first',
  cardTheme: 'auto',
  dwellMs: 300,
  pausedSites: [],
  syncHours: 6,
  badge: true,
};

/**
 * A problem of the worker itself that the options page shows: the database did not open, or the
 * built-in pack could not be installed. `details` is the technical text (behind "Details").
 */
export interface WorkerProblem {
  code: 'database' | 'defaultPack';
  details: string;
}
