import type { MessageKind, Payload } from '../../src/shared/messages';

/** One valid payload per kind. A mapped type, so adding a kind without a sample does not compile. */
export const SAMPLES: { [K in MessageKind]: Payload<K> } = {
  detect: { text: 'Zalmay Khalilzad met officials at Torkham.', context: { seen: [], unknown: [] } },
  card: { entity: 'pak-afghan-security:torkham' },
  contentSettings: { host: 'news.example' },
  openPanel: { entity: 'pak-afghan-security:torkham' },
  entityNames: { keys: ['pak-afghan-security:torkham'] },
  search: { query: 'tork' },
  listPacks: {},
  setPackEnabled: { id: 'pak-afghan-security', enabled: false },
  removePack: { id: 'pak-afghan-security' },
  exportPack: { id: 'pak-afghan-security' },
  getSettings: {},
  setSettings: { enabled: false, pausedSites: ['127.0.0.1'] },
  listSubscriptions: {},
  previewSubscription: { url: 'https://evil.example/pack.json' },
  subscribe: { url: 'https://evil.example/pack.json' },
  unsubscribe: { url: 'https://evil.example/pack.json' },
  syncNow: {},
  pageCount: { count: 12 },
  pauseThisSite: {},
  scopeAgain: {},
  setSiteEnabled: { host: 'news.example', enabled: false },
  workerStatus: {},
};
