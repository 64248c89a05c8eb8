/**
 * What the scope script (`scope-run.ts`) does: choose the article (`article-scope.ts`) and read its
 * text. A module of its own so that the script's entry exports nothing: an IIFE entry with an export
 * is built as `var <name> = (function () { … })()`, a global that would keep every function of
 * the script alive for the page's life.
 */
import { chooseArticle, scopeOf } from './article-scope';
import { isRenderedHidden, PAGE_SLICE, yieldToPage } from './page-scope';
import { collectAllSliced } from './page-text';
import type { ScopeRun } from './scope-handoff';

/** The scope script's one entry point, which it hands over to the page's session. */
export const scopeRun: ScopeRun = async (host, already) => {
  const env = { ...PAGE_SLICE, host, hidden: isRenderedHidden };
  const verdict = await chooseArticle(document, env);
  // The text in slices of its own: the scope's last slice may have used up this task.
  await yieldToPage();
  const text = await collectAllSliced(verdict.roots, host, scopeOf(verdict, env).rejects, already, PAGE_SLICE);
  return { verdict, text };
};
