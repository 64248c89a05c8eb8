/**
 * What only Chromium lets a test do, used by a journey that otherwise runs in both browsers; each
 * says why Firefox cannot. Firefox's counterpart would live in firefox-quirks.ts.
 */
import type { CDPSession } from 'playwright-core';
import type { Driver, Tab } from '../../shared/driver';
import { poll } from '../../shared/page-probes';
import { playwrightPageOf } from './chromium';

/**
 * The content script's isolated world in a tab, to evaluate code as the content script would
 * (CDP's Runtime domain lists a page's isolated worlds; Chrome names ours after the extension).
 * Firefox: WebDriver BiDi lists only the realms a client made itself and the page's own, never an
 * extension's content-script sandbox, so the check that uses this runs in Chromium only.
 */
export async function contentScriptWorld(d: Driver, tab: Tab): Promise<{ evaluate<T>(expression: string): Promise<T> }> {
  const { context, page } = playwrightPageOf(tab);
  const cdp: CDPSession = await context.newCDPSession(page);
  const origin = d.extensionOrigin.replace(/\/$/, '');
  const contexts: { id: number; name: string; origin: string; auxData?: { type?: string; frameId?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e: { context: (typeof contexts)[number] }) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  const found = await poll(async () => contexts.find((c) => c.auxData?.type === 'isolated' && (c.name === 'Backstory' || c.origin === origin)) ?? null, 5000);
  if (!found) throw new Error(`no Backstory content-script world among ${JSON.stringify(contexts.map((c) => [c.name, c.auxData?.type]))}`);
  return {
    async evaluate<T>(expression: string): Promise<T> {
      const r = (await cdp.send('Runtime.evaluate', { expression, contextId: found.id, awaitPromise: true, returnByValue: true })) as {
        result: { value: T };
        exceptionDetails?: { text: string; exception?: { description?: string } };
      };
      if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
      return r.result.value;
    },
  };
}
