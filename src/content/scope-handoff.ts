/**
 * The hand-over between Backstory's two content scripts. `scope-run.ts` (the article scope's
 * chooser and the first read of the article's text, work done once per article) runs first and
 * leaves its entry point here; the page's session takes it, which removes it. From then on nothing
 * on the page refers to that script (whose entry exports nothing: see `scope-pass.ts`), so V8
 * collects its code: the machine code and bytecode of the
 * scope's walks and rules, most of the code a page would otherwise keep for its whole life. When
 * the page replaces its article (single-page navigation), the session asks the worker to run that
 * script again (`scopeAgain`).
 *
 * The entry point lives on the content scripts' own global (Chrome's isolated world, Firefox's
 * sandbox), which page scripts cannot reach.
 */
import type { ScopeVerdict } from './article-scope';
import type { PageText, ReadNodes } from './page-text';

/** Choose the article of the page, then read its text (nodes in `already` are left out). */
export type ScopeRun = (host: Element | null, already: ReadNodes) => Promise<{ verdict: ScopeVerdict; text: PageText }>;

// Symbols, not names: Chrome's isolated world resolves a global name it does not hold to the page's
// element of that id (window named properties), which a page could use to pose as one of these.
const RUN = Symbol.for('backstory.scopeRun');
const WANTED = Symbol.for('backstory.scopeWanted');
const TAKEN = Symbol.for('backstory.scopeTaken');

interface Holder {
  [RUN]?: ScopeRun;
  /** A session asked the worker for a run (`scopeAgain`) and has not taken it yet. */
  [WANTED]?: boolean;
  /** A session has taken (or dropped) a run on this page. */
  [TAKEN]?: boolean;
}

/**
 * Leave `run` for the session (the scope script's one export). The run at page load always is;
 * later, only a run a session asked for: one the worker ran in a document that did not ask (the tab
 * moved on to another page, the session that asked has ended) would keep its code for nothing.
 */
export function handOver(run: ScopeRun): void {
  const g = globalThis as Holder;
  if (g[TAKEN] === true && g[WANTED] !== true) return;
  g[RUN] = run;
}

/** A session is about to ask the worker for a run: the next one is handed over. */
export function wantScope(): void {
  (globalThis as Holder)[WANTED] = true;
}

/**
 * The scope script's entry point, if it has run since it was last taken; taking removes it (also
 * to drop it: a session ended, Backstory off on the site). Only an own, function-valued property
 * counts.
 */
export function takeOver(): ScopeRun | undefined {
  const g = globalThis as Holder;
  g[TAKEN] = true;
  g[WANTED] = false;
  if (!Object.hasOwn(g, RUN)) return undefined;
  const run = g[RUN];
  delete g[RUN];
  return typeof run === 'function' ? run : undefined;
}
