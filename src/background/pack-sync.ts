/**
 * Pack subscriptions in the worker: fetch a publisher's signed index, decide, download a delta or
 * the full payload, verify it, and only then install it through the same staging + atomic switch
 * as a file import. Nothing is written before every check has passed, so a failure or a worker
 * stopped mid-download leaves the installed version as it was; the next sync starts afresh.
 */
import { sha256Hex } from '../core/bytes';
import { applyDelta } from '../core/pack-delta';
import { packDigest } from '../core/pack-digest';
import { LIMITS, type Pack } from '../core/pack-format';
import { describeProblems, validatePack } from '../core/pack-validate';
import { err, ok, type Result } from '../core/result';
import { openIndex, type SignedIndex } from '../core/sync-index';
import { checkFetchUrl, decide, downloadDeadlineMs, parseRetryAfter, parseSubscriptionUrl, retryDelayMs, SYNC_LIMITS } from '../core/sync-policy';
import type { SubscriptionView } from '../shared/subscription-view';
import { fetchBounded } from './bounded-fetch';
import type { SubscriptionRecord } from './database';
import { importPackData, withPackLock } from './pack-importer';
import type { PackService } from './pack-service';

export interface SyncHooks {
  /** Arrange a wake-up at `when` (ms since epoch), or none. */
  schedule(when: number | null): Promise<void> | void;
  /** Called during long downloads so the browser does not stop an "idle" worker. */
  keepAlive?(): void;
  now?(): number;
  random?(): number;
}

interface Failure {
  error: string;
  retryAfterMs?: number | null;
}
interface Success {
  packId: string;
  title?: string;
  version: number;
  pinnedKey: string;
  etag?: string;
  expires: string;
}

const MIN_ALARM_DELAY_MS = 30_000;

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

  async list(): Promise<SubscriptionView[]> {
    await this.service.ready();
    const { syncHours } = await this.service.settings();
    const recs = await this.db.subscriptions.toArray();
    return recs.sort((a, b) => a.added.localeCompare(b.added)).map((r) => viewOf(r, syncHours));
  }

  async subscribe(input: string): Promise<SubscriptionView[]> {
    await this.service.ready();
    const parsed = parseSubscriptionUrl(input);
    if (!parsed.ok) throw new Error(parsed.error);
    const { url, key } = parsed.value;
    if (await this.db.subscriptions.get(url)) throw new Error('You are already subscribed to this URL.');
    await this.db.subscriptions.put({ url, added: new Date(this.now()).toISOString(), pinnedKey: key, failures: 0 });
    await this.syncOne(url);
    const rec = await this.db.subscriptions.get(url);
    if (rec?.lastError) {
      // A subscription that never installed anything would only confuse: undo it and say why.
      await this.db.subscriptions.delete(url);
      throw new Error(`Not subscribed: ${rec.lastError}`);
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
      const packId = rec.packId;
      await withPackLock(async () => {
        const pack = await this.db.packs.get(packId);
        if (pack?.subscription?.url === url) await this.db.packs.put({ ...pack, subscription: undefined });
      });
    }
    await this.schedule();
    return this.list();
  }

  async syncNow(url?: string): Promise<SubscriptionView[]> {
    await this.service.ready();
    const urls = url ? [url] : (await this.db.subscriptions.toArray()).map((r) => r.url);
    if (url && !(await this.db.subscriptions.get(url))) throw new Error('No such subscription.');
    for (const u of urls) await this.syncOne(u);
    await this.schedule();
    return this.list();
  }

  /** Sync what is due (alarm), or everything (browser start). */
  async syncDue(all = false): Promise<void> {
    await this.service.ready();
    const { syncHours } = await this.service.settings();
    const now = this.now();
    for (const r of await this.db.subscriptions.toArray()) {
      const due = dueAt(r, syncHours);
      if (all || due === undefined || due <= now) await this.syncOne(r.url);
    }
    await this.schedule();
  }

  async schedule(): Promise<void> {
    await this.service.ready();
    const { syncHours } = await this.service.settings();
    const dues = (await this.db.subscriptions.toArray()).map((r) => dueAt(r, syncHours) ?? this.now());
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
    if (!rec) return;
    const started = new Date(this.now()).toISOString();
    let outcome: Result<Success, Failure>;
    try {
      outcome = await this.attempt(rec);
    } catch (e) {
      outcome = err({ error: `Sync failed: ${e instanceof Error ? e.message : String(e)}` });
    }
    const current = await this.db.subscriptions.get(url);
    if (!current) return; // unsubscribed meanwhile
    const next: SubscriptionRecord = { ...current, lastAttempt: started };
    if (outcome.ok) {
      Object.assign(next, outcome.value, { lastSuccess: started, lastError: undefined, failures: 0, retryAt: undefined });
    } else {
      const { syncHours } = await this.service.settings();
      next.failures = current.failures + 1;
      next.lastError = outcome.error.error;
      next.retryAt = new Date(this.now() + retryDelayMs(next.failures, outcome.error.retryAfterMs ?? null, this.random(), syncHours)).toISOString();
    }
    await this.db.subscriptions.put(next);
  }

  private async attempt(rec: SubscriptionRecord): Promise<Result<Success, Failure>> {
    const fail = (error: string, retryAfterMs?: number | null) => err({ error, retryAfterMs });
    const installed = rec.packId ? await this.db.packs.get(rec.packId) : undefined;
    const installedVersion = installed?.meta.version;
    const conditional = Boolean(rec.etag && installed && rec.version === installedVersion);

    const res = await fetchBounded(rec.url, {
      maxBytes: SYNC_LIMITS.indexBytes,
      deadlineMs: downloadDeadlineMs(SYNC_LIMITS.indexBytes),
      headers: conditional && rec.etag ? { 'if-none-match': rec.etag } : undefined,
    });
    if (!res.ok) return fail(res.error);
    const { status, headers } = res.value;
    if (status === 304 && conditional && rec.packId && rec.pinnedKey && rec.version !== undefined && rec.expires) {
      if (!(Date.parse(rec.expires) > this.now()))
        return fail(`The index expired on ${rec.expires} and the publisher has not refreshed it. The installed version is kept.`);
      return ok({ packId: rec.packId, title: rec.title, version: rec.version, pinnedKey: rec.pinnedKey, etag: rec.etag, expires: rec.expires });
    }
    if (status !== 200) {
      const retryAfter = parseRetryAfter(headers.get('retry-after'), this.now());
      const busy = status === 429 || status === 503;
      return fail(
        `The index could not be fetched: HTTP ${status}${busy ? ' (the server asked to slow down)' : status === 404 ? ' (not found)' : ''}.`,
        retryAfter,
      );
    }
    const index = await openIndex(new TextDecoder().decode(res.value.bytes), rec.pinnedKey);
    if (!index.ok) return fail(index.error);
    const decision = decide(index.value, { packId: rec.packId, installedVersion, now: this.now() });
    if (!decision.ok) return fail(decision.error);
    const success: Success = {
      packId: index.value.packId,
      title: index.value.title ?? installed?.meta.title,
      version: index.value.version,
      pinnedKey: index.value.keyId,
      etag: headers.get('etag') ?? undefined,
      expires: index.value.expires,
    };
    if (decision.value.action === 'up-to-date') return ok(success);

    let pack: Pack | null = null;
    if (decision.value.kind === 'delta' && installed) {
      const viaDelta = await this.fromDelta(index.value, decision.value.ref, res.value.url, installed.id);
      // A delta that does not fit what is installed is not fatal: the full payload still is.
      if (viaDelta.ok) pack = viaDelta.value;
      else if (viaDelta.error.fatal) return fail(viaDelta.error.message);
    }
    if (!pack) {
      const full = await this.download(index.value.full, res.value.url);
      if (!full.ok) return fail(full.error);
      const valid = validatePack(parseJson(full.value));
      if (!valid.ok) return fail(`The published pack is invalid:\n${describeProblems(valid.error)}`);
      if (valid.value.id !== index.value.packId || valid.value.version !== index.value.version)
        return fail(`The payload is ${valid.value.id} v${valid.value.version}, but the signed index promised ${index.value.packId} v${index.value.version}.`);
      pack = valid.value;
    }
    await this.service.ready();
    const installedNow = await importPackData(this.db, pack, { subscription: { url: rec.url }, onSwitched: () => this.service.invalidate() });
    if (!installedNow.ok) return fail(installedNow.error);
    success.title = pack.title;
    return ok(success);
  }

  private async fromDelta(index: SignedIndex, ref: { url: string; bytes: number; sha256: string }, base: string, packId: string) {
    const bytes = await this.download(ref, base);
    // Bytes that fail their signed hash are an attack or a broken server, not a reason to fall back.
    if (!bytes.ok) return err({ fatal: true, message: bytes.error });
    const exported = await this.service.exportPack(packId);
    if (!exported.ok) return err({ fatal: false, message: exported.error });
    const applied = applyDelta(JSON.parse(exported.value.json) as Pack, parseJson(bytes.value));
    if (!applied.ok) return err({ fatal: false, message: applied.error });
    const valid = validatePack(applied.value);
    if (!valid.ok) return err({ fatal: false, message: describeProblems(valid.error) });
    if ((await packDigest(valid.value)) !== index.contentSha256) return err({ fatal: false, message: 'delta result differs from the published content' });
    return ok(valid.value);
  }

  /** Download a payload the signed index describes; its exact length and SHA-256 must match. */
  private async download(ref: { url: string; bytes: number; sha256: string }, base: string): Promise<Result<Uint8Array>> {
    if (ref.bytes > LIMITS.fileBytes) return err(`The payload would be ${ref.bytes} bytes, more than Backstory accepts.`);
    let target: string;
    try {
      target = new URL(ref.url, base).href;
    } catch {
      return err('The index names a payload URL that does not parse.');
    }
    const allowed = checkFetchUrl(target);
    if (!allowed.ok) return allowed;
    let lastPing = this.now();
    const res = await fetchBounded(target, {
      maxBytes: ref.bytes,
      deadlineMs: downloadDeadlineMs(ref.bytes),
      onProgress: () => {
        if (this.now() - lastPing > 10_000) {
          lastPing = this.now();
          this.hooks.keepAlive?.();
        }
      },
    });
    if (!res.ok) return res;
    if (res.value.status !== 200) return err(`The pack payload could not be fetched: HTTP ${res.value.status}.`);
    const got = res.value.bytes;
    if (got.length !== ref.bytes) return err(`The payload was cut short: ${got.length} of ${ref.bytes} bytes arrived. Nothing was installed.`);
    if ((await sha256Hex(got)) !== ref.sha256)
      return err('The payload does not match the SHA-256 in the signed index (corrupted or tampered with). Nothing was installed.');
    return ok(got);
  }
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}

function dueAt(r: SubscriptionRecord, syncHours: number): number | undefined {
  if (r.failures > 0 && r.retryAt) return Date.parse(r.retryAt);
  if (r.lastSuccess) return Date.parse(r.lastSuccess) + syncHours * 3600_000;
  return undefined;
}

function viewOf(r: SubscriptionRecord, syncHours: number): SubscriptionView {
  const due = dueAt(r, syncHours);
  return {
    url: r.url,
    packId: r.packId,
    title: r.title,
    version: r.version,
    keyId: r.pinnedKey,
    lastSuccess: r.lastSuccess,
    lastAttempt: r.lastAttempt,
    nextSync: due === undefined ? undefined : new Date(due).toISOString(),
    lastError: r.lastError,
  };
}
