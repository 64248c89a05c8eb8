/** browser.i18n.getMessage as the browsers implement it, over the English messages: `$1`… filled, `$$` a dollar. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const MESSAGES: Record<string, { message: string }> = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../extension/_locales/en/messages.json'), 'utf8'),
);

export function getMessage(key: string, subs: string[] = []): string {
  const m = MESSAGES[key];
  if (!m) return '';
  return m.message.replace(/\$(\d|\$)/g, (_, d: string) => (d === '$' ? '$' : (subs[Number(d) - 1] ?? '')));
}
