// The hand-over between the scope script and the page's session: taken once; later runs only when
// a session asked for one; and nothing else on the global passes for it (in Chrome's isolated
// world a name the global does not hold resolves to the page's element of that id).
import { afterEach, describe, expect, it } from 'vitest';
import { handOver, takeOver, wantScope } from '../../src/content/scope-handoff';

const RUN = Symbol.for('backstory.scopeRun');
const g = globalThis as Record<string | symbol, unknown>;
const run = async () => ({
  verdict: { kind: 'headlines' as const, roots: [], body: [], root: {} as Element, pruned: new Set<Element>(), skip: 'hard' as const },
  text: { text: '', segments: [] },
});

afterEach(() => {
  for (const k of ['backstory.scopeRun', 'backstory.scopeWanted', 'backstory.scopeTaken']) delete g[Symbol.for(k)];
  delete g.__backstoryScopeRun;
});

describe('scope hand-over', () => {
  it('the run at page load is handed over, and taken once: taking removes it', () => {
    handOver(run);
    expect(Object.hasOwn(g, RUN)).toBe(true);
    expect(takeOver()).toBe(run);
    expect(Object.hasOwn(g, RUN)).toBe(false);
    expect(takeOver()).toBeUndefined();
  });

  it('after a take, only a run a session asked for is handed over (not one the worker ran in a page that did not ask)', () => {
    handOver(run);
    takeOver();
    handOver(run);
    expect(Object.hasOwn(g, RUN)).toBe(false);
    wantScope();
    handOver(run);
    expect(takeOver()).toBe(run);
    // Taken, so the next unasked run is dropped again.
    handOver(run);
    expect(takeOver()).toBeUndefined();
  });

  it('a session that drops it (ended, or Backstory off here) also turns away runs asked for before', () => {
    wantScope();
    takeOver();
    handOver(run);
    expect(takeOver()).toBeUndefined();
  });

  it('nothing that only answers to a name on the global (a page element with that id) is taken for it', () => {
    g.__backstoryScopeRun = { id: '__backstoryScopeRun' };
    expect(takeOver()).toBeUndefined();
  });

  it('something other than a function under its key is dropped, not run', () => {
    g[RUN] = { id: 'x' };
    expect(takeOver()).toBeUndefined();
    expect(Object.hasOwn(g, RUN)).toBe(false);
  });
});
