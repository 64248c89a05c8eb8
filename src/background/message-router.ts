import * as v from 'valibot';
import { err, type Result } from '../core/result';
import { MESSAGES, type MessageKind, type Payload, type Replies, type SenderKind } from '../shared/messages';
import { classifySender, mayUse, type SenderInfo } from './sender-policy';

/**
 * What a handler learns about the sender, all from the browser-supplied MessageSender: its kind,
 * its tab and, for a content script, the host of the page it runs in.
 */
export interface SenderFacts {
  kind: SenderKind;
  tabId?: number;
  host?: string;
  /** Chrome: the sending document (a later document in the same frame has another id). */
  documentId?: string;
}

export type Handlers = { [K in MessageKind]: (payload: Payload<K>, sender: SenderFacts) => Promise<Replies[K]> };

/**
 * One entry point for every runtime message: the sender is classified from the browser-supplied
 * MessageSender, the kind must be allowed for it, the payload must match its schema; only then
 * does a handler run. Errors come back as values.
 */
export function createRouter(handlers: Handlers, ourId: string, ourOrigin: string) {
  return async (message: unknown, sender: SenderInfo): Promise<Result<unknown>> => {
    const senderKind = classifySender(sender, ourId, ourOrigin);
    if (!senderKind) return err('refused: unknown sender');
    if (!message || typeof message !== 'object') return err('refused: not a message');
    const { kind, payload } = message as { kind?: unknown; payload?: unknown };
    if (typeof kind !== 'string' || !Object.hasOwn(MESSAGES, kind)) return err('refused: unknown message kind');
    const k = kind as MessageKind;
    if (!mayUse(k, senderKind)) return err(`refused: "${k}" may not be sent from a ${senderKind === 'content' ? 'web page' : 'page'}`);
    const parsed = v.safeParse(MESSAGES[k].payload, payload);
    if (!parsed.success) return err(`refused: bad payload for "${k}"`);
    try {
      const handler = handlers[k] as (p: unknown, s: SenderFacts) => Promise<unknown>;
      const facts: SenderFacts = { kind: senderKind, tabId: sender.tab?.id };
      // classifySender accepted only an http(s) URL for a content script, so it parses.
      if (senderKind === 'content') {
        facts.host = new URL(sender.url as string).hostname;
        if (typeof sender.documentId === 'string') facts.documentId = sender.documentId;
      }
      return { ok: true, value: await handler(parsed.output, facts) };
    } catch (e) {
      return err(e instanceof Error ? e.message : String(e));
    }
  };
}
