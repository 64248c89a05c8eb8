/**
 * Chrome: "Full backstory" opens `chrome.sidePanel` for the tab. `open()` is allowed only in
 * response to a user action, which the click's message carries for a short time: both calls are
 * made before anything is awaited.
 */
import { type PanelRequest, panelPath } from './panel-url';

export async function openChromeSidePanel(api: typeof chrome.sidePanel, tabId: number, request: PanelRequest): Promise<void> {
  const set = api.setOptions({ tabId, path: panelPath(request), enabled: true });
  const open = api.open({ tabId });
  await Promise.all([set, open]);
}
