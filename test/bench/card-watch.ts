/**
 * When does Backstory's card open? The card lives in a closed shadow root that page scripts cannot
 * reach (and the layer host is there whether or not a card is open), so the bench watches from the
 * content script's isolated world over CDP, where `chrome.dom.openOrClosedShadowRoot` opens the
 * root: a door only the extension and a debugger have. A 1 ms timer there notes the moment a
 * dialog in the layer is visible: a reader sees the card then (it is rendered hidden and revealed
 * once placed; the page's one warm-up card is no dialog by the time it is made visible, fully
 * transparent, for its one paint);
 * `performance.now()` shares the page's time origin.
 */
import type { CDPSession, Page } from 'playwright-core';
import { poll } from '../shared/page-probes';

const WATCH = `
  globalThis.__cardWatch ??= { at: 0, timer: 0 };
  globalThis.__cardArm = () => {
    const w = globalThis.__cardWatch;
    w.at = 0;
    clearTimeout(w.timer);
    const tick = () => {
      if (__cardOpen()) {
        w.at = performance.now();
        return;
      }
      w.timer = setTimeout(tick, 1);
    };
    w.timer = setTimeout(tick, 1);
  };
  globalThis.__cardOpen = () => [...document.documentElement.children].some((el) =>
    [...(chrome.dom.openOrClosedShadowRoot(el)?.querySelectorAll('[role="dialog"], [role="tooltip"]') ?? [])].some((d) =>
      d.checkVisibility({ visibilityProperty: true })));
`;

export interface CardWatch {
  /** Start watching (again) for a card to open. */
  arm(): Promise<void>;
  /** performance.now() when the armed watch saw a card, or 0. */
  openedAt(): Promise<number>;
  isOpen(): Promise<boolean>;
  detach(): Promise<void>;
}

interface ContextInfo {
  id: number;
  origin: string;
  auxData?: { type?: string };
}

export async function watchCard(page: Page): Promise<CardWatch> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const contexts: ContextInfo[] = [];
  cdp.on('Runtime.executionContextCreated', (e: { context: ContextInfo }) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  const world = await poll(async () => contexts.find((c) => c.auxData?.type === 'isolated' && c.origin.startsWith('chrome-extension://')) ?? null, 20_000);
  if (!world) throw new Error("the content script's isolated world never appeared");
  const run = async (expression: string) => {
    const r = (await cdp.send('Runtime.evaluate', { expression, contextId: world.id, returnByValue: true })) as {
      result: { value?: unknown };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    };
    if (r.exceptionDetails) throw new Error(`card watch: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value;
  };
  await run(WATCH);
  return {
    arm: async () => void (await run('__cardArm()')),
    openedAt: async () => Number(await run('__cardWatch.at')),
    isOpen: async () => Boolean(await run('__cardOpen()')),
    detach: () => cdp.detach(),
  };
}
