// The worker's half of `scopeAgain`: only the scope script named by our manifest, only the top
// frame, in Chrome only the document that asked; a refusal of the browser is an answer, not a throw.
import { describe, expect, it } from 'vitest';
import { runScopeAgain, type ScriptingApi, scopeScriptFile } from '../../src/background/scope-again';

const manifest = { content_scripts: [{ matches: ['https://*/*'], js: ['src/content/scope-run.js', 'src/content/index.js'] }] };

function scripting(fail = false) {
  const calls: unknown[] = [];
  const api: ScriptingApi = {
    executeScript: async (injection) => {
      calls.push(injection);
      if (fail) throw new Error('Cannot access contents of the page');
      return [];
    },
  };
  return { api, calls };
}

describe('scopeAgain in the worker', () => {
  it('finds the scope script by its file name, wherever the manifest lists it, and nothing else', () => {
    expect(scopeScriptFile(manifest)).toBe('src/content/scope-run.js');
    expect(
      scopeScriptFile({
        content_scripts: [
          { matches: [], js: ['a.js'] },
          { matches: [], js: ['x/scope-run.js'] },
        ],
      }),
    ).toBe('x/scope-run.js');
    expect(scopeScriptFile({ content_scripts: [{ matches: [], js: ['src/content/not-scope-run.js.map', 'src/content/index.js'] }] })).toBeUndefined();
    expect(scopeScriptFile({})).toBeUndefined();
  });

  it('runs it in the document that asked (Chrome), else in the tab’s top frame (Firefox)', async () => {
    const s = scripting();
    expect(await runScopeAgain(s.api, manifest, 7, 'doc-1')).toBe(true);
    expect(await runScopeAgain(s.api, manifest, 8)).toBe(true);
    expect(s.calls).toEqual([
      { target: { tabId: 7, documentIds: ['doc-1'] }, files: ['src/content/scope-run.js'] },
      { target: { tabId: 8, frameIds: [0] }, files: ['src/content/scope-run.js'] },
    ]);
  });

  it('answers false when the browser refuses, and runs nothing without the file', async () => {
    const refused = scripting(true);
    expect(await runScopeAgain(refused.api, manifest, 7)).toBe(false);
    const none = scripting();
    expect(await runScopeAgain(none.api, { content_scripts: [] }, 7)).toBe(false);
    expect(none.calls).toEqual([]);
  });
});
