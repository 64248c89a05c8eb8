// The tab the reader is looking at, for the popup's "On this page" and "On for <site>".
import browser from '../shared/browser';
import { sendToTab } from '../shared/messaging';

export interface ReaderTab {
  id: number;
  /** The page's host ('' where Backstory does not run: browser pages, stores, pages opened before install). */
  host: string;
}

/** Backstory needs no "tabs" permission: the page's own content script says where it is. */
async function hostIn(tabId: number): Promise<string> {
  const info = await sendToTab(tabId, 'siteInfo');
  return info.ok ? info.value.host : '';
}

export async function readerTab(): Promise<ReaderTab | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const ours = browser.runtime.getURL('');
  // Our own pages' URLs are visible to us. Opened in its own window or tab (not as the toolbar
  // popup), the current tab is this page itself: the reader means the page they were reading,
  // the most recently used normal tab.
  const isOurs = (tab?.url ?? '').startsWith(ours) || location.href === tab?.url;
  let chosen = tab;
  if (!tab || isOurs) {
    const candidates = await browser.tabs.query({ active: true, windowType: 'normal' });
    chosen = candidates.filter((c) => !(c.url ?? '').startsWith(ours)).sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
  }
  if (typeof chosen?.id !== 'number' || chosen.id < 0) return null;
  return { id: chosen.id, host: await hostIn(chosen.id) };
}
