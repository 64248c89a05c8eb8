/**
 * Decisions a subscriber makes about a verified index and about its own schedule. Pure, so every
 * refusal (rollback, freeze, wrong pack, insecure URL) and the retry timing are unit-tested.
 */
import { err, ok, type Result } from './result';
import type { DeltaRef, PayloadRef, SignedIndex } from './sync-index';

export const SYNC_LIMITS = {
  indexBytes: 256 * 1024,
  /** A deadline for a whole download: a base plus time for the bytes at a slow but working rate. */
  deadlineBaseMs: 8_000,
  minBytesPerSecond: 64 * 1024,
  /** First retry after a failure; doubles per consecutive failure. */
  backoffBaseMs: 60_000,
  /** Whatever a server says in Retry-After, try again within a week. */
  retryAfterCapMs: 7 * 24 * 3600_000,
} as const;

export const downloadDeadlineMs = (bytes: number) => SYNC_LIMITS.deadlineBaseMs + Math.ceil((bytes / SYNC_LIMITS.minBytesPerSecond) * 1000);

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** HTTPS anywhere; plain HTTP only on this machine (local publishing and tests). */
export function checkFetchUrl(url: string): Result<URL> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return err(`"${url.slice(0, 200)}" is not a URL.`);
  }
  if (u.username || u.password) return err('Pack URLs may not contain a user name or password.');
  if (u.protocol === 'https:') return ok(u);
  if (u.protocol === 'http:' && LOOPBACK.test(u.hostname)) return ok(u);
  return err(`Refused ${u.protocol}//${u.host}: subscriptions use HTTPS only (plain HTTP is allowed for this computer's own addresses).`);
}

/** The subscription URL (fragment removed) and a key pinned with `#key=…`, if any. */
export function parseSubscriptionUrl(input: string): Result<{ url: string; key?: string }> {
  const checked = checkFetchUrl(input.trim());
  if (!checked.ok) return checked;
  const u = checked.value;
  const key = new URLSearchParams(u.hash.slice(1)).get('key') ?? undefined;
  if (key !== undefined && !/^[A-Za-z0-9_-]{43}$/.test(key))
    return err('The #key=… in the URL is not a publisher key (43 base64url characters from publisher.pub).');
  u.hash = '';
  return ok({ url: u.href, key });
}

export type IndexDecision =
  | { action: 'up-to-date' }
  | { action: 'download'; kind: 'delta'; ref: DeltaRef }
  | { action: 'download'; kind: 'full'; ref: PayloadRef };

/** What to do with a signature-checked index, given what is installed. */
export function decide(index: SignedIndex, state: { packId?: string; installedVersion?: number; now: number }): Result<IndexDecision> {
  if (state.packId && index.packId !== state.packId) return err(`The index is for pack "${index.packId}", but this subscription installs "${state.packId}".`);
  const expires = Date.parse(index.expires);
  if (!(expires > state.now)) {
    return err(`The index expired on ${index.expires}: the publisher has not refreshed it, or an old copy is being served. The installed version is kept.`);
  }
  const installed = state.installedVersion;
  if (installed !== undefined) {
    if (index.version < installed) return err(`The index offers version ${index.version}, older than the installed version ${installed}; rollback refused.`);
    if (index.version === installed) return ok({ action: 'up-to-date' });
    const delta = index.deltas.find((d) => d.from === installed);
    if (delta) return ok({ action: 'download', kind: 'delta', ref: delta });
  }
  return ok({ action: 'download', kind: 'full', ref: index.full });
}

/** Exponential backoff with equal jitter; `rand` in [0, 1). */
export function backoffMs(failures: number, rand: number, capMs: number): number {
  const raw = Math.min(capMs, SYNC_LIMITS.backoffBaseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(raw / 2 + (rand * raw) / 2);
}

/** Retry-After as delay-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: number): number | null {
  if (!header) return null;
  const s = header.trim();
  if (/^\d+$/.test(s)) return Math.min(Number(s) * 1000, SYNC_LIMITS.retryAfterCapMs);
  const at = Date.parse(s);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, at - now), SYNC_LIMITS.retryAfterCapMs);
}

/** When to try again after `failures` consecutive failures: backoff, but never before the server asked. */
export function retryDelayMs(failures: number, retryAfterMs: number | null, rand: number, syncHours: number): number {
  const backoff = backoffMs(failures, rand, syncHours * 3600_000);
  return retryAfterMs === null ? backoff : Math.max(backoff, retryAfterMs);
}
