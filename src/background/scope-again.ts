/**
 * `scopeAgain`: the worker runs the content script that chooses the article (`scope-run.ts`) again
 * in the tab whose page replaced its article. Only that file, named by our own manifest; only the
 * top frame (our content scripts run nowhere else); in Chrome only the document that asked, so a
 * tab that has moved on to another page meanwhile gets nothing.
 */
import type { Manifest, Scripting } from 'webextension-polyfill';

export interface ScriptingApi {
  executeScript(injection: Scripting.ScriptInjection): Promise<unknown>;
}

/** The scope script's file as the build named it: the content script whose name says so. */
export function scopeScriptFile(manifest: Pick<Manifest.WebExtensionManifest, 'content_scripts'>): string | undefined {
  for (const cs of manifest.content_scripts ?? []) {
    const file = cs.js?.find((f) => /(^|\/)scope-run\.js$/.test(f));
    if (file) return file;
  }
  return undefined;
}

export async function runScopeAgain(
  scripting: ScriptingApi,
  manifest: Pick<Manifest.WebExtensionManifest, 'content_scripts'>,
  tabId: number,
  documentId?: string,
): Promise<boolean> {
  const file = scopeScriptFile(manifest);
  if (!file) return false;
  // Chrome's `documentIds` (not in the polyfill's types) pins the document; Firefox has frame ids only.
  const target = (documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [0] }) as Scripting.InjectionTarget;
  try {
    await scripting.executeScript({ target, files: [file] });
    return true;
  } catch {
    return false;
  }
}
