import { err, type Result } from '../core/result';
import browser from './browser';
import type { MessageKind, Payload, Replies } from './messages';

/** Send one protocol message to the worker; failures come back as values, never as throws. */
export async function send<K extends MessageKind>(kind: K, payload: Payload<K>): Promise<Result<Replies[K]>> {
  try {
    const reply = (await browser.runtime.sendMessage({ kind, payload })) as Result<Replies[K]> | undefined;
    if (!reply || typeof reply !== 'object' || !('ok' in reply)) return err('Backstory did not answer (no reply from the background worker)');
    return reply;
  } catch (e) {
    return err(`Backstory's background worker is unreachable: ${e instanceof Error ? e.message : String(e)}`);
  }
}
