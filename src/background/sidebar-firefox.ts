/**
 * Firefox: "Full backstory" shows the sidebar (`sidebar_action`, see scripts/manifest-firefox.ts).
 *
 * Firefox lets `sidebarAction.open()` run only inside a user-input handler of the extension
 * itself. A click on the card does not count, however it reaches the worker: a content script's
 * message carries no user input (tested in Firefox ESR 153), and an extension frame inside a web
 * page gets only content-script APIs, without `sidebarAction`. So:
 * - the card's button sets the tab's sidebar panel to the entity; when the sidebar is open in
 *   that window it shows it there, otherwise the same page opens in a tab beside the article;
 * - the reader's sidebar command (`full-backstory`, a user-input handler) opens the sidebar
 *   itself and asks the tab's content script for the card being read (`openSidebarByCommand`).
 */
import browser from '../shared/browser';
import { sendToTab } from '../shared/messaging';
import { type PanelRequest, panelUrl } from './panel-url';

export const SIDEBAR_COMMAND = 'full-backstory';

/** `open()` now, in the caller's turn (where the user input is); settles to whether it opened. */
function tryOpen(): Promise<boolean> {
  try {
    return browser.sidebarAction.open().then(
      () => true,
      () => false,
    );
  } catch {
    return Promise.resolve(false);
  }
}

export async function openFirefoxSidebar(tabId: number, request: PanelRequest): Promise<void> {
  const panel = panelUrl(request);
  const sidebar = browser.sidebarAction;
  // Refused unless Firefox one day relays the click's user input; tried first, before any await.
  const opened = tryOpen();
  await sidebar.setPanel({ tabId, panel });
  const tab = await browser.tabs.get(tabId);
  if ((await opened) || (await sidebar.isOpen({ windowId: tab.windowId }))) return;
  await browser.tabs.create({ url: panel, index: tab.index + 1, windowId: tab.windowId, openerTabId: tabId });
}

/** The sidebar command: open the sidebar (first, while the key press counts) on the tab's card. */
export function openSidebarByCommand(tabId: number): Promise<unknown> {
  return Promise.all([tryOpen(), showCardInSidebar(tabId)]);
}

/** Point the tab's sidebar at the card its content script shows (or showed last). */
async function showCardInSidebar(tabId: number): Promise<boolean> {
  const reply = await sendToTab(tabId, 'panelRequest');
  if (!reply.ok || !reply.value) return false;
  await browser.sidebarAction.setPanel({ tabId, panel: panelUrl(reply.value) });
  return true;
}
