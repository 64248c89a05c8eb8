import * as v from 'valibot';
import { LIMITS, type Pack, PackSchema } from './pack-format';
import { err, ok, type Result } from './result';

export interface PackProblem {
  /** JSON path such as `entities[12].aliases[3]`, or "" for the document itself. */
  path: string;
  message: string;
}

const MAX_PROBLEMS = 20;

function formatPath(path: v.BaseIssue<unknown>['path']): string {
  let out = '';
  for (const item of path ?? []) {
    const key = (item as { key: unknown }).key;
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function messageOf(issue: v.BaseIssue<unknown>): string {
  if (issue.kind === 'schema' && issue.received === 'undefined') return 'required field is missing';
  const m = issue.message;
  // Valibot's generic messages name the expectation; keep ours when we wrote one.
  if (m.startsWith('Invalid type: Expected ')) {
    return `expected ${issue.expected ?? 'another type'}, got ${issue.received}`.replace(/"/g, '');
  }
  return m;
}

/** Valibot issues as problems a publisher can act on (at most MAX_PROBLEMS). */
export function problemsOf(issues: readonly v.BaseIssue<unknown>[]): PackProblem[] {
  return issues.slice(0, MAX_PROBLEMS).map((i) => ({ path: formatPath(i.path), message: messageOf(i) }));
}

/** Parse JSON text and report the failure position in words a publisher can act on. */
export function parsePackJson(textContent: string): Result<unknown, PackProblem[]> {
  if (textContent.length > LIMITS.fileBytes) {
    return err([{ path: '', message: `the file is larger than ${LIMITS.fileBytes / 1024 / 1024} MB` }]);
  }
  try {
    return ok(JSON.parse(textContent));
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return err([{ path: '', message: `not valid JSON (${detail}); the file may be truncated or not a pack` }]);
  }
}

/** Schema plus the cross-references a schema cannot express: duplicate ids and dangling links. */
export function validatePack(data: unknown): Result<Pack, PackProblem[]> {
  const parsed = v.safeParse(PackSchema, data, { abortPipeEarly: true });
  if (!parsed.success) {
    return err(problemsOf(parsed.issues));
  }
  const pack = parsed.output;
  const problems: PackProblem[] = [];
  const add = (path: string, message: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ path, message });
  };
  const entityIds = new Set<string>();
  pack.entities.forEach((e, i) => {
    if (entityIds.has(e.id)) add(`entities[${i}].id`, `duplicate entity id "${e.id}"`);
    entityIds.add(e.id);
  });
  const statementIds = new Set<string>();
  (pack.statements ?? []).forEach((s, i) => {
    if (statementIds.has(s.id)) add(`statements[${i}].id`, `duplicate statement id "${s.id}"`);
    statementIds.add(s.id);
    if (!entityIds.has(s.entity)) add(`statements[${i}].entity`, `unknown entity "${s.entity}"`);
  });
  const eventIds = new Set<string>();
  (pack.events ?? []).forEach((ev, i) => {
    if (eventIds.has(ev.id)) add(`events[${i}].id`, `duplicate event id "${ev.id}"`);
    eventIds.add(ev.id);
    ev.entities.forEach((ref, j) => {
      if (!entityIds.has(ref)) add(`events[${i}].entities[${j}]`, `unknown entity "${ref}"`);
    });
  });
  return problems.length ? err(problems) : ok(pack);
}

export function describeProblems(problems: PackProblem[]): string {
  return problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('\n');
}

/** gzip magic number: 1f 8b. */
export const isGzip = (bytes: Uint8Array): boolean => bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
