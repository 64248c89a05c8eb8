import { MESSAGES, type MessageKind, PORTS, type SenderKind } from '../shared/messages';

/** The parts of the browser-supplied MessageSender we trust. Never anything from the payload. */
export interface SenderInfo {
  id?: string;
  url?: string;
  /** Chrome 80+: the origin of the sending document, set by the browser. */
  origin?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
  /** Chrome 106+: the sending document. */
  documentId?: string;
}

/**
 * The only kinds a content script may ever send: read-only lookups with capped payloads, its own
 * tab's name count, pausing its own site (the host comes from the sender, not the payload), and
 * `openPanel` (shows our own panel after a trusted click on the card; changes no data), and
 * `scopeAgain` (runs our own scope script again in the sender's own frame). This is
 * a second key next to `MESSAGES[kind].from`, so one careless edit of the protocol table cannot
 * open an import, a subscription or a settings change to every web page.
 */
export const CONTENT_KINDS: readonly MessageKind[] = [
  'detect',
  'card',
  'contentSettings',
  'entityNames',
  'pageCount',
  'pauseThisSite',
  'openPanel',
  'scopeAgain',
];

function parse(url: string | undefined): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Same scheme and host. Compared by parts because WHATWG URL gives non-special schemes such as
 * chrome-extension: an opaque "null" origin outside the browser.
 */
const sameOrigin = (a: URL, b: URL) => a.protocol === b.protocol && a.host === b.host;

/**
 * Classify a sender: one of our own pages (popup, options) or our content script in the top frame
 * of an http(s) tab. Anything else (another extension, a page, a subframe, a sender whose URL and
 * origin disagree) is refused.
 */
export function classifySender(sender: SenderInfo, ourId: string, ourOrigin: string): SenderKind | null {
  if (!ourId || sender.id !== ourId) return null;
  const url = parse(sender.url);
  const ours = parse(ourOrigin);
  if (!url || !ours) return null;
  if (sender.origin !== undefined && sender.origin !== 'null') {
    const origin = parse(sender.origin);
    if (!origin || !sameOrigin(origin, url)) return null;
  }
  if (sameOrigin(url, ours)) return 'extension-page';
  const inTab = typeof sender.tab?.id === 'number' && sender.tab.id >= 0;
  // Our content script runs in top frames only (all_frames: false); a subframe sender is not ours.
  const topFrame = sender.frameId === undefined || sender.frameId === 0;
  if (inTab && topFrame && (url.protocol === 'http:' || url.protocol === 'https:')) return 'content';
  return null;
}

export function mayUse(kind: MessageKind, sender: SenderKind): boolean {
  if (!Object.hasOwn(MESSAGES, kind)) return false;
  if (sender === 'content' && !CONTENT_KINDS.includes(kind)) return false;
  return (MESSAGES[kind].from as readonly SenderKind[]).includes(sender);
}

/** Ports carry whole pack files: only our own pages may open one, and only by a known name. */
export function mayConnect(portName: string, sender: SenderInfo, ourId: string, ourOrigin: string): boolean {
  const port = Object.values(PORTS).find((p) => p.name === portName);
  if (!port) return false;
  const kind = classifySender(sender, ourId, ourOrigin);
  return kind === 'extension-page' && port.from.includes(kind);
}
