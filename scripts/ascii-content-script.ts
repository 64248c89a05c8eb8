/**
 * The content script written in ASCII only. Chrome keeps a content script's source text for as
 * long as the page is open, at one byte a character when every character fits in Latin-1 and at
 * two bytes otherwise: the few quotation marks, dashes and CJK commas in the scope's word lists
 * made the 114 KB script take 228 KB of every page's renderer memory. Each other character is
 * written as a `\u` escape instead, which means the same in strings, templates and regular
 * expressions. The script is printed again by the bundler's own printer (no compression, names
 * kept), so this changes how it is spelled, not what it does.
 */
import { minifySync, type Plugin } from 'vite';

export function asciiContentScript(fileName: string): Plugin {
  return {
    name: 'backstory:ascii-content-script',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const out = bundle[fileName];
      if (out?.type !== 'asset' || typeof out.source !== 'string') throw new Error(`${fileName} is not in the build as one script`);
      const printed = minifySync(fileName, out.source, { compress: false, mangle: false, codegen: { asciiOnly: true } });
      if (printed.errors.length) throw new Error(`${fileName} could not be printed in ASCII: ${printed.errors[0].message}`);
      // The printer leaves a tagged template's text as written (its raw text is observable).
      const left = /\P{ASCII}/u.exec(printed.code);
      if (left) {
        const around = printed.code.slice(Math.max(0, left.index - 40), left.index + 40);
        throw new Error(`${fileName} still holds "${left[0]}" after printing in ASCII, in: ${around}\nWrite it as a \\u escape in the source.`);
      }
      // A content script's top-level declarations land on the content scripts' global and live as
      // long as the page: an entry that exports something is built as `var name = (function…)()`,
      // which keeps every function of the script (src/content/scope-handoff.ts needs none kept).
      // So the script must be one function expression, called, and nothing around it.
      const code = printed.code.trim();
      const oneCall = /^\((?:function\b|\(\)\s*=>)/.test(code) && /\}\)\(\);?$/.test(code);
      if (!oneCall) {
        const global = /(?:^|;)\s*(?:var|let|const|function|class)\s+([\w$]+)/.exec(code);
        throw new Error(
          `${fileName} is not one function called and nothing else${global ? ` (it declares the global "${global[1]}")` : ''}: its entry must export nothing`,
        );
      }
      out.source = printed.code;
    },
  };
}
