/** Helpers shared by the Chromium and Firefox drivers. */

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll `probe` every 50 ms until it returns a value (not null) or `ms` pass. */
export async function poll<T>(probe: () => Promise<T | null>, ms: number): Promise<T | null> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    const v = await probe();
    if (v !== null) return v;
    await sleep(50);
  }
  return null;
}

/**
 * Runs IN THE PAGE (pass it to page.evaluate): the point of the nth (1-based) occurrence of
 * `text` in the body's text nodes, scrolled into view, or null. Mirrors the black-box judge.
 */
export function locatePhrase({ text, nth }: { text: string; nth: number }): { x: number; y: number } | null {
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement && ['SCRIPT', 'STYLE'].includes(n.parentElement.tagName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes: [Text, number][] = [];
  let all = '';
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    nodes.push([n as Text, all.length]);
    all += (n as Text).data;
  }
  let i = -1;
  for (let k = 0; k < nth; k++) {
    i = all.indexOf(text, i + 1);
    if (i < 0) return null;
  }
  const find = (off: number) => {
    for (let k = nodes.length - 1; k >= 0; k--) if (nodes[k][1] <= off) return [nodes[k][0], off - nodes[k][1]] as const;
    return null;
  };
  const s = find(i);
  const e = find(i + text.length - 1);
  if (!s || !e) return null;
  const r = document.createRange();
  r.setStart(s[0], s[1]);
  r.setEnd(e[0], e[1] + 1);
  s[0].parentElement?.scrollIntoView({ block: 'center' });
  const rect = r.getClientRects()[0];
  return { x: rect.left + Math.min(rect.width / 2, 12), y: rect.top + rect.height / 2 };
}

/**
 * Runs IN THE EXTENSION (the worker or one of its pages; pass it to evaluate): send `message` to
 * the tab showing `url`, as the popup and the keyboard command do; the reply, or null (no such
 * tab, or its content script is not listening yet). Without the "tabs" permission a tab's URL is
 * hidden from the extension, so each tab's content script is asked where it is.
 */
export async function messageTabAt({ url, message }: { url: string; message: unknown }): Promise<unknown> {
  const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
  for (const tab of await api.tabs.query({})) {
    if (tab.id === undefined) continue;
    const info = (await api.tabs.sendMessage(tab.id, { kind: 'siteInfo' }).catch(() => null)) as { url?: string } | null;
    if (info?.url !== url) continue;
    const reply = await api.tabs.sendMessage(tab.id, message).catch(() => null);
    if (reply !== null && reply !== undefined) return reply;
  }
  return null;
}
