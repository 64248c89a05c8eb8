/**
 * The whole runtime protocol in one place: every message kind, its payload schema, its reply type
 * and which contexts may send it. The worker's router validates both the payload and the sender
 * against this table before any handler runs.
 */
import * as v from 'valibot';
import type { DetectContext, DetectedMention } from '../core/resolve-references';
import type { Result } from '../core/result';
import {
  CARD_THEMES,
  type CardData,
  type CardTheme,
  type PackSummary,
  type SearchHit,
  type Settings,
  UNDERLINE_MODES,
  type UnderlineMode,
  type WorkerProblem,
} from './card-data';
import type { SubscriptionPreview, SubscriptionView } from './subscription-view';

/** Who sent a message, classified from the browser-supplied sender, never from the payload. */
export type SenderKind = 'content' | 'extension-page';

const entityKey = v.pipe(v.string(), v.maxLength(300), v.regex(/^[a-z0-9-]+:[a-z0-9-]+$/));
const host = v.pipe(v.string(), v.maxLength(300));

/** Caps for what a (possibly hostile) page can make its content script send. */
export const CONTENT_CAPS = { textChars: 2_000_000, contextItems: 2_000, pageEntities: 500 } as const;

export const DetectContextSchema = v.object({
  /** Entities mentioned in full so far, oldest first (for references back). */
  seen: v.pipe(v.array(entityKey), v.maxLength(CONTENT_CAPS.contextItems)),
  /** Surname keys last used by a name the packs do not know ("Gul Khan" blocks "Khan"). */
  unknown: v.pipe(v.array(v.pipe(v.string(), v.maxLength(100))), v.maxLength(CONTENT_CAPS.contextItems)),
});

const settingsPatch = v.partial(
  v.object({
    enabled: v.boolean(),
    underlines: v.picklist(UNDERLINE_MODES),
    cardTheme: v.picklist(CARD_THEMES),
    dwellMs: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1500)),
    pausedSites: v.pipe(v.array(host), v.maxLength(1000)),
    syncHours: v.pipe(v.number(), v.minValue(1), v.maxValue(168)),
    /** Show the number of names found on the toolbar icon. */
    badge: v.boolean(),
  }),
);

/**
 * `openPanel`'s payload, also the tab channel's `panelRequest` reply. Named rather than read back as
 * `MESSAGES.openPanel.payload`: the bundler keeps a top-level property read (a getter might run),
 * and with it this whole table and its schemas in the content script, which never uses them.
 */
const openPanelPayload = v.object({
  entity: entityKey,
  pageEntities: v.optional(v.pipe(v.array(entityKey), v.maxLength(CONTENT_CAPS.pageEntities))),
  articleDate: v.optional(v.pipe(v.string(), v.maxLength(40))),
});

export const MESSAGES = {
  /** Find mentions in a slice of page text. Read-only. */
  detect: {
    from: ['content', 'extension-page'],
    payload: v.object({ text: v.pipe(v.string(), v.maxLength(CONTENT_CAPS.textChars)), context: DetectContextSchema }),
  },
  /** Card data for one entity (and which other entities of the page relate to it). Read-only. */
  card: {
    from: ['content', 'extension-page'],
    payload: v.object({
      entity: entityKey,
      pageEntities: v.optional(v.pipe(v.array(entityKey), v.maxLength(CONTENT_CAPS.pageEntities))),
    }),
  },
  /**
   * What the content script needs to know about the user's settings for its site. Read-only. For a
   * content script the worker takes the site from the browser-supplied sender URL and ignores
   * `host`; only an extension page may ask about another site.
   */
  contentSettings: {
    from: ['content', 'extension-page'],
    payload: v.object({ host: v.optional(host) }),
  },
  /**
   * "Full backstory" on the card: open the browser's side panel (Firefox: sidebar) on this entity.
   * The tab comes from the sender, never from the payload (the welcome page's sample card is a tab too).
   */
  openPanel: {
    from: ['content', 'extension-page'],
    payload: openPanelPayload,
  },
  /** Display names of detected entities (for the popup's "On this page"). Read-only. */
  entityNames: {
    from: ['content', 'extension-page'],
    payload: v.object({ keys: v.pipe(v.array(entityKey), v.maxLength(CONTENT_CAPS.pageEntities)) }),
  },
  search: {
    from: ['extension-page'],
    payload: v.object({ query: v.pipe(v.string(), v.maxLength(200)), limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100))) }),
  },
  listPacks: { from: ['extension-page'], payload: v.object({}) },
  setPackEnabled: { from: ['extension-page'], payload: v.object({ id: v.pipe(v.string(), v.maxLength(120)), enabled: v.boolean() }) },
  removePack: { from: ['extension-page'], payload: v.object({ id: v.pipe(v.string(), v.maxLength(120)) }) },
  exportPack: { from: ['extension-page'], payload: v.object({ id: v.pipe(v.string(), v.maxLength(120)) }) },
  getSettings: { from: ['extension-page'], payload: v.object({}) },
  setSettings: { from: ['extension-page'], payload: settingsPatch },
  listSubscriptions: { from: ['extension-page'], payload: v.object({}) },
  /** Fetch and verify a subscription URL's index without pinning anything: the reader checks the key fingerprint. */
  previewSubscription: { from: ['extension-page'], payload: v.object({ url: v.pipe(v.string(), v.maxLength(2048)) }) },
  /** `key`: the publisher key the reader confirmed (needed unless the URL carries `#key=`). */
  subscribe: {
    from: ['extension-page'],
    payload: v.object({ url: v.pipe(v.string(), v.maxLength(2048)), key: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/))) }),
  },
  unsubscribe: { from: ['extension-page'], payload: v.object({ url: v.pipe(v.string(), v.maxLength(2048)) }) },
  syncNow: { from: ['extension-page'], payload: v.object({ url: v.optional(v.pipe(v.string(), v.maxLength(2048))) }) },
  /** The content script reports how many names it found; the worker shows it on the tab's toolbar icon. */
  pageCount: { from: ['content'], payload: v.object({ count: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000)) }) },
  /**
   * The page replaced its article: run the scope script (`scope-run.ts`, one of our own content
   * scripts, named by the manifest) in the sender's own tab and frame again. Takes nothing from the
   * payload, and can run no other file.
   */
  scopeAgain: { from: ['content'], payload: v.object({}) },
  /** "Turn off on this site" in the card: pauses the sender's own site (taken from the browser-supplied sender, never the payload). */
  pauseThisSite: { from: ['content'], payload: v.object({}) },
  /** Pause or resume one site (the popup's "On for <site>" switch); every open tab hears of it. */
  setSiteEnabled: { from: ['extension-page'], payload: v.object({ host, enabled: v.boolean() }) },
  /** Problems of the worker itself (database, built-in pack) for the options page; waits for a default-pack install under way. */
  workerStatus: { from: ['extension-page'], payload: v.object({}) },
} as const satisfies Record<string, { from: readonly SenderKind[]; payload: v.GenericSchema }>;

export type MessageKind = keyof typeof MESSAGES;
export type Payload<K extends MessageKind> = v.InferOutput<(typeof MESSAGES)[K]['payload']>;

export interface Replies {
  detect: { mentions: DetectedMention[]; context: DetectContext };
  card: CardData | null;
  contentSettings: { active: boolean; underlines: UnderlineMode; cardTheme: CardTheme; dwellMs: number };
  openPanel: boolean;
  entityNames: Record<string, { name: string; type: string }>;
  search: SearchHit[];
  listPacks: PackSummary[];
  setPackEnabled: PackSummary[];
  removePack: PackSummary[];
  exportPack: { filename: string; json: string };
  getSettings: Settings;
  setSettings: Settings;
  listSubscriptions: SubscriptionView[];
  previewSubscription: SubscriptionPreview;
  subscribe: SubscriptionView[];
  unsubscribe: SubscriptionView[];
  syncNow: SubscriptionView[];
  pageCount: null;
  /** True once the script has run (its entry point is then on the content scripts' global). */
  scopeAgain: boolean;
  pauseThisSite: null;
  setSiteEnabled: Settings;
  workerStatus: { problem: WorkerProblem | null };
}

export interface Envelope<K extends MessageKind = MessageKind> {
  kind: K;
  payload: Payload<K>;
}

export type Reply<K extends MessageKind> = Result<Replies[K]>;

/** Long-lived ports (for streams too big for one message). */
export const PORTS = {
  /** Options page → worker: a pack file in text chunks; worker → page: progress, then the result. */
  import: { name: 'backstory-import', from: ['extension-page'] as SenderKind[] },
} as const;

export const ImportPortMessage = v.variant('type', [
  v.object({ type: v.literal('begin'), name: v.pipe(v.string(), v.maxLength(500)), chars: v.pipe(v.number(), v.minValue(0)) }),
  v.object({ type: v.literal('chunk'), data: v.pipe(v.string(), v.maxLength(8 * 1024 * 1024)) }),
  v.object({ type: v.literal('end') }),
  v.object({ type: v.literal('cancel') }),
]);
export type ImportPortMessage = v.InferOutput<typeof ImportPortMessage>;

export type ImportProgress =
  | { type: 'progress'; phase: 'receiving' | 'parsing' | 'validating' | 'writing' | 'compiling'; done: number; total: number; entities?: number }
  | { type: 'done'; pack: PackSummary; replaced?: number }
  | { type: 'error'; error: string };

/**
 * The tab channel: messages an extension page (the popup) or the worker sends straight to a tab's
 * content script, each with its payload schema (checked by the receiver: the sender is ours, but
 * the table states the shape once) and, in `TabReplies`, what the content script answers.
 */
export const TAB_MESSAGES = {
  /** From the popup: the names found on this page, with mention counts. */
  onThisPage: v.object({ kind: v.literal('onThisPage') }),
  /** From the popup: scroll to the entity's first mention, select and flash it; false when it is not on the page. */
  reveal: v.object({ kind: v.literal('reveal'), entity: entityKey }),
  /** From the worker on the keyboard command: open the card for the mention at the selection. */
  openAtSelection: v.object({ kind: v.literal('openAtSelection') }),
  /** From the worker: settings changed (site paused or resumed…); ask again and apply at once. */
  settingsChanged: v.object({ kind: v.literal('settingsChanged') }),
  /** From the popup: which page is this, and is Backstory on here (no "tabs" permission needed). */
  siteInfo: v.object({ kind: v.literal('siteInfo') }),
  /** From the worker on the sidebar command (Firefox): what "Full backstory" would show for the open (or last) card; an open card closes. */
  panelRequest: v.object({ kind: v.literal('panelRequest') }),
} as const;
/** What "Full backstory" shows: the same fields as `openPanel`. */
export type PanelRequest = Payload<'openPanel'>;

export type TabMessageKind = keyof typeof TAB_MESSAGES;
export type TabMessage<K extends TabMessageKind = TabMessageKind> = v.InferOutput<(typeof TAB_MESSAGES)[K]>;

/** What the content script answers to each tab message. */
export interface TabReplies {
  onThisPage: OnThisPageItem[];
  reveal: boolean;
  openAtSelection: boolean;
  /** Whether a session runs after the settings were applied. */
  settingsChanged: boolean;
  siteInfo: SiteInfo;
  /** The open (or last) card for the sidebar, or null when there was none. */
  panelRequest: PanelRequest | null;
}

/** Replies cross a context boundary: each is checked against its schema before use. */
const onThisPageItem = v.object({
  key: entityKey,
  name: v.string(),
  type: v.string(),
  count: v.pipe(v.number(), v.finite(), v.minValue(0)),
});
export const TAB_REPLIES: { [K in TabMessageKind]: v.GenericSchema<unknown, TabReplies[K]> } = {
  onThisPage: v.pipe(
    v.array(v.unknown()),
    v.transform((items) => items.filter((x): x is OnThisPageItem => v.is(onThisPageItem, x))),
  ),
  reveal: v.boolean(),
  openAtSelection: v.boolean(),
  settingsChanged: v.boolean(),
  siteInfo: v.object({
    host: v.pipe(
      v.string(),
      v.transform((h) => h.slice(0, 300)),
    ),
    url: v.string(),
    active: v.boolean(),
  }),
  panelRequest: v.nullable(openPanelPayload),
};

export interface SiteInfo {
  host: string;
  url: string;
  active: boolean;
}
export interface OnThisPageItem {
  key: string;
  name: string;
  type: string;
  count: number;
}
