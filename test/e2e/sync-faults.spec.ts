/**
 * A publisher's site misbehaving: HTTP errors, payloads cut short, never ending or dripping. In
 * each case the installed version keeps working, the error is shown, and the next good sync
 * installs the new version. The attacks (off-origin redirects and payloads, a redirect to plain
 * HTTP, tampering, replay, freeze, key change, a worker stopped mid-download) run in both
 * browsers in sync-attacks.spec.ts.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { signIndex } from '../../src/core/sync-index';
import { cardFor, type Row, readRow, subscribe, syncNow } from '../shared/subscriptions';
import { inEachBrowser } from './browsers';
import { jsonBody as json } from './publisher-site';
import { faultThenRecovery, payloadsServedBy, subscribedRiver } from './river-subscription';

inEachBrowser('sync faults against a local publisher site', (env) => {
  const r = subscribedRiver(env, 'faults');
  const fail = (fault: (next: number, installed: number) => void | Promise<void>, expected: RegExp, check?: (bad: Row) => void) =>
    faultThenRecovery(env, r, fault, expected, { check });

  it('404 on the index', () => fail(() => r.site.override('index.json', (_q, s) => s.writeHead(404).end()), /HTTP 404/));

  it('500 on the index', () => fail(() => r.site.override('index.json', (_q, s) => s.writeHead(500).end('oops')), /HTTP 500/));

  it('429 with Retry-After: the next scheduled try waits at least that long', () =>
    fail(
      () => r.site.override('index.json', (_q, s) => s.writeHead(429, { 'retry-after': '900' }).end()),
      /HTTP 429/,
      (bad) => assert.ok(bad.nextSync && Date.parse(bad.nextSync) >= Date.now() + 800_000, `next sync honours Retry-After, got ${bad.nextSync}`),
    ));

  it('a truncated payload', () =>
    fail(
      payloadsServedBy(r, (bytes) => (_q, s) => {
        s.writeHead(200, { 'content-type': 'application/json' });
        s.end(bytes.subarray(0, bytes.length >> 1));
      }),
      /cut short/,
    ));

  it('a payload that never ends', () =>
    fail(
      payloadsServedBy(r, (bytes) => (_q, s) => {
        s.writeHead(200, { 'content-length': bytes.length });
        s.write(bytes.subarray(0, 10));
      }),
      /did not finish sending/,
    ));

  it('a slow drip', () =>
    fail(
      payloadsServedBy(r, (bytes) => (_q, s) => {
        s.writeHead(200, { 'content-length': bytes.length });
        let i = 0;
        const t = setInterval(() => (i < bytes.length && !s.destroyed ? s.write(bytes.subarray(i, ++i)) : clearInterval(t)), 100);
        s.on('close', () => clearInterval(t));
      }),
      /did not finish sending/,
    ));

  it('recovery after a key change: subscribing again with the new #key= keeps the installed pack', async () => {
    const installed = r.pub.version;
    r.site.override('index.json', json(JSON.stringify(await signIndex({ ...r.pub.signed(), keyId: r.stranger.keyId }, r.stranger.key))));
    const bad = await syncNow(r.options);
    assert.match(bad.alert, /signed with a different key.*nothing was changed/s);
    const again = await subscribe(r.options, `${r.site.url}/index.json#key=${r.stranger.keyId}`);
    assert.equal(again.alert, '');
    assert.match(again.status, /Subscribed/);
    assert.equal((await readRow(r.options)).version, `v${installed}`, 'the installed pack was adopted, not replaced');
    assert.match((await cardFor(env.d, env.url, 'Multan'))?.text ?? '', new RegExp(`river pack v${installed}\\b`));
    r.site.override('index.json', null);
  });
});
