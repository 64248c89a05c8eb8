/**
 * Pack subscriptions in the worker: fetch a publisher's signed index, decide, download a delta or
 * the full payload, verify it, and only then install it through the same staging + atomic switch
 * as a file import. Nothing is written before every check has passed, so a failure or a worker
 * stopped mid-download leaves the installed version as it was. The failure and the next retry are
 * recorded before any byte is fetched, so even a worker killed mid-download backs off.
 */
import { sha256Hex } from '../core/bytes';
import { applyDelta } from '../core/pack-delta';
import { packDigest } from '../core/pack-digest';
import type { Pack } from '../core/pack-format';
import { describeProblems, validatePack } from '../core/pack-validate';
import { err, ok, type Result } from '../core/result';
import { keyFingerprint, openIndex, type SignedIndex } from '../core/sync-index';
import {
  decide,
  downloadDeadlineMs,
  parseRetryAfter,
  parseSubscriptionUrl,
  payloadUrl,
  problem,
  retryDelayMs,
  SYNC_LIMITS,
  type SyncErrorCode,
  type SyncProblem,
} from '../core/sync-policy';
import type { SubscriptionPreview, SubscriptionView } from '../shared/subscription-view';
import { fetchBounded } from './bounded-fetch';
import type { SubscriptionRecord } from './database';
import { type ImportOutcome, importPackBytes, importPackData, withPackLock } from './pack-importer';
import type { PackService } from './pack-service';

export interface SyncHooks {
  /** Arrange a wake-up at `when` (ms since epoch), or none. */
  schedule(when: number | null): Promise<void> | void;
  /** Called during long downloads so the browser does not stop an "idle" worker. */
  keepAlive?(): void;
  now?(): number;
  random?(): number;
  /** The reader's sentence for a message key (`_locales`), `$1` = the site. */
  say?(key: string, ...subs: string[]): string;
}

interface Failure extends SyncProblem {
  retryAfterMs?: number | null;
}
interface Success {
  packId: string;
  title?: string;
  version: number;
  pinnedKey: string;
  etag?: string;
  expires: string;
  floor: { version: number; published: string };
}

const MIN_ALARM_DELAY_MS = 30_000;
const INTERRUPTED = 'The last sync did not finish (the browser stopped Backstory, or it is still running). Nothing was changed.';

/** Thrown to the options page: the plain sentence first, then the technical details. */
export class SyncRefusal extends Error {
  constructor(message: string, details: string) {
    super(`${message}\n\n${details}`);
  }
}

export class PackSync {
  private inflight = new Map<string, Promise<void>>();
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(
    private readonly service: PackService,
    private readonly hooks: SyncHooks,
  ) {
    this.now = hooks.now ?? Date.now;
    this.random = hooks.random ?? Math.random;
  }

  private get db() {
    return this.service.db;
  }

  private say(code: SyncErrorCode, url: string): string {
    const site = new URL(url).host;
    return this.hooks.say?.(`syncErr${code}`, site) ?? `syncErr${code} (${site})`;
  }

  async list(): Promise<SubscriptionView[]> {
    await this.service.ready();
    const { syncHours } = await this.service.settings();
    const recs = await this.db.subscriptions.toArray();
    recs.sort((a, b) => a.added.localeCompare(b.added));
    return Promise.all(recs.map((r) => this.viewOf(r, syncHours)));
  }

  /** Fetch and verify what a subscription URL serves, without pinning or installing anything. */
  async preview(input: string): Promise<SubscriptionPreview> {
    await this.service.ready();
    const parsed = parseSubscriptionUrl(input);
    if (!parsed.ok) throw new Error(parsed.error);
    const { url, key } = parsed.value;
    const index = await this.fetchIndex(url, key, this.now() + SYNC_LIMITS.syncBudgetMs);
    if (!index.ok) throw new SyncRefusal(this.say(index.error.code, url), index.error.text);
    const s = index.value.index;
    if (!s) throw new Error('The server answered "not modified" to a request that was not conditional.');
    const decision = decide(s, { now: this.now() });
    if (!decision.ok) throw new SyncRefusal(this.say(decision.error.code, url), decision.error.text);
    const pinned = new URL(url);
    pinned.hash = `key=${s.keyId}`;
    return {
      url: pinned.href,
      site: new URL(url).host,
      packId: s.packId,
      title: s.title,
      version: s.version,
      published: s.published,
      bytes: s.full.bytes,
      syncHours: (await this.service.settings()).syncHours,
      keyId: s.keyId,
      fingerprint: await keyFingerprint(s.keyId),
      keyFromUrl: key !== undefined,
    };
  }

  /**
   * Subscribe with a key pinned either by the URL's `#key=` or by the reader after comparing its
   * fingerprint (`confirmedKey`). For a URL already subscribed, a new `#key=` re-pins (recovery
   * after a key change), and a paused subscription resumes.
   */
  async subscribe(input: string, confirmedKey?: string): Promise<SubscriptionView[]> {
    await this.service.ready();
    const parsed = parseSubscriptionUrl(input);
    if (!parsed.ok) throw new Error(parsed.error);
    const { url } = parsed.value;
    const key = parsed.value.key ?? confirmedKey;
    if (!key) throw new Error('Check the publisher key first: subscribing pins the key whose fingerprint you confirmed.');
    const existing = await this.db.subscriptions.get(url);
    if (existing && existing.pinnedKey === key && !existing.paused) throw new Error('You are already subscribed to this URL.');
    const fresh: SubscriptionRecord = { url, added: new Date(this.now()).toISOString(), failures: 0 };
    await this.db.subscriptions.put({ ...(existing ?? fresh), pinnedKey: key, paused: undefined, failures: 0, retryAt: undefined });
    await this.syncOne(url);
    const rec = await this.db.subscriptions.get(url);
    if (rec?.lastError) {
      // Undo: a new subscription that installed nothing, or a re-pin that did not verify, would only confuse.
      if (existing) await this.db.subscriptions.put(existing);
      else await this.db.subscriptions.delete(url);
      throw new SyncRefusal(this.say(rec.errorCode ?? 'Unreachable', url), rec.lastError);
    }
    await this.schedule();
    return this.list();
  }

  async unsubscribe(url: string): Promise<SubscriptionView[]> {
    await this.service.ready();
    const rec = await this.db.subscriptions.get(url);
    await this.db.subscriptions.delete(url);
    if (rec?.packId) {
      // The pack stays installed (the user may keep it); it is just no longer kept up to date.
      // Subscribing to the same URL again may adopt it (after a key change, say).
      const packId = rec.packId;
      await withPackLock(async () => {
        const pack = await this.db.packs.get(packId);
        if (pack?.subscription?.url === url) await this.db.packs.put({ ...pack, subscription: undefined, formerSubscription: url });
      });
    }
    await this.schedule();
    return this.list();
  }

  /** "Sync now": one subscription (which resumes it if paused), or every active one. */
  async syncNow(url?: string): Promise<SubscriptionView[]> {
    await this.service.ready();
    if (url) {
      const rec = await this.db.subscriptions.get(url);
      if (!rec) throw new Error('No such subscription.');
      if (rec.paused) await this.db.subscriptions.put({ ...rec, paused: undefined });
      await this.syncOne(url);
    } else {
      await this.syncMany((await this.db.subscriptions.toArray()).filter((r) => !r.paused).map((r) => r.url));
    }
    await this.schedule();
    return this.list();
  }

  /** Sync what is due (alarm), or everything (browser start). */
  async syncDue(all = false): Promise<void> {
    await this.service.ready();
    const { syncHours } = await this.service.settings();
    const now = this.now();
    const due = (await this.db.subscriptions.toArray()).filter((r) => {
      const at = dueAt(r, syncHours);
      return !r.paused && (all || at === undefined || at <= now);
    });
    await this.syncMany(due.map((r) => r.url));
    await this.schedule();
  }

  /** A few at a time, each on its own: one slow host holds up only its own slot, for its own budget. */
  private async syncMany(urls: string[]): Promise<void> {
    const queue = [...urls];
    const worker = async () => {
      for (let u = queue.shift(); u !== undefined; u = queue.shift()) await this.syncOne(u);
    };
    await Promise.all(Array.from({ length: Math.min(SYNC_LIMITS.parallelSyncs, queue.length) }, worker));
  }

  async schedule(): Promise<void> {
    await this.service.ready();
    const { syncHours } = await this.service.settings();
    const dues = (await this.db.subscriptions.toArray()).filter((r) => !r.paused).map((r) => dueAt(r, syncHours) ?? this.now());
    if (!dues.length) return this.hooks.schedule(null);
    return this.hooks.schedule(Math.max(Math.min(...dues), this.now() + MIN_ALARM_DELAY_MS));
  }

  /** One sync of one subscription; concurrent calls for the same URL share it. */
  syncOne(url: string): Promise<void> {
    const running = this.inflight.get(url);
    if (running) return running;
    const job = this.runSync(url).finally(() => this.inflight.delete(url));
    this.inflight.set(url, job);
    return job;
  }

  private async runSync(url: string): Promise<void> {
    const rec = await this.db.subscriptions.get(url);
    if (!rec || rec.paused) return;
    const started = this.now();
    const { syncHours } = await this.service.settings();
    const retryAt = (failures: number, retryAfterMs: number | null) =>
      new Date(started + retryDelayMs(failures, retryAfterMs, this.random(), syncHours)).toISOString();
    // Recorded first: if the worker dies during the downloads, this failure and its backoff stand.
    const failures = rec.failures + 1;
    await this.db.subscriptions.put({
      ...rec,
      lastAttempt: new Date(started).toISOString(),
      failures,
      retryAt: retryAt(failures, null),
      lastError: INTERRUPTED,
      errorCode: 'Interrupted',
    });
    let outcome: Result<Success, Failure>;
    try {
      outcome = await this.attempt(rec, started + SYNC_LIMITS.syncBudgetMs);
    } catch (e) {
      outcome = err({ code: 'Unreachable', text: `Sync failed: ${e instanceof Error ? e.message : String(e)}` });
    }
    const current = await this.db.subscriptions.get(url);
    if (!current) return; // unsubscribed meanwhile
    const next: SubscriptionRecord = { ...current };
    if (outcome.ok) {
      const floor = current.floor && current.floor.version > outcome.value.floor.version ? current.floor : outcome.value.floor;
      Object.assign(next, outcome.value, {
        floor,
        lastSuccess: new Date(started).toISOString(),
        lastError: undefined,
        errorCode: undefined,
        failures: 0,
        retryAt: undefined,
      });
    } else {
      next.lastError = outcome.error.text;
      next.errorCode = outcome.error.code;
      next.retryAt = retryAt(failures, outcome.error.retryAfterMs ?? null);
    }
    await this.db.subscriptions.put(next);
  }

  /** GET the index (conditionally when `etag` is given) and open it with `key`; null on a 304. */
  private async fetchIndex(url: string, key: string | undefined, deadline: number, etag?: string) {
    const res = await fetchBounded(url, {
      subscription: url,
      maxBytes: SYNC_LIMITS.indexBytes,
      deadlineMs: Math.min(downloadDeadlineMs(SYNC_LIMITS.indexBytes), deadline - this.now()),
      headers: etag ? { 'if-none-match': etag } : undefined,
    });
    if (!res.ok) return res;
    const { status, headers } = res.value;
    if (status === 304 && etag) return ok({ index: null, headers });
    if (status !== 200) {
      const busy = status === 429 || status === 503;
      return err<Failure>({
        code: busy ? 'Busy' : 'Http',
        text: `The index could not be fetched: HTTP ${status}${busy ? ' (the server asked to slow down)' : status === 404 ? ' (not found)' : ''}.`,
        retryAfterMs: parseRetryAfter(headers.get('retry-after'), this.now()),
      });
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(res.value.bytes);
    } catch {
      return problem('NotIndex', 'The index is not UTF-8 text.');
    }
    const index = await openIndex(text, key);
    return index.ok ? ok({ index: index.value, headers }) : index;
  }

  private async attempt(rec: SubscriptionRecord, deadline: number): Promise<Result<Success, Failure>> {
    const ours = rec.packId ? await this.db.packs.get(rec.packId) : undefined;
    const conditional = Boolean(rec.etag && rec.floor && ours && rec.version === ours.meta.version);
    const fetched = await this.fetchIndex(rec.url, rec.pinnedKey, deadline, conditional ? rec.etag : undefined);
    if (!fetched.ok) return fetched;
    const { index, headers } = fetched.value;
    // A new subscription to the URL that installed a pack before (an unsubscribe, a key change) adopts it.
    const former = !ours && index ? await this.db.packs.get(index.packId) : undefined;
    const installed = ours ?? (former && !former.subscription && former.formerSubscription === rec.url ? former : undefined);
    const installedVersion = installed?.meta.version;
    if (!index) {
      if (!(rec.packId && rec.pinnedKey && rec.version !== undefined && rec.expires && rec.floor))
        return problem('NotIndex', 'The server answered "not modified" to a request Backstory did not make conditional.');
      if (!(Date.parse(rec.expires) > this.now()))
        return problem('Expired', `The index expired on ${rec.expires} and the publisher has not refreshed it. The installed version is kept.`);
      return ok({
        packId: rec.packId,
        title: rec.title,
        version: rec.version,
        pinnedKey: rec.pinnedKey,
        etag: rec.etag,
        expires: rec.expires,
        floor: rec.floor,
      });
    }
    const decision = decide(index, { packId: rec.packId, installedVersion, floor: rec.floor, now: this.now() });
    if (!decision.ok) return decision;
    const success: Success = {
      packId: index.packId,
      title: index.title ?? installed?.meta.title,
      version: index.version,
      pinnedKey: index.keyId,
      etag: headers.get('etag') ?? undefined,
      expires: index.expires,
      floor: { version: index.version, published: index.published },
    };
    if (decision.value.action === 'up-to-date') {
      if (installed && !installed.subscription) await this.adopt(installed.id, rec.url);
      return ok(success);
    }

    let pack: Pack | null = null;
    if (decision.value.kind === 'delta' && installed) {
      const viaDelta = await this.fromDelta(index, decision.value.ref, rec.url, installed.id, deadline);
      // A delta that does not fit what is installed is not fatal: the full payload still is.
      if (viaDelta.ok) pack = viaDelta.value;
      else if (viaDelta.error.fatal && viaDelta.error.problem) return err(viaDelta.error.problem);
    }
    const opts = { subscription: { url: rec.url }, onSwitched: () => this.service.invalidate() };
    let installedNow: Result<ImportOutcome>;
    if (pack) {
      await this.service.ready();
      installedNow = await importPackData(this.db, pack, opts);
    } else {
      const full = await this.download(index.full, rec.url, deadline);
      if (!full.ok) return full;
      await this.service.ready();
      // The full payload streams through the same staging as a file, so its size does not set
      // the worker's memory; the id and version the index promised are checked before the switch.
      installedNow = await importPackBytes(this.db, full.value, { ...opts, expect: { id: index.packId, version: index.version } });
    }
    if (!installedNow.ok) {
      const invalid = /^(The pack has errors|This file is not a Backstory pack):\s*/;
      if (invalid.test(installedNow.error)) return problem('Invalid', `The published pack is invalid:\n${installedNow.error.replace(invalid, '')}`);
      return problem(/already installed/.test(installedNow.error) ? 'Conflict' : 'Storage', installedNow.error);
    }
    success.title = installedNow.value.record.meta.title;
    return ok(success);
  }

  private adopt(packId: string, url: string): Promise<void> {
    return withPackLock(async () => {
      const pack = await this.db.packs.get(packId);
      if (pack && !pack.subscription && pack.formerSubscription === url)
        await this.db.packs.put({ ...pack, subscription: { url }, formerSubscription: undefined });
    });
  }

  private async fromDelta(index: SignedIndex, ref: { url: string; bytes: number; sha256: string }, base: string, packId: string, deadline: number) {
    const bytes = await this.download(ref, base, deadline);
    // Bytes that fail their signed hash are an attack or a broken server, not a reason to fall back.
    if (!bytes.ok) return err({ fatal: true, problem: bytes.error, message: bytes.error.text });
    const soft = (message: string) => err({ fatal: false, problem: undefined, message });
    const exported = await this.service.exportPack(packId);
    if (!exported.ok) return soft(exported.error);
    const applied = applyDelta(JSON.parse(exported.value.json) as Pack, parseJson(bytes.value));
    if (!applied.ok) return soft(applied.error);
    const valid = validatePack(applied.value);
    if (!valid.ok) return soft(describeProblems(valid.error));
    if ((await packDigest(valid.value)) !== index.contentSha256) return soft('delta result differs from the published content');
    return ok(valid.value);
  }

  /** Download a payload the signed index describes, from the index's origin; its exact length and SHA-256 must match. */
  private async download(ref: { url: string; bytes: number; sha256: string }, indexUrl: string, deadline: number): Promise<Result<Uint8Array, SyncProblem>> {
    if (ref.bytes > SYNC_LIMITS.payloadBytes)
      return problem(
        'TooBig',
        `The payload would be ${ref.bytes} bytes, more than the ${SYNC_LIMITS.payloadBytes / 1024 / 1024} MB Backstory accepts from a subscription.`,
      );
    const target = payloadUrl(ref.url, indexUrl);
    if (!target.ok) return target;
    let lastPing = this.now();
    const res = await fetchBounded(target.value, {
      subscription: indexUrl,
      maxBytes: ref.bytes,
      deadlineMs: Math.min(downloadDeadlineMs(ref.bytes), deadline - this.now()),
      onProgress: () => {
        if (this.now() - lastPing > 10_000) {
          lastPing = this.now();
          this.hooks.keepAlive?.();
        }
      },
    });
    if (!res.ok) return res;
    if (res.value.status !== 200) return problem('Http', `The pack payload could not be fetched: HTTP ${res.value.status}.`);
    const got = res.value.bytes;
    if (got.length !== ref.bytes) return problem('Damaged', `The payload was cut short: ${got.length} of ${ref.bytes} bytes arrived. Nothing was installed.`);
    if ((await sha256Hex(got)) !== ref.sha256)
      return problem('Damaged', 'The payload does not match the SHA-256 in the signed index (corrupted or tampered with). Nothing was installed.');
    return ok(got);
  }

  private async viewOf(r: SubscriptionRecord, syncHours: number): Promise<SubscriptionView> {
    const due = r.paused ? undefined : dueAt(r, syncHours);
    return {
      url: r.url,
      packId: r.packId,
      title: r.title,
      version: r.version,
      keyId: r.pinnedKey,
      fingerprint: r.pinnedKey ? await keyFingerprint(r.pinnedKey) : undefined,
      lastSuccess: r.lastSuccess,
      lastAttempt: r.lastAttempt,
      nextSync: due === undefined ? undefined : new Date(due).toISOString(),
      lastError: r.lastError,
      error: r.lastError ? { message: this.say(r.errorCode ?? 'Unreachable', r.url), details: r.lastError } : undefined,
      paused: r.paused || undefined,
    };
  }
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}

function dueAt(r: SubscriptionRecord, syncHours: number): number | undefined {
  if (r.failures > 0 && r.retryAt) return Date.parse(r.retryAt);
  if (r.lastSuccess) return Date.parse(r.lastSuccess) + syncHours * 3600_000;
  return undefined;
}
