/** "Full backstory": the browser's side panel where there is one (quirks in the files named for each browser). */
import browser, { chromeApi } from '../shared/browser';
import type { PanelRequest } from './panel-url';
import { openChromeSidePanel } from './side-panel-chrome';
import { openFirefoxSidebar } from './sidebar-firefox';

export async function openPanel(tabId: number | undefined, request: PanelRequest): Promise<boolean> {
  if (tabId === undefined) return false;
  const sidePanel = chromeApi?.sidePanel;
  if (sidePanel?.open) await openChromeSidePanel(sidePanel, tabId, request);
  else if ('sidebarAction' in browser) await openFirefoxSidebar(tabId, request);
  else return false;
  return true;
}
