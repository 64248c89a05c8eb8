/**
 * The one stand-in for `src/shared/browser` in the Node tests. The middle tier shares one module
 * graph per worker (vitest.config.ts, `isolate: false`): the first file that loads a module using
 * the browser API (messaging.ts, the options page, the popup) binds it to that file's mock for
 * every later file. So every test file mocks the API with this same object, and sets only what the
 * worker and the tabs "reply" (reset after each test by whoever uses it):
 *   vi.mock('../../src/shared/browser', async () => (await import('./fake-browser')).browserModule);
 */
import { getMessage } from './fake-i18n';

export const fake = {
  /** The worker's reply to runtime.sendMessage. */
  reply: (_m: unknown): unknown => undefined,
  /** A content script's reply to tabs.sendMessage. */
  tabReply: (_m: unknown, _tabId: number): unknown => undefined,
};

export function resetFake(): void {
  fake.reply = () => undefined;
  fake.tabReply = () => undefined;
}

export const fakeBrowser = {
  i18n: { getMessage: (key: string, subs?: string[]) => getMessage(key, subs) },
  runtime: {
    id: 'test',
    getURL: (p: string) => `chrome-extension://test/${p}`,
    sendMessage: async (m: unknown) => fake.reply(m),
    openOptionsPage: async () => undefined,
    connect: () => ({}),
  },
  tabs: {
    query: async () => [{ id: 3, url: 'https://news.example/' }],
    get: async (id: number) => ({ id, url: 'https://news.example/' }),
    sendMessage: async (tabId: number, m: unknown) => fake.tabReply(m, tabId),
  },
};

/** What the mocked module exports (no `chrome` global in Node). */
export const browserModule = { default: fakeBrowser, chromeApi: undefined };
