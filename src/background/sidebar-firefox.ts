/**
 * Firefox: "Full backstory" shows the sidebar (`sidebar_action`, see scripts/manifest-firefox.ts).
 * Firefox lets `sidebarAction.open()` run only inside a user-input handler, and a click relayed by
 * a content script's message does not count; then the full backstory opens in a new tab next to
 * the article instead, and the sidebar, if the reader opens it, shows the same entity.
 */
import browser from '../shared/browser';
import { type PanelRequest, panelUrl } from './panel-url';

export async function openFirefoxSidebar(tabId: number, request: PanelRequest): Promise<void> {
  const panel = panelUrl(request);
  const sidebar = browser.sidebarAction;
  try {
    const open = sidebar.open();
    await Promise.all([sidebar.setPanel({ tabId, panel }), open]);
  } catch {
    await sidebar.setPanel({ tabId, panel }).catch(() => {});
    const tab = await browser.tabs.get(tabId);
    await browser.tabs.create({ url: panel, index: tab.index + 1, windowId: tab.windowId, openerTabId: tabId });
  }
}
