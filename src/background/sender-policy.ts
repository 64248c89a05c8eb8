import { MESSAGES, type MessageKind, type SenderKind } from '../shared/messages';

/** The parts of the browser-supplied MessageSender we trust. Never anything from the payload. */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
}

/**
 * Classify a sender: one of our own pages (popup, options) or a content script in a tab.
 * Anything else (another extension, a web page via externally_connectable) is refused.
 */
export function classifySender(sender: SenderInfo, ourId: string, ourOrigin: string): SenderKind | null {
  if (sender.id !== ourId) return null;
  const url = sender.url ?? '';
  if (url.startsWith(ourOrigin)) return 'extension-page';
  if (sender.tab && /^https?:/.test(url)) return 'content';
  return null;
}

export function mayUse(kind: MessageKind, sender: SenderKind): boolean {
  return (MESSAGES[kind].from as readonly SenderKind[]).includes(sender);
}
