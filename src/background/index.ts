// Background worker wiring: database, compiled index, message router, import port, default pack.
import browser, { type Runtime } from '../shared/browser';
import { DEFAULT_SETTINGS, type Settings } from '../shared/card-data';
import { PORTS } from '../shared/messages';
import { sendToTab } from '../shared/messaging';
import { t } from '../ui/i18n';
import { BADGE_COLOUR } from '../ui/token-value';
import { BackstoryDatabase } from './database';
import { createHandlers, type WorkerEffects } from './handlers';
import { acceptImportPort } from './import-port';
import { createRouter } from './message-router';
import { PackService } from './pack-service';
import { PackSync } from './pack-sync';
import { runScopeAgain } from './scope-again';
import { mayConnect } from './sender-policy';
import { openSidebarByCommand, SIDEBAR_COMMAND } from './sidebar-firefox';

const db = new BackstoryDatabase();
const service = new PackService(db, () => browser.runtime.getURL('packs/default.json'));
const ourOrigin = browser.runtime.getURL('');
const SYNC_ALARM = 'backstory-sync';
const sync = new PackSync(service, {
  schedule: (when) => (when === null ? void browser.alarms.clear(SYNC_ALARM) : browser.alarms.create(SYNC_ALARM, { when })),
  keepAlive: () => void browser.runtime.getPlatformInfo(),
  say: (key, ...subs) => t(key, ...subs),
});
const effects: WorkerEffects = {
  badge(tabId, count) {
    const text = count === null ? '' : count > 999 ? '999+' : String(count);
    void browser.action.setBadgeText({ tabId, text }).catch(() => {});
    if (count !== null && BADGE_COLOUR) void browser.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOUR }).catch(() => {});
  },
  settingsChanged() {
    // No "tabs" permission needed: a message to every tab; tabs without our content script ignore it.
    void browser.tabs.query({}).then((tabs) => {
      for (const tab of tabs) if (tab.id !== undefined) void sendToTab(tab.id, 'settingsChanged');
    });
  },
  scopeAgain: (tabId, documentId) => runScopeAgain(browser.scripting, browser.runtime.getManifest(), tabId, documentId),
};
const route = createRouter(createHandlers(service, sync, effects), browser.runtime.id, ourOrigin);

// Registered at the top level so the alarm wakes a stopped worker and finds its listener.
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === SYNC_ALARM) void sync.syncDue();
});

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => route(message, sender));

browser.runtime.onConnect.addListener((port) => {
  if (port.name !== PORTS.import.name || !mayConnect(port.name, port.sender ?? {}, browser.runtime.id, ourOrigin)) return port.disconnect();
  acceptImportPort(port, service);
});

browser.commands?.onCommand.addListener(async (command, tab) => {
  // Firefox: the sidebar opens only from a handler like this one; nothing is awaited before it.
  if (command === SIDEBAR_COMMAND && tab?.id !== undefined && 'sidebarAction' in browser) return void openSidebarByCommand(tab.id).catch(() => {});
  if (command !== 'open-card') return;
  const id = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (id !== undefined) await sendToTab(id, 'openAtSelection');
});

browser.runtime.onInstalled.addListener((details) => {
  void service.ensureDefaultPack();
  // A first install opens the welcome page: what Backstory does, a live card, more packs.
  if (details.reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('src/welcome/index.html') }).catch(() => {});
});
browser.runtime.onStartup?.addListener(() => {
  void service.ensureDefaultPack();
  void sync.syncDue(true);
});
// Alarms do not survive every update or profile copy: make sure the next sync is scheduled.
void sync.schedule().catch(() => {});
// A worker woken for any reason also repairs a missing default pack (e.g. a deleted database).
void service.ensureDefaultPack();

export type { Settings };
export const defaults = DEFAULT_SETTINGS;
