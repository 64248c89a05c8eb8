/**
 * Errors in a reader's words. The worker's messages are precise but written for publishers
 * ("entities[1].type: expected one of …"); readers first get one sentence (what happened, what to
 * do, that nothing changed, naming the file or site) and the precise text goes behind "Details".
 */
import type { WorkerProblem } from '../shared/card-data';
import { t } from './i18n';

export interface PlainError {
  /** One sentence for the reader. */
  summary: string;
  /** The original technical text, for "Details" and for reporting. */
  details: string;
}

const has = (raw: string, ...needles: RegExp[]) => needles.some((n) => n.test(raw));

/** A pack file that could not be imported. */
export function importError(file: string, raw: string): PlainError {
  let key = 'errImportFailed';
  if (has(raw, /JSON|position \d+|Unexpected token|double-quoted/i)) key = 'errImportNotJson';
  else if (has(raw, /gzip|decompress|compressed/i)) key = 'errImportNotGzip';
  else if (has(raw, /larger than|too large/i)) key = 'errImportTooLarge';
  else if (has(raw, /^\s*(?:\$|entities|statements|events|id|version|title|format)[\w[\].]*:/m, /expected|invalid|unknown/i)) key = 'errImportNotPack';
  else if (has(raw, /storage|quota|database/i)) key = 'errImportStorage';
  return { summary: t(key, file), details: raw };
}

/**
 * The worker words its subscription refusals itself (it knows what failed): a plain sentence, a
 * blank line, then the technical details. Older or unexpected messages are classified here.
 */
function workerWorded(raw: string): PlainError | null {
  const at = raw.indexOf('\n\n');
  return at > 0 ? { summary: raw.slice(0, at), details: raw.slice(at + 2) } : null;
}

/** A subscription (or its preview) that failed. */
export function subscribeError(site: string, raw: string): PlainError {
  return workerWorded(raw) ?? { summary: t(syncKey(raw, 'errSubscribe'), site), details: raw };
}

/** A sync of an existing subscription that failed; the installed version stays. */
export function syncError(site: string, raw: string): PlainError {
  return workerWorded(raw) ?? { summary: t(syncKey(raw, 'errSync'), site), details: raw };
}

function syncKey(raw: string, prefix: 'errSubscribe' | 'errSync'): string {
  if (has(raw, /SHA-256|signature|tampered|altered|signing key changed|rollback|older than the installed|delta result differs/i)) return `${prefix}Tampered`;
  if (
    has(
      raw,
      /HTTP 404|not found|HTTP 4\d\d|HTTP 5\d\d|could not be fetched|unreachable|network|timed out|deadline|Failed to fetch|NetworkError|not serve a Backstory index|not valid JSON/i,
    )
  )
    return `${prefix}Unreachable`;
  if (has(raw, /expired/i)) return `${prefix}Expired`;
  if (has(raw, /already subscribed/i)) return `${prefix}Already`;
  if (has(raw, /https|URL/i)) return `${prefix}BadLink`;
  return `${prefix}Failed`;
}

/** A problem of the worker itself (its database, the built-in pack), for the options page. */
export function workerProblem(problem: WorkerProblem): PlainError {
  return { summary: t(problem.code === 'database' ? 'errWorkerDatabase' : 'errDefaultPack'), details: problem.details };
}
