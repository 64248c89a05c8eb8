/**
 * Every string a reader sees on Backstory's pages comes from `_locales` through `t()`: a static
 * check over the JSX of the popup, options, welcome and shared UI components. It fails on JSX text
 * with letters, and on reader-facing attributes (aria-label, title, placeholder, alt) given as
 * string literals. It also checks that every `t('key')` names a message that exists in English.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from '@babel/parser';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from './fake-i18n';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIRS = ['src/popup', 'src/options', 'src/welcome', 'src/ui'];
const ATTRS = new Set(['aria-label', 'title', 'placeholder', 'alt', 'aria-valuetext', 'label']);
/** Text that is not language: symbols, units of code, the product name is a message too. */
const LANGUAGE = /\p{L}{2,}/u;

const files = DIRS.flatMap((d) =>
  readdirSync(path.join(ROOT, d))
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => path.join(d, f)),
);

type Node = { type: string; [k: string]: unknown; loc?: { start: { line: number } } };

function walk(node: unknown, visit: (n: Node) => void): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const c of node) walk(c, visit);
    return;
  }
  const n = node as Node;
  if (typeof n.type === 'string') visit(n);
  for (const [k, v] of Object.entries(n)) if (k !== 'loc' && k !== 'start' && k !== 'end') walk(v, visit);
}

/** String literals a reader would see, in one file. */
function literalsIn(source: string): string[] {
  const ast = parse(source, { sourceType: 'module', plugins: ['jsx', 'typescript'] });
  const found: string[] = [];
  walk(ast.program, (n) => {
    const line = n.loc?.start.line;
    if (n.type === 'JSXText' && LANGUAGE.test(String(n.value))) found.push(`${line}: text "${String(n.value).trim()}"`);
    if (n.type === 'JSXAttribute') {
      const name = (n.name as { name?: unknown }).name;
      const value = n.value as Node | null;
      if (typeof name !== 'string' || !ATTRS.has(name) || !value) return;
      const lit =
        value.type === 'StringLiteral'
          ? String(value.value)
          : value.type === 'JSXExpressionContainer' && (value.expression as Node).type === 'StringLiteral'
            ? String((value.expression as Node).value)
            : value.type === 'JSXExpressionContainer' && (value.expression as Node).type === 'TemplateLiteral'
              ? ((value.expression as Node).quasis as { value: { raw: string } }[]).map((q) => q.value.raw).join('')
              : '';
      if (LANGUAGE.test(lit)) found.push(`${line}: ${name}="${lit}"`);
    }
  });
  return found;
}

describe('UI strings come from _locales', () => {
  it('the checker catches a literal (so it can fail)', () => {
    expect(literalsIn('export const A = () => <p title="Open it">Hello there</p>;')).toHaveLength(2);
    expect(literalsIn("export const A = () => <p title={t('x')}>{t('y')} · {n}</p>;")).toEqual([]);
  });

  it.each(files)('%s renders no string literal that is not a message', (file) => {
    expect(literalsIn(readFileSync(path.join(ROOT, file), 'utf8'))).toEqual([]);
  });

  it('every message key used in src exists in English', () => {
    const keys = new Set<string>();
    const walkDir = (d: string) => {
      for (const e of readdirSync(path.join(ROOT, d), { withFileTypes: true })) {
        if (e.isDirectory()) walkDir(path.join(d, e.name));
        else if (/\.tsx?$/.test(e.name))
          for (const m of readFileSync(path.join(ROOT, d, e.name), 'utf8').matchAll(/\b(?:t|msg)\('([A-Za-z0-9_]+)'/g)) keys.add(m[1]);
      }
    };
    walkDir('src');
    const missing = [...keys].filter((k) => !MESSAGES[k]);
    expect(missing).toEqual([]);
  });
});
