/**
 * The card lives in a closed shadow root, out of reach of page scripts and of Playwright's
 * locators. The DevTools protocol's DOM domain pierces it: these helpers (used by the Chromium
 * driver) find elements of the open card by tag and class and read their boxes in viewport pixels,
 * list every element of a page, and find and read the side panel.
 */
import type { CDPSession } from 'playwright-core';
import { poll } from '../shared/page-probes';

interface DomNode {
  backendNodeId: number;
  nodeType: number;
  localName: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const classOf = (n: DomNode): string[] => {
  const a = n.attributes ?? [];
  const i = a.indexOf('class');
  return i >= 0 && i % 2 === 0 ? a[i + 1].split(/\s+/) : [];
};

/** Elements inside Backstory's card host matching `tag` (and `cls`, if given), in document order. */
export async function cardElements(cdp: CDPSession, tag: string, cls?: string): Promise<DomNode[]> {
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as unknown as { root: DomNode };
  const out: DomNode[] = [];
  const walk = (n: DomNode, inCard: boolean) => {
    const here = inCard || classOf(n).includes('card');
    if (here && n.localName === tag && (!cls || classOf(n).includes(cls))) out.push(n);
    for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) walk(c, here);
  };
  walk(root, false);
  return out;
}

/** Every element of the page, closed shadow roots included (CDP pierces them, a page script cannot). */
export async function piercedElements(cdp: CDPSession): Promise<{ name: string; attrs: Record<string, string> }[]> {
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as unknown as { root: DomNode };
  const out: { name: string; attrs: Record<string, string> }[] = [];
  const walk = (n: DomNode) => {
    if (n.nodeType === 1) {
      const a = n.attributes ?? [];
      const attrs: Record<string, string> = {};
      for (let i = 0; i + 1 < a.length; i += 2) attrs[a[i]] = a[i + 1];
      out.push({ name: n.localName, attrs });
    }
    for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(c);
  };
  walk(root);
  return out;
}

export async function boxOf(cdp: CDPSession, n: DomNode): Promise<Box> {
  const { model } = (await cdp.send('DOM.getBoxModel', { backendNodeId: n.backendNodeId })) as unknown as { model: { border: number[] } };
  const q = model.border;
  return { left: q[0], top: q[1], right: q[2], bottom: q[5] };
}

/** The side panel's page target, once a panel page for this extension is open. */
export async function waitForSidePanel(cdp: CDPSession, extensionId: string, ms = 8000, entity?: string): Promise<{ targetId: string; url: string } | null> {
  const prefix = `chrome-extension://${extensionId}/src/panel/index.html`;
  let seen: { type: string; url: string }[] = [];
  const found = await poll(async () => {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
    seen = targetInfos;
    const t = targetInfos.find((x) => x.url.startsWith(prefix) && (!entity || new URL(x.url).searchParams.get('entity') === entity));
    return t ? { targetId: t.targetId, url: t.url } : null;
  }, ms);
  // The caller's assertion fails next: say what the browser had open instead.
  if (!found) console.error(`no panel within ${ms} ms; targets: ${JSON.stringify(seen.map((t) => [t.type, t.url]))}`);
  return found;
}

/** Evaluate an expression in another target (the side panel) through a non-flat target session. */
export async function evaluateIn(cdp: CDPSession, targetId: string, expression: string): Promise<unknown> {
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: false })) as { sessionId: string };
  try {
    const reply = new Promise<unknown>((resolve, reject) => {
      const onMessage = (e: { sessionId?: string; message: string }) => {
        if (e.sessionId !== sessionId) return;
        const m = JSON.parse(e.message) as { id?: number; result?: { result?: { value?: unknown } }; error?: unknown };
        if (m.id !== 1) return;
        cdp.off('Target.receivedMessageFromTarget', onMessage);
        if (m.error) reject(new Error(JSON.stringify(m.error)));
        else resolve(m.result?.result?.value);
      };
      cdp.on('Target.receivedMessageFromTarget', onMessage);
    });
    const message = JSON.stringify({ id: 1, method: 'Runtime.evaluate', params: { expression, returnByValue: true } });
    await cdp.send('Target.sendMessageToTarget', { sessionId, message });
    return await reply;
  } finally {
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
  }
}

/** The side panel's text once its entity has loaded ("" if it never does). */
export async function panelText(cdp: CDPSession, targetId: string, ms = 8000): Promise<string> {
  const read = () => evaluateIn(cdp, targetId, 'document.querySelector(".backstory h2") ? document.body.innerText : ""') as Promise<string>;
  return (await poll(async () => (await read()) || null, ms)) ?? '';
}
