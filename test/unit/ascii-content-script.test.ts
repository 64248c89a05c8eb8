// The build step that writes the content script in ASCII only (scripts/ascii-content-script.ts):
// the text changes, what the script does does not, and a character it cannot escape stops the build.
import { describe, expect, it } from 'vitest';
import { asciiContentScript } from '../../scripts/ascii-content-script';

type Bundle = Record<string, { type: 'asset'; source: string }>;

function print(source: string): string {
  const bundle: Bundle = { 'content.js': { type: 'asset', source } };
  const plugin = asciiContentScript('content.js') as unknown as { generateBundle(options: unknown, bundle: Bundle): void };
  plugin.generateBundle({}, bundle);
  return bundle['content.js'].source;
}

describe('asciiContentScript', () => {
  it('escapes strings, templates and patterns, and the script computes the same', () => {
    const source = [
      '(function () {',
      "var quote = '’', dash = `a – b`;",
      'var cut = /(\\.\\.\\.|…)$/, han = /\\p{Script=Han}/u, comma = /[,，、]/g;',
      "globalThis.__asciiResult = [quote, dash, cut.test('more…'), han.test('北京'), '東京、大阪，京都'.replace(comma, '|'), '😀'.length];",
      '})();',
    ].join('\n');
    const printed = print(source);
    expect(printed).not.toMatch(/\P{ASCII}/u);
    const run = (code: string) => new Function(`${code}\nreturn globalThis.__asciiResult;`)();
    expect(run(printed)).toEqual(run(source));
    expect(run(source)).toEqual(['’', 'a – b', true, true, '東京|大阪|京都', 2]);
  });

  it('refuses a character the printer must leave as written (a tagged template keeps its raw text)', () => {
    expect(() => print('const raw = String.raw`’`;')).toThrow(/still holds "’".*\n.*\\u escape/);
  });

  it('refuses a script that declares a global (an entry with exports), which would keep all its code for the page’s life', () => {
    expect(() => print('var scope_run = (function (e) { e.run = function () {}; return e; })({});')).toThrow(/declares the global "scope_run"/);
    expect(() => print('"use strict"; var kept = 1; (function () {})();')).toThrow(/declares the global "kept"/);
    expect(() => print('(function () {})();\nvar after = 2;')).toThrow(/declares the global "after"/);
    expect(() => print('(function () { var inner = 1; globalThis.__x = inner; })();')).not.toThrow();
  });

  it('refuses a build where the script is missing', () => {
    const plugin = asciiContentScript('content.js') as unknown as { generateBundle(options: unknown, bundle: Bundle): void };
    expect(() => plugin.generateBundle({}, {})).toThrow(/content\.js is not in the build/);
  });
});
