// The one place where browser APIs enter: everything else imports `browser` from here.
import browser from 'webextension-polyfill';

export default browser;
export type { Runtime, Tabs } from 'webextension-polyfill';
