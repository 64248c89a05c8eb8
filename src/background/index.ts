// Background worker wiring: database, compiled index, message router, import port, default pack.
import browser, { type Runtime } from '../shared/browser';
import { DEFAULT_SETTINGS, type Settings } from '../shared/card-data';
import { PORTS } from '../shared/messages';
import { BackstoryDatabase } from './database';
import { createHandlers } from './handlers';
import { acceptImportPort } from './import-port';
import { createRouter } from './message-router';
import { PackService } from './pack-service';

const db = new BackstoryDatabase();
const service = new PackService(db, () => browser.runtime.getURL('packs/default.json'));
const ourOrigin = browser.runtime.getURL('');
const route = createRouter(createHandlers(service), browser.runtime.id, ourOrigin);

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => route(message, sender));

browser.runtime.onConnect.addListener((port) => {
  if (port.name !== PORTS.import.name) return port.disconnect();
  const url = port.sender?.url ?? '';
  if (port.sender?.id !== browser.runtime.id || !url.startsWith(ourOrigin)) return port.disconnect();
  acceptImportPort(port, service);
});

browser.commands?.onCommand.addListener(async (command, tab) => {
  if (command !== 'open-card') return;
  const id = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (id !== undefined) await browser.tabs.sendMessage(id, { kind: 'openAtSelection' }).catch(() => {});
});

browser.runtime.onInstalled.addListener(() => {
  void service.ensureDefaultPack();
});
browser.runtime.onStartup?.addListener(() => {
  void service.ensureDefaultPack();
});
// A worker woken for any reason also repairs a missing default pack (e.g. a deleted database).
void service.ensureDefaultPack();

export type { Settings };
export const defaults = DEFAULT_SETTINGS;
