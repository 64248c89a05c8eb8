/**
 * Content script run before `index.ts`, and again by the worker when a page replaces its article:
 * hands its entry point (`scope-pass.ts`) to the page's session and exports nothing (see
 * `scope-handoff.ts` for why this is a script of its own).
 */
import { handOver } from './scope-handoff';
import { scopeRun } from './scope-pass';

handOver(scopeRun);
