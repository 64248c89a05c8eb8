/**
 * Decisions a subscriber makes about a verified index and about its own schedule. Pure, so every
 * refusal (rollback, freeze, wrong pack, insecure URL, another origin) and the retry timing are
 * unit-tested.
 */
import { err, ok, type Result } from './result';
import type { DeltaRef, PayloadRef, SignedIndex } from './sync-index';

export const SYNC_LIMITS = {
  indexBytes: 256 * 1024,
  /** Sync payloads are capped well below file imports (a hostile host costs at most this). */
  payloadBytes: 64 * 1024 * 1024,
  /** A deadline for a whole download: a base plus time for the bytes at a slow but working rate. */
  deadlineBaseMs: 8_000,
  minBytesPerSecond: 64 * 1024,
  /** Everything one sync of one subscription may take, all downloads together. */
  syncBudgetMs: 5 * 60_000,
  /** First retry after a failure; doubles per consecutive failure. */
  backoffBaseMs: 60_000,
  /** Whatever a server says in Retry-After, try again within a week. */
  retryAfterCapMs: 7 * 24 * 3600_000,
  /** The longest an index may stay valid: a stolen old index cannot freeze a reader for longer. */
  maxLifetimeMs: 90 * 24 * 3600_000,
  /** How far in the future `published` may lie (clock skew between publisher and reader). */
  clockSkewMs: 24 * 3600_000,
  /** Versions are integers up to this (room for YYYYMMDDnn); anything bigger would freeze updates. */
  maxVersion: 2 ** 31 - 1,
  /** Subscriptions synced at the same time, so one slow host cannot hold up the others. */
  parallelSyncs: 4,
} as const;

/** What went wrong, as a code the options page turns into one plain sentence, plus the details. */
export type SyncErrorCode =
  | 'Unreachable'
  | 'Http'
  | 'Busy'
  | 'Redirect'
  | 'Address'
  | 'OtherOrigin'
  | 'NotIndex'
  | 'KeyChanged'
  | 'Signature'
  | 'OtherPack'
  | 'Expired'
  | 'Lifetime'
  | 'Rollback'
  | 'Damaged'
  | 'TooBig'
  | 'Invalid'
  | 'Conflict'
  | 'Storage'
  | 'Interrupted';
export interface SyncProblem {
  code: SyncErrorCode;
  /** Technical details, in English, for the "Details" part and for bug reports. */
  text: string;
}
export const problem = (code: SyncErrorCode, text: string) => err<SyncProblem>({ code, text });

export const downloadDeadlineMs = (bytes: number) => SYNC_LIMITS.deadlineBaseMs + Math.ceil((bytes / SYNC_LIMITS.minBytesPerSecond) * 1000);

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export const isLoopback = (hostname: string) => LOOPBACK.test(hostname);

/** An IP literal in a private, link-local, shared, unspecified or loopback range (URL-normalised host). */
export function isPrivateAddress(hostname: string): boolean {
  if (isLoopback(hostname)) return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname);
  if (v4) return privateV4(v4.slice(1).map(Number));
  if (!hostname.startsWith('[')) return /(?:^|\.)localhost$/i.test(hostname);
  const h = hostname.slice(1, -1).toLowerCase();
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(h);
  if (mapped) {
    const [hi, lo] = [Number.parseInt(mapped[1], 16), Number.parseInt(mapped[2], 16)];
    return privateV4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
  }
  return h === '::' || h === '::1' || /^f[cd]/.test(h) || /^fe[89ab]/.test(h);
}

function privateV4([a, b]: number[]): boolean {
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b < 128) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b < 32) ||
    (a === 192 && b === 168)
  );
}

/**
 * HTTPS anywhere except private addresses; this computer's own addresses (HTTP or HTTPS) only
 * for a subscription that is itself on this computer (local publishing and tests).
 */
export function checkFetchUrl(url: string, subscription?: string): Result<URL> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return err(`"${url.slice(0, 200)}" is not a URL.`);
  }
  if (u.username || u.password) return err('Pack URLs may not contain a user name or password.');
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    return err(`Refused ${u.protocol}//${u.host}: subscriptions use HTTPS only (plain HTTP is allowed for this computer's own addresses).`);
  const local = isLoopback(u.hostname) && (subscription === undefined || isLoopback(new URL(subscription).hostname));
  if (local) return ok(u);
  if (isPrivateAddress(u.hostname)) return err(`Refused ${u.host}: a private or local network address. Backstory only subscribes to public HTTPS sites.`);
  if (u.protocol === 'https:') return ok(u);
  return err(`Refused ${u.protocol}//${u.host}: subscriptions use HTTPS only (plain HTTP is allowed for this computer's own addresses).`);
}

/** A payload URL from the signed index: relative, or absolute on the index's own origin. */
export function payloadUrl(ref: string, indexUrl: string): Result<string, SyncProblem> {
  let target: URL;
  try {
    target = new URL(ref, indexUrl);
  } catch {
    return problem('Invalid', 'The index names a payload URL that does not parse.');
  }
  const origin = new URL(indexUrl).origin;
  if (target.origin !== origin)
    return problem(
      'OtherOrigin',
      `The index points to ${target.origin.slice(0, 200)} for a payload; Backstory only downloads from the index's own site (${origin}).`,
    );
  return ok(target.href);
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

/** The highest verified version a subscription has seen and when it was published: never go below. */
export interface RollbackFloor {
  version: number;
  published: string;
}

/** What to do with a signature-checked index, given what is installed and what was seen before. */
export function decide(
  index: SignedIndex,
  state: { packId?: string; installedVersion?: number; floor?: RollbackFloor; now: number },
): Result<IndexDecision, SyncProblem> {
  if (state.packId && index.packId !== state.packId)
    return problem('OtherPack', `The index is for pack "${index.packId}", but this subscription installs "${state.packId}".`);
  const published = Date.parse(index.published);
  const expires = Date.parse(index.expires);
  if (published > state.now + SYNC_LIMITS.clockSkewMs)
    return problem('Lifetime', `The index claims to be published on ${index.published}, in the future. The installed version is kept.`);
  if (expires - published > SYNC_LIMITS.maxLifetimeMs)
    return problem(
      'Lifetime',
      `The index stays valid from ${index.published} to ${index.expires}, longer than the 90 days Backstory accepts. The installed version is kept.`,
    );
  if (!(expires > state.now)) {
    return problem(
      'Expired',
      `The index expired on ${index.expires}: the publisher has not refreshed it, or an old copy is being served. The installed version is kept.`,
    );
  }
  const floor = state.floor;
  const lowest = Math.max(state.installedVersion ?? 0, floor?.version ?? 0);
  if (index.version < lowest)
    return problem('Rollback', `The index offers version ${index.version}, older than version ${lowest} seen before; rollback refused.`);
  if (floor && published < Date.parse(floor.published))
    return problem('Rollback', `The index was published on ${index.published}, before the index already seen (${floor.published}); rollback refused.`);
  const installed = state.installedVersion;
  if (installed !== undefined) {
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
