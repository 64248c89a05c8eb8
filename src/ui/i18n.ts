// Every string a reader sees goes through here: `_locales/<lang>/messages.json` via browser.i18n.
// A missing key renders as the key itself, so a forgotten message is visible in review and tests.
import browser from '../shared/browser';

/** The reader's message for `key`, with `$1`… placeholders filled from `subs`. */
export function t(key: string, ...subs: (string | number)[]): string {
  const text = browser.i18n.getMessage(key, subs.map(String));
  return text || key;
}
