// The tab the reader is looking at, for the popup's "On this page" and "On for <site>".
import browser from '../shared/browser';

export interface ReaderTab {
  id: number;
  /** The page's host ('' for pages Backstory does not run on). */
  host: string;
}

const hostOf = (url: string | undefined) => {
  try {
    const u = new URL(url ?? '');
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname : '';
  } catch {
    return '';
  }
};

export async function readerTab(): Promise<ReaderTab | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const ours = browser.runtime.getURL('');
  // Opened in its own window or tab (not as the toolbar popup), the current tab is this page
  // itself: the reader means the page they were reading, the most recently used normal tab.
  const isOurs = (tab?.url ?? '').startsWith(ours) || location.href === tab?.url;
  let chosen = tab;
  if (!tab || isOurs) {
    const candidates = await browser.tabs.query({ active: true, windowType: 'normal' });
    chosen = candidates.filter((c) => !(c.url ?? '').startsWith(ours)).sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
  }
  if (typeof chosen?.id !== 'number' || chosen.id < 0) return null;
  return { id: chosen.id, host: hostOf(chosen.url) };
}
