/**
 * A publisher's site misbehaving: HTTP errors, payloads cut short, never ending or dripping. In
 * each case the installed version keeps working, the error is shown, and the next good sync
 * installs the new version. The attacks (off-origin redirects and payloads, a redirect to plain
 * HTTP, tampering, replay, freeze, key change, a worker stopped mid-download) run in both
 * browsers in sync-attacks.spec.ts.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { generatePublisherKeys, loadPublisherKey } from '../../src/cli/publisher-keys';
import { signIndex } from '../../src/core/sync-index';
import type { Tab } from '../shared/driver';
import { cardFor as cardIn, openSubscriptions, type Row, readRow, said, subscribe, syncNow } from '../shared/subscriptions';
import { inEachBrowser } from './browsers';
import { jsonBody, RiverPublisher, type Site, serveSite } from './publisher-site';

inEachBrowser('sync faults against a local publisher site', (env) => {
  let site: Site;
  let page: Tab;
  let signer: { key: CryptoKey; keyId: string };
  let stranger: { key: CryptoKey; keyId: string };
  const work = mkdtempSync(path.join(tmpdir(), 'backstory-faults-'));
  let pub: RiverPublisher;
  const json = jsonBody;
  const payloadPaths = (from: number, to: number) => pub.payloadPaths(from, to);
  const fileOf = (p: string) => pub.fileOf(p);
  const cardFor = (name: string) => cardIn(env.d, env.url, name);

  /** Publish the next version, break the site with `fault`, sync, then repair it and sync again. */
  async function faultThenRecovery(
    fault: (next: number, installed: number) => void | Promise<void>,
    expected: RegExp,
    check?: (r: Row) => void | Promise<void>,
  ) {
    const installed = pub.version;
    const next = await pub.publishNext();
    await fault(next, installed);
    try {
      const bad = await syncNow(page);
      assert.match(said(bad), expected);
      assert.equal(bad.version, `v${installed}`);
      await check?.(bad);
      assert.match((await cardFor('Multan'))?.text ?? '', new RegExp(`river pack v${installed}\\b`), 'the installed version keeps working');
    } finally {
      for (const p of ['index.json', 'moved/index.json', ...payloadPaths(installed, next)]) site.override(p, null);
    }
    const good = await syncNow(page);
    assert.equal(good.alert, '', 'the next good sync succeeds');
    assert.equal(good.pageAlert, '');
    assert.equal(good.version, `v${next}`);
  }

  before(async () => {
    site = await serveSite(path.join(work, 'site'));
    generatePublisherKeys(path.join(work, 'keys'));
    generatePublisherKeys(path.join(work, 'other'));
    signer = await loadPublisherKey(path.join(work, 'keys/publisher.key'));
    stranger = await loadPublisherKey(path.join(work, 'other/publisher.key'));
    pub = new RiverPublisher(site, signer);
    await pub.publishNext();
    page = await openSubscriptions(env.d);
    const r = await subscribe(page, `${site.url}/index.json`);
    assert.equal(r.alert, '');
  });
  after(async () => {
    await page?.close();
    site?.close();
  });

  it('404 on the index', () => faultThenRecovery(() => site.override('index.json', (_q, s) => s.writeHead(404).end()), /HTTP 404/));

  it('500 on the index', () => faultThenRecovery(() => site.override('index.json', (_q, s) => s.writeHead(500).end('oops')), /HTTP 500/));

  it('429 with Retry-After: the next scheduled try waits at least that long', () =>
    faultThenRecovery(
      () => site.override('index.json', (_q, s) => s.writeHead(429, { 'retry-after': '900' }).end()),
      /HTTP 429/,
      (r) => assert.ok(r.nextSync && Date.parse(r.nextSync) >= Date.now() + 800_000, `next sync honours Retry-After, got ${r.nextSync}`),
    ));

  it('a truncated payload', () =>
    faultThenRecovery((next, installed) => {
      for (const p of payloadPaths(installed, next)) {
        const bytes = fileOf(p);
        site.override(p, (_q, s) => {
          s.writeHead(200, { 'content-type': 'application/json' });
          s.end(bytes.subarray(0, bytes.length >> 1));
        });
      }
    }, /cut short/));

  it('a payload that never ends', () =>
    faultThenRecovery((next, installed) => {
      for (const p of payloadPaths(installed, next)) {
        const bytes = fileOf(p);
        site.override(p, (_q, s) => {
          s.writeHead(200, { 'content-length': bytes.length });
          s.write(bytes.subarray(0, 10));
        });
      }
    }, /did not finish sending/));

  it('a slow drip', () =>
    faultThenRecovery((next, installed) => {
      for (const p of payloadPaths(installed, next)) {
        const bytes = fileOf(p);
        site.override(p, (_q, s) => {
          s.writeHead(200, { 'content-length': bytes.length });
          let i = 0;
          const t = setInterval(() => (i < bytes.length && !s.destroyed ? s.write(bytes.subarray(i, ++i)) : clearInterval(t)), 100);
          s.on('close', () => clearInterval(t));
        });
      }
    }, /did not finish sending/));

  it('recovery after a key change: subscribing again with the new #key= keeps the installed pack', async () => {
    const installed = pub.version;
    site.override('index.json', json(JSON.stringify(await signIndex({ ...pub.signed(), keyId: stranger.keyId }, stranger.key))));
    const bad = await syncNow(page);
    assert.match(bad.alert, /signed with a different key.*nothing was changed/s);
    const r = await subscribe(page, `${site.url}/index.json#key=${stranger.keyId}`);
    assert.equal(r.alert, '');
    assert.match(r.status, /Subscribed/);
    assert.equal((await readRow(page)).version, `v${installed}`, 'the installed pack was adopted, not replaced');
    assert.match((await cardFor('Multan'))?.text ?? '', new RegExp(`river pack v${installed}\\b`));
    site.override('index.json', null);
  });
});
