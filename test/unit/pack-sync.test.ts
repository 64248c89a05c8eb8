/**
 * PackSync, the real worker code on fake-indexeddb, driven through its `now`/`random` hooks with a
 * fake clock and a fake network: every branch of backoff, Retry-After, 304 and expiry, and one
 * test per attack on the update channel. In each attack the installed pack stays as it was and
 * the subscription records why, as a plain sentence and as technical details.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex, utf8 } from '../../src/core/bytes';
import { signRotation } from '../../src/core/sync-index';
import { backoffMs, SYNC_LIMITS } from '../../src/core/sync-policy';
import { riverPack } from '../e2e/publisher-site';
import { HOUR, hangingBody, newSigner, T0, world } from './sync-harness';

type World = Awaited<ReturnType<typeof world>>;
let w: World;

/** Publish v1 and subscribe with the key pinned (as after confirming its fingerprint). */
async function subscribed(): Promise<World> {
  await w.publish(1, ['Multan', 'Gilgit']);
  await w.sync.subscribe(w.indexUrl, w.signer.keyId);
  return w;
}

/** The subscription failed with `code`, the reader's sentence names the site, and v`version` is intact. */
async function refused(code: string, details: RegExp, version: number | null) {
  expect((await w.installed())?.version ?? null, 'the installed pack is unchanged').toBe(version);
  const rec = await w.record();
  expect(rec.errorCode, rec.lastError).toBe(code);
  expect(rec.lastError).toMatch(details);
  const view = (await w.sync.list())[0];
  expect(view.error?.message).toBe(`syncErr${code} @ publisher.example`);
  expect(view.error?.details).toBe(rec.lastError);
}

beforeEach(async () => {
  w = await world();
});
afterEach(() => w.close());

describe('subscribing', () => {
  it('previews the index and its key fingerprint without pinning or installing anything', async () => {
    await w.publish(1);
    const p = await w.sync.preview(w.indexUrl);
    expect(p).toMatchObject({ packId: 'river-desk', version: 1, keyId: w.signer.keyId, site: 'publisher.example', keyFromUrl: false });
    expect(p.fingerprint).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    expect(await w.db.subscriptions.count()).toBe(0);
    expect(await w.installed()).toBeNull();
    await expect(w.sync.subscribe(w.indexUrl)).rejects.toThrow(/fingerprint/);
  });

  it('installs v1, records the rollback floor, and answers an unchanged index with a 304', async () => {
    await subscribed();
    const rec = await w.record();
    expect(rec).toMatchObject({ version: 1, failures: 0, pinnedKey: w.signer.keyId, floor: { version: 1, published: new Date(T0).toISOString() } });
    expect(await w.installed()).toEqual({ version: 1, subscription: w.indexUrl });
    w.clock.now += 7 * HOUR;
    const before = w.requests.length;
    await w.sync.syncDue();
    expect(w.requests.slice(before)).toEqual([w.indexUrl]);
    expect((await w.record()).lastSuccess).toBe(new Date(w.clock.now).toISOString());
  });

  it('a 304 does not extend an index that has expired', async () => {
    await subscribed();
    w.clock.now += 31 * 24 * HOUR;
    await w.sync.syncNow(w.indexUrl);
    await refused('Expired', /expired on/, 1);
  });

  it('takes a delta when one fits, the full payload otherwise', async () => {
    await subscribed();
    w.clock.now += HOUR;
    await w.publish(2, ['Multan', 'Skardu']);
    const before = w.requests.length;
    await w.sync.syncNow(w.indexUrl);
    expect(w.requests.slice(before).map((u) => u.replace(`${w.origin}/river/`, ''))).toEqual(['index.json', 'deltas/1-2.json']);
    expect(await w.cardText('Skardu')).toMatch(/v2/);
  });
});

describe('backoff and Retry-After', () => {
  it('records each failure before fetching, doubles the delay per failure, and resets on success', async () => {
    await subscribed();
    w.routes.set(w.indexUrl, () => new Response('oops', { status: 500 }));
    w.setRandom(0);
    const delays: number[] = [];
    for (let n = 1; n <= 3; n++) {
      const at = w.clock.now;
      await w.sync.syncNow(w.indexUrl);
      const rec = await w.record();
      expect(rec.failures).toBe(n);
      delays.push(Date.parse(rec.retryAt as string) - at);
      expect(w.scheduled.at(-1)).toBe(Math.max(Date.parse(rec.retryAt as string), w.clock.now + 30_000));
      w.clock.now += 10 * 60_000;
    }
    expect(delays).toEqual([1, 2, 3].map((n) => backoffMs(n, 0, 6 * HOUR)));
    await refused('Http', /HTTP 500/, 1);
    // Not due yet: the alarm does nothing before retryAt.
    const rec = await w.record();
    w.clock.now = Date.parse(rec.retryAt as string) - 1;
    const before = w.requests.length;
    await w.sync.syncDue();
    expect(w.requests.length).toBe(before);
    w.restoreIndex();
    w.clock.now += 2;
    await w.sync.syncDue();
    expect(await w.record()).toMatchObject({ failures: 0, retryAt: undefined, lastError: undefined, errorCode: undefined });
  });

  it('waits at least as long as Retry-After (seconds or a date), but never beyond its cap', async () => {
    await subscribed();
    for (const [header, wait] of [
      ['900', 900_000],
      [new Date(w.clock.now + 2 * HOUR).toUTCString(), 2 * HOUR],
      ['99999999', SYNC_LIMITS.retryAfterCapMs],
    ] as const) {
      w.routes.set(w.indexUrl, () => new Response(null, { status: 429, headers: { 'retry-after': header } }));
      await w.sync.syncNow(w.indexUrl);
      const rec = await w.record();
      expect(rec.errorCode).toBe('Busy');
      expect(Date.parse(rec.retryAt as string) - w.clock.now).toBeGreaterThanOrEqual(wait);
    }
  });

  it('a time budget per sync: a host that used it up on the index gets no payload request', async () => {
    await subscribed();
    await w.publish(2);
    const serveIndex = w.routes.get(w.indexUrl);
    w.routes.set(w.indexUrl, (req) => {
      w.clock.now += SYNC_LIMITS.syncBudgetMs + 1;
      return serveIndex?.(req) as Response;
    });
    const before = w.requests.length;
    await w.sync.syncNow(w.indexUrl);
    expect(w.requests.length - before).toBe(1);
    await refused('Unreachable', /time budget/, 1);
  });

  it('schedules subscriptions independently: a stalled host does not hold up another', async () => {
    await subscribed();
    const other = `${w.origin}/other/index.json`;
    const stalled = hangingBody(new Uint8Array([0x7b]));
    w.routes.set(other, () => new Response(stalled.stream, { status: 200 }));
    await w.db.subscriptions.put({ url: other, added: new Date(T0).toISOString(), pinnedKey: w.signer.keyId, failures: 0 });
    w.clock.now += 7 * HOUR;
    await w.publish(2);
    const all = w.sync.syncDue(true);
    await expect.poll(async () => (await w.installed())?.version, { timeout: 5_000 }).toBe(2);
    stalled.release();
    await all;
    expect((await w.db.subscriptions.get(other))?.errorCode).toBe('Unreachable');
  });
});

describe('attacks on the update channel', () => {
  it('a redirect to another origin is not followed', async () => {
    await subscribed();
    w.clock.now += HOUR;
    await w.publish(2);
    const good = w.routes.get(w.indexUrl);
    if (good) w.routes.set('https://mirror.attacker.example/index.json', good);
    w.routes.set(w.indexUrl, () => new Response(null, { status: 302, headers: { location: 'https://mirror.attacker.example/index.json' } }));
    await w.sync.syncNow(w.indexUrl);
    expect(w.requests).not.toContain('https://mirror.attacker.example/index.json');
    await refused('Redirect', /does not follow redirects/, 1);
  });

  it('a redirect to a private address is not followed, and private addresses are refused outright', async () => {
    await subscribed();
    w.routes.set(w.indexUrl, () => new Response(null, { status: 301, headers: { location: 'https://192.168.1.1/admin' } }));
    await w.sync.syncNow(w.indexUrl);
    expect(w.requests).not.toContain('https://192.168.1.1/admin');
    await refused('Redirect', /192\.168\.1\.1/, 1);
    await expect(w.sync.preview('https://10.1.2.3/index.json')).rejects.toThrow(/private or local network/);
    await expect(w.sync.preview('https://[fd00::1]/index.json')).rejects.toThrow(/private or local network/);
  });

  it('an absolute payload URL on another origin is refused, even when signed', async () => {
    await subscribed();
    w.clock.now += HOUR;
    const v2 = await w.publish(2);
    const bytes = readFileSync(path.join(w.site, 'v2/pack.json'));
    w.routes.set('https://cdn.attacker.example/v2.json', () => new Response(bytes, { status: 200 }));
    w.serveIndex(await w.resign({ full: { ...v2.signed.full, url: 'https://cdn.attacker.example/v2.json' }, deltas: [] }));
    await w.sync.syncNow(w.indexUrl);
    expect(w.requests).not.toContain('https://cdn.attacker.example/v2.json');
    await refused('OtherOrigin', /cdn\.attacker\.example/, 1);
  });

  it('a key change: refused without a rotation, accepted with one signed by the pinned key', async () => {
    await subscribed();
    const next = await newSigner();
    w.clock.now += HOUR;
    // Unsigned change: an index by a key the reader never pinned.
    w.serveIndex(await w.resign({ version: 2, keyId: next.keyId }, next));
    await w.sync.syncNow(w.indexUrl);
    await refused('KeyChanged', /signing key changed/, 1);
    // A rotation the pinned key signed: the new key takes over and is pinned.
    const link = await signRotation(w.signer.keyId, w.signer.key, next.keyId);
    await w.publish(2, ['Multan', 'Skardu'], { signer: next, rotations: [link] });
    await w.sync.syncNow(w.indexUrl);
    expect(await w.record()).toMatchObject({ pinnedKey: next.keyId, version: 2, failures: 0 });
    expect(await w.installed()).toEqual({ version: 2, subscription: w.indexUrl });
  });

  it('a forged rotation (not signed by the pinned key) is refused', async () => {
    await subscribed();
    const thief = await newSigner();
    const forged = await signRotation(w.signer.keyId, thief.key, thief.keyId);
    const doc = await w.resign({ version: 2, keyId: thief.keyId }, thief);
    w.serveIndex({ ...doc, rotations: [forged] });
    await w.sync.syncNow(w.indexUrl);
    await refused('KeyChanged', /signing key changed/, 1);
  });

  it('recovery after a key change: re-subscribing with #key= re-pins and adopts the installed pack', async () => {
    await subscribed();
    const next = await newSigner();
    w.clock.now += HOUR;
    w.serveIndex(await w.resign({ keyId: next.keyId, published: new Date(w.clock.now).toISOString() }, next));
    await w.sync.syncNow(w.indexUrl);
    await refused('KeyChanged', /signing key changed/, 1);
    // A wrong key out of band does not verify: the old pin stays.
    const wrong = await newSigner();
    await expect(w.sync.subscribe(`${w.indexUrl}#key=${wrong.keyId}`)).rejects.toThrow(/syncErrKeyChanged/);
    expect((await w.record()).pinnedKey).toBe(w.signer.keyId);
    // The publisher's real new key, obtained out of band.
    await w.sync.subscribe(`${w.indexUrl}#key=${next.keyId}`);
    expect(await w.record()).toMatchObject({ pinnedKey: next.keyId, failures: 0, version: 1 });
    expect(await w.installed()).toEqual({ version: 1, subscription: w.indexUrl });
    // The same, after following the old advice to unsubscribe first.
    await w.sync.unsubscribe(w.indexUrl);
    expect(await w.installed()).toEqual({ version: 1, subscription: undefined });
    await w.sync.subscribe(`${w.indexUrl}#key=${next.keyId}`);
    expect(await w.installed()).toEqual({ version: 1, subscription: w.indexUrl });
  });

  it('a replay after removal does not reinstall the old version', async () => {
    await subscribed();
    w.clock.now += HOUR;
    await w.publish(2);
    await w.sync.syncNow(w.indexUrl);
    expect((await w.installed())?.version).toBe(2);
    await w.service.remove('river-desk');
    w.serveIndex(w.indexes.get(1) as string);
    w.clock.now += 7 * HOUR;
    const before = w.requests.length;
    await w.sync.syncDue(true);
    expect(await w.installed(), 'the replayed v1 is not installed').toBeNull();
    expect(w.requests.length, 'a paused subscription is not synced').toBe(before);
    expect((await w.sync.list())[0]).toMatchObject({ paused: true, nextSync: undefined });
    // Resumed by the reader: the floor (v2) still refuses v1.
    await w.sync.syncNow(w.indexUrl);
    await refused('Rollback', /older than version 2/, null);
    // The real current index reinstalls v2.
    w.restoreIndex();
    await w.sync.syncNow(w.indexUrl);
    expect((await w.installed())?.version).toBe(2);
  });

  it('an index re-signed with an earlier publication date is refused (published only moves forward)', async () => {
    await subscribed();
    w.serveIndex(await w.resign({ published: new Date(T0 - 24 * HOUR).toISOString() }));
    await w.sync.syncNow(w.indexUrl);
    await refused('Rollback', /before the index already seen/, 1);
  });

  it('a file import over a subscribed pack is refused', async () => {
    await subscribed();
    const r = await w.service.import(JSON.stringify(riverPack(5, ['Multan', 'Peshawar'])));
    expect(r.ok ? 'accepted' : r.error).toMatch(/kept up to date by your subscription to publisher\.example.*nothing was changed/);
    expect(await w.installed()).toEqual({ version: 1, subscription: w.indexUrl });
    // After unsubscribing the file is accepted, and the subscription cannot take that pack back.
    await w.sync.unsubscribe(w.indexUrl);
    expect((await w.service.import(JSON.stringify(riverPack(5, ['Multan'])))).ok).toBe(true);
    w.clock.now += HOUR;
    await w.publish(6);
    await expect(w.sync.subscribe(w.indexUrl, w.signer.keyId)).rejects.toThrow(/syncErrConflict/);
    expect(await w.installed()).toEqual({ version: 5, subscription: undefined });
  });

  it('a MAX_VALUE version does not freeze updates', async () => {
    await subscribed();
    w.clock.now += HOUR;
    for (const huge of [Number.MAX_VALUE, Number.MAX_SAFE_INTEGER, SYNC_LIMITS.maxVersion + 1]) {
      // A complete, consistently signed release with that version: index, payload and hash agree.
      const text = JSON.stringify(riverPack(huge, ['Multan']));
      w.writeSiteFile('huge.json', text);
      w.serveIndex(await w.resign({ version: huge, full: { url: 'huge.json', bytes: utf8(text).length, sha256: await sha256Hex(utf8(text)) }, deltas: [] }));
      await w.sync.syncNow(w.indexUrl);
      await refused('Invalid', /version/, 1);
    }
    await w.publish(2);
    await w.sync.syncNow(w.indexUrl);
    expect((await w.installed())?.version).toBe(2);
  });

  it('an expiry far in the future is refused', async () => {
    await subscribed();
    w.clock.now += HOUR;
    await w.publish(2);
    w.serveIndex(await w.resign({ expires: '2099-01-01T00:00:00.000Z' }));
    await w.sync.syncNow(w.indexUrl);
    await refused('Lifetime', /longer than the 90 days/, 1);
    w.serveIndex(await w.resign({ published: '2099-01-01T00:00:00.000Z', expires: '2099-02-01T00:00:00.000Z' }));
    await w.sync.syncNow(w.indexUrl);
    await refused('Lifetime', /in the future/, 1);
  });

  it('a worker killed mid-download has already recorded the failure and backs off', async () => {
    await subscribed();
    w.clock.now += 7 * HOUR;
    await w.publish(2);
    const stalled: ReturnType<typeof hangingBody>[] = [];
    for (const rel of ['deltas/1-2.json', 'v2/pack.json']) {
      w.routes.set(`${w.origin}/river/${rel}`, () => {
        const body = hangingBody(new Uint8Array([0x7b, 0x22]));
        stalled.push(body);
        return new Response(body.stream, { status: 200 });
      });
    }
    const dying = w.sync.syncDue();
    await expect.poll(() => stalled.length).toBe(1);
    // The worker is gone: a fresh one starts from what the database says.
    const restarted = w.makeSync();
    const rec = await w.record();
    expect(rec).toMatchObject({ failures: 1, errorCode: 'Interrupted' });
    expect(Date.parse(rec.retryAt as string)).toBeGreaterThan(w.clock.now);
    const before = w.requests.length;
    await restarted.syncDue();
    expect(w.requests.length, 'the restarted worker waits for the backoff').toBe(before);
    expect((await restarted.list())[0].error?.message).toBe('syncErrInterrupted @ publisher.example');
    expect((await w.installed())?.version).toBe(1);
    for (const s of stalled) s.release();
    await dying;
  });

  it('a payload bigger than the sync cap is not even requested', async () => {
    await subscribed();
    w.clock.now += HOUR;
    const v2 = await w.publish(2);
    w.serveIndex(await w.resign({ full: { ...v2.signed.full, bytes: SYNC_LIMITS.payloadBytes + 1 }, deltas: [] }));
    const before = w.requests.length;
    await w.sync.syncNow(w.indexUrl);
    expect(w.requests.length - before).toBe(1);
    await refused('TooBig', /MB Backstory accepts from a subscription/, 1);
  });

  it('a signed payload that is another pack or version than the index promised is refused before the switch', async () => {
    await subscribed();
    w.clock.now += HOUR;
    await w.publish(2);
    // Correctly hashed and signed, but the bytes hold version 3 while the index says 2.
    const text = JSON.stringify(riverPack(3, ['Multan', 'Hunza']));
    w.writeSiteFile('other.json', text);
    w.serveIndex(await w.resign({ full: { url: 'other.json', bytes: utf8(text).length, sha256: await sha256Hex(utf8(text)) }, deltas: [] }));
    await w.sync.syncNow(w.indexUrl);
    await refused('Invalid', /river-desk v3, but the signed index promised river-desk v2/, 1);
    expect(await w.cardText('Hunza')).toBeNull();
  });

  it('a signed payload that is not a valid pack (bad item, cut JSON, not UTF-8) changes nothing', async () => {
    await subscribed();
    const pack = riverPack(2, ['Multan', 'Hunza']) as { entities: Record<string, unknown>[] };
    pack.entities[1].type = 'planet';
    const good = JSON.stringify(riverPack(2, ['Multan', 'Hunza']));
    const payloads: [Uint8Array, RegExp][] = [
      [utf8(JSON.stringify(pack)), /entities\[1\]\.type/],
      [utf8(good.slice(0, -40)), /not valid JSON \(the file ends in the middle/],
      [Uint8Array.from([...utf8(good.slice(0, 60)), 0xff, 0xfe, ...utf8(good.slice(60))]), /not UTF-8/],
    ];
    for (const [bytes, why] of payloads) {
      w.clock.now += 2 * 24 * HOUR;
      w.writeSiteFile('bad.json', bytes);
      w.serveIndex(await w.resign({ version: 2, full: { url: 'bad.json', bytes: bytes.length, sha256: await sha256Hex(bytes) }, deltas: [] }));
      await w.sync.syncNow(w.indexUrl);
      await refused('Invalid', why, 1);
    }
    expect(await w.cardText('Hunza')).toBeNull();
  });

  it('signed JSON with a repeated key is refused', async () => {
    await subscribed();
    const text = w.indexes.get(1) as string;
    w.serveIndex(text.replace('"packId"', '"version": 99, "packId"'));
    await w.sync.syncNow(w.indexUrl);
    await refused('NotIndex', /appears twice/, 1);
  });
});

describe('the remaining branches of backoff, Retry-After, 304 and expiry', () => {
  /** The delay the last failed sync chose, from the clock at its start. */
  async function delayAfterSync(): Promise<number> {
    const at = w.clock.now;
    await w.sync.syncNow(w.indexUrl);
    const rec = await w.record();
    return Date.parse(rec.retryAt as string) - at;
  }

  it('503 is "busy" too; an unreadable or past Retry-After, or one shorter than the backoff, leaves the backoff', async () => {
    await subscribed();
    w.setRandom(0);
    const cases: [number, string | null][] = [
      [503, 'soon'],
      [429, new Date(w.clock.now - HOUR).toUTCString()],
      [429, '1'],
      [503, null],
    ];
    for (const [n, [status, header]] of cases.entries()) {
      w.routes.set(w.indexUrl, () => new Response(null, { status, headers: header === null ? {} : { 'retry-after': header } }));
      expect(await delayAfterSync()).toBe(backoffMs(n + 1, 0, 6 * HOUR));
      expect((await w.record()).errorCode).toBe('Busy');
    }
    expect((await w.record()).lastError).toMatch(/HTTP 503 \(the server asked to slow down\)/);
    expect((await w.installed())?.version).toBe(1);
  });

  it('a missing index is an HTTP failure that says "not found"', async () => {
    await subscribed();
    w.routes.delete(w.indexUrl);
    await w.sync.syncNow(w.indexUrl);
    await refused('Http', /HTTP 404 \(not found\)/, 1);
  });

  it('the backoff never exceeds the sync interval the reader chose', async () => {
    await subscribed();
    await w.service.updateSettings({ syncHours: 1 });
    w.setRandom(0.999);
    await w.db.subscriptions.update(w.indexUrl, { failures: 40 });
    w.routes.set(w.indexUrl, () => new Response('down', { status: 500 }));
    const delay = await delayAfterSync();
    expect(delay).toBeLessThanOrEqual(HOUR);
    expect(delay).toBe(backoffMs(41, 0.999, HOUR));
    expect((await w.record()).failures).toBe(41);
  });

  it('after a success the next sync is due one interval later; the alarm is set for it', async () => {
    await subscribed();
    const rec = await w.record();
    expect(rec.lastSuccess).toBe(new Date(T0).toISOString());
    expect(w.scheduled.at(-1)).toBe(T0 + 6 * HOUR);
    expect((await w.sync.list())[0].nextSync).toBe(new Date(T0 + 6 * HOUR).toISOString());
  });

  it('a 304 is only accepted for a conditional request with a complete record', async () => {
    await subscribed();
    // Backstory sent no If-None-Match (no ETag kept): a 304 is just an odd status.
    await w.db.subscriptions.update(w.indexUrl, { etag: undefined });
    w.routes.set(w.indexUrl, () => new Response(null, { status: 304 }));
    await w.sync.syncNow(w.indexUrl);
    await refused('Http', /HTTP 304/, 1);
    // A conditional request, but the record lacks what a 304 would keep (a record from an old version).
    await w.db.subscriptions.update(w.indexUrl, { etag: '"e"', expires: undefined });
    await w.sync.syncNow(w.indexUrl);
    await refused('NotIndex', /did not make conditional/, 1);
  });

  it('an expired index served in full (a frozen mirror) is refused and the installed version kept', async () => {
    await subscribed();
    w.clock.now += 31 * 24 * HOUR;
    // No ETag match: the server sends the old index with a 200.
    await w.db.subscriptions.update(w.indexUrl, { etag: '"other"' });
    await w.sync.syncNow(w.indexUrl);
    await refused('Expired', /expired on/, 1);
  });

  it('a network error is recorded as unreachable with its backoff', async () => {
    await subscribed();
    w.setRandom(0);
    w.routes.set(w.indexUrl, () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await delayAfterSync()).toBe(backoffMs(1, 0, 6 * HOUR));
    await refused('Unreachable', /Failed to fetch/, 1);
  });

  it('unsubscribing during a sync leaves no record behind', async () => {
    await subscribed();
    await w.publish(2);
    const serve = w.routes.get(w.indexUrl);
    w.routes.set(w.indexUrl, async (req) => {
      await w.sync.unsubscribe(w.indexUrl);
      return serve?.(req) as Response;
    });
    await w.sync.syncNow(w.indexUrl);
    expect(await w.db.subscriptions.get(w.indexUrl)).toBeUndefined();
  });
});
