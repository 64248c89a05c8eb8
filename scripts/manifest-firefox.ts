// Firefox's manifest, derived from the shared source manifest.json.
// - MV3 Firefox runs the background as an event page (`background.scripts`), not a service worker.
//   @crxjs rewrites the entry to its `service-worker-loader.js`, an ES module, hence `type: module`.
// - Gecko needs a stable add-on id (storage and the moz-extension UUID are keyed by it) and refuses
//   keys it does not know on older versions, so the minimum is pinned.
// - `minimum_chrome_version` means nothing to Firefox; the linter flags it.
// - `data_collection_permissions` (Firefox 140+) is required for new AMO listings: Backstory reads
//   pages and packs locally and sends nothing anywhere, so it declares `none`. Firefox for Android
//   learned that key in 142, so Android's minimum is pinned there.
// - Chrome's side panel (`side_panel`, the `sidePanel` permission) is Firefox's sidebar
//   (`sidebar_action`), showing the same page; src/background/sidebar-firefox.ts opens it. Firefox
//   opens a sidebar only from the extension's own user-input handlers, so the sidebar has its own
//   command (`full-backstory`): the card being read, in the sidebar.
export const GECKO_ID = 'backstory@backstory.example';
export const GECKO_MIN_VERSION = '140.0';
export const GECKO_ANDROID_MIN_VERSION = '142.0';

export function firefoxManifest(base: Record<string, unknown>): Record<string, unknown> {
  const manifest = structuredClone(base);
  const background = base.background as { service_worker: string; type?: string };
  manifest.background = { scripts: [background.service_worker], type: background.type ?? 'module' };
  manifest.browser_specific_settings = {
    gecko: { id: GECKO_ID, strict_min_version: GECKO_MIN_VERSION, data_collection_permissions: { required: ['none'] } },
    gecko_android: { strict_min_version: GECKO_ANDROID_MIN_VERSION },
  };
  delete manifest.minimum_chrome_version;
  const sidePanel = base.side_panel as { default_path: string } | undefined;
  delete manifest.side_panel;
  manifest.permissions = (base.permissions as string[]).filter((p) => p !== 'sidePanel');
  if (sidePanel) {
    manifest.sidebar_action = {
      default_panel: sidePanel.default_path,
      default_title: '__MSG_panelTitle__',
      default_icon: (base.action as { default_icon: unknown }).default_icon,
      open_at_install: false,
    };
    const commands = base.commands as Record<string, unknown>;
    manifest.commands = {
      ...commands,
      'full-backstory': { suggested_key: { default: 'Alt+Shift+F' }, description: '__MSG_commandFullBackstory__' },
    };
  }
  return manifest;
}
