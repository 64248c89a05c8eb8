import * as v from 'valibot';
import { err, ok, type Result } from '../core/result';
import browser from './browser';
import { type MessageKind, type Payload, type Replies, TAB_MESSAGES, TAB_REPLIES, type TabMessage, type TabMessageKind, type TabReplies } from './messages';

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

/** The fields of a tab message besides its kind (none for most). */
type TabFields<K extends TabMessageKind> = Omit<TabMessage<K>, 'kind'>;
type TabArgs<K extends TabMessageKind> = keyof TabFields<K> extends never ? [] : [TabFields<K>];

/**
 * Send one tab message to a tab's content script. The reply is checked against `TAB_REPLIES`;
 * no content script there (browser pages, paused sites, a page loaded before install), no answer
 * or a malformed one all come back as `{ok: false}`, never as throws.
 */
export async function sendToTab<K extends TabMessageKind>(tabId: number, kind: K, ...[fields]: TabArgs<K>): Promise<Result<TabReplies[K]>> {
  try {
    const reply: unknown = await browser.tabs.sendMessage(tabId, { ...fields, kind });
    const checked = v.safeParse(TAB_REPLIES[kind], reply);
    return checked.success ? ok(checked.output as TabReplies[K]) : err(`The page did not answer "${kind}" (no Backstory session there)`);
  } catch (e) {
    return err(`The page cannot be reached: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The content script's side of the tab channel: one handler per kind, typed from the same table. */
export type TabHandlers = { [K in TabMessageKind]: (message: TabMessage<K>) => Promise<TabReplies[K]> | undefined };

/**
 * Dispatch a message that arrived on the tab channel: a message matching no schema, or one its
 * handler declines (returns undefined: no session), gets no answer.
 */
export function receiveTabMessage(handlers: TabHandlers, message: unknown): Promise<unknown> | undefined {
  for (const kind of Object.keys(TAB_MESSAGES) as TabMessageKind[]) {
    if (v.is(TAB_MESSAGES[kind], message)) return (handlers[kind] as (m: unknown) => Promise<unknown> | undefined)(message);
  }
  return undefined;
}
