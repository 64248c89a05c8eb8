/**
 * Script in Firefox's own browser window (chrome scope), which a BiDi session with system access
 * may run (`--remote-allow-system-access`, set by firefox-browser.ts): what a reader does outside
 * any page, such as pressing an extension's shortcut, and what the browser does by itself, such
 * as stopping an idle background page.
 */
import { connectionOf, type FirefoxSession } from './firefox-browser';

export async function inBrowserWindow(s: FirefoxSession, expression: string): Promise<unknown> {
  const connection = connectionOf(s.browser);
  const send = (method: string, params: unknown) => connection.send(method, params);
  const tree = await send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 });
  const context = tree.result.contexts.find((c: { url: string }) => c.url === 'chrome://browser/content/browser.xhtml')?.context;
  if (!context) throw new Error('no browser window');
  const r = await send('script.evaluate', { expression, target: { context }, awaitPromise: true });
  if (r.result.type !== 'success') throw new Error(`in the browser window: ${JSON.stringify(r.result.exceptionDetails?.text ?? r.result)}`);
  return r.result.result?.value;
}
