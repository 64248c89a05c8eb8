/**
 * The lint that keeps pack text out of HTML sinks must not vanish silently: the project's own
 * biome.json and GritQL plugin, copied next to probe files in a scratch folder, must reject every
 * sink and accept the safe equivalents.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIOME = path.join(ROOT, 'node_modules/.bin/biome');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'backstory-lint-probe-'));
  cpSync(path.join(ROOT, 'biome.json'), path.join(dir, 'biome.json'));
  cpSync(path.join(ROOT, 'lint'), path.join(dir, 'lint'), { recursive: true });
  mkdirSync(path.join(dir, 'src'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lint(file: string, code: string): { status: number | null; out: string } {
  writeFileSync(path.join(dir, 'src', file), code);
  const r = spawnSync(BIOME, ['lint', '--max-diagnostics=50', `src/${file}`], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('the HTML-sink lint', () => {
  it.each([
    ['innerHTML', 'export function f(el: HTMLElement, x: string) {\n  el.innerHTML = x;\n}\n'],
    ['outerHTML', 'export function f(el: HTMLElement, x: string) {\n  el.outerHTML = x;\n}\n'],
    ['insertAdjacentHTML', "export function f(el: HTMLElement, x: string) {\n  el.insertAdjacentHTML('beforeend', x);\n}\n"],
    ['document.write', 'export function f(x: string) {\n  document.write(x);\n}\n'],
    ['createContextualFragment', 'export function f(r: Range, x: string) {\n  return r.createContextualFragment(x);\n}\n'],
  ])('rejects %s', (name, code) => {
    const r = lint(`sink-${name}.ts`, code);
    expect(r.status, r.out).not.toBe(0);
    expect(r.out).toMatch(/HTML sink/);
  });

  it('rejects dangerouslySetInnerHTML in a component', () => {
    const r = lint('sink-jsx.tsx', 'export const C = ({ x }: { x: string }) => <p dangerouslySetInnerHTML={{ __html: x }} />;\n');
    expect(r.status, r.out).not.toBe(0);
    expect(r.out).toMatch(/noDangerouslySetInnerHtml/);
  });

  it('accepts the safe equivalents (so the failures above are about the sinks)', () => {
    const r = lint('safe.ts', 'export function f(el: HTMLElement, x: string) {\n  el.textContent = x;\n  el.append(document.createTextNode(x));\n}\n');
    expect(r.status, r.out).toBe(0);
  });
});
