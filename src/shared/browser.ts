// The one place where browser APIs enter: everything else imports `browser` from here.
import browser from 'webextension-polyfill';

export default browser;
export type { Runtime, Tabs } from 'webextension-polyfill';

/** Chrome's own namespace, for Chrome-only APIs the polyfill does not cover (the side panel). */
export const chromeApi: typeof chrome | undefined = (globalThis as { chrome?: typeof chrome }).chrome;
