/**
 * A publisher's site misbehaving in every way we know of. In each case the installed version
 * keeps working, the error is shown, and the next good sync installs the new version.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import type http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { generatePublisherKeys, loadPublisherKey } from '../../src/cli/publisher-keys';
import { publishVersion } from '../../src/cli/site-publisher';
import { type IndexDocument, signIndex } from '../../src/core/sync-index';
import { type Browser, launch, type Server, serve } from './harness';
import { riverPack, type Site, serveSite } from './publisher-site';
import { cardFor, openSubscriptions, readRow, subscribe, subscriptionRow, syncNow } from './subscription-ui';

describe('sync faults against a local publisher site', () => {
  let b: Browser;
  let pages: Server;
  let site: Site;
  let page: Page;
  let signer: { key: CryptoKey; keyId: string };
  let stranger: { key: CryptoKey; keyId: string };
  const work = mkdtempSync(path.join(tmpdir(), 'backstory-faults-'));
  const indexes = new Map<number, string>();
  let version = 0;

  const publishNext = async () => {
    version++;
    await publishVersion(riverPack(version, ['Multan', 'Skardu']) as never, { ...signer, site: site.dir });
    indexes.set(version, readFileSync(path.join(site.dir, 'index.json'), 'utf8'));
    return version;
  };
  const currentIndex = () => JSON.parse(indexes.get(version) as string) as IndexDocument;
  const payloadPaths = (from: number, to: number) => [`deltas/${from}-${to}.json`, `v${to}/pack.json`];
  const fileOf = (p: string) => readFileSync(path.join(site.dir, p));
  const json =
    (body: string): http.RequestListener =>
    (_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(body);
    };

  /** Publish the next version, break the site with `fault`, sync, then repair it and sync again. */
  async function faultThenRecovery(
    fault: (next: number, installed: number) => void | Promise<void>,
    expected: RegExp,
    check?: (r: Awaited<ReturnType<typeof syncNow>>) => void | Promise<void>,
  ) {
    const installed = version;
    const next = await publishNext();
    await fault(next, installed);
    try {
      const bad = await syncNow(page);
      assert.match(`${bad.alert} ${bad.pageAlert}`, expected);
      await subscriptionRow(page).locator('.version').waitFor();
      assert.equal((await subscriptionRow(page).locator('.version').textContent())?.trim(), `v${installed}`);
      await check?.(bad);
      assert.match((await cardFor(b, pages.url, 'Multan'))?.text ?? '', new RegExp(`river pack v${installed}\\b`), 'the installed version keeps working');
    } finally {
      for (const p of ['index.json', 'moved/index.json', ...payloadPaths(installed, next)]) site.override(p, null);
    }
    const good = await syncNow(page);
    assert.equal(good.alert, '', 'the next good sync succeeds');
    assert.equal(good.pageAlert, '');
    assert.equal(good.version, `v${next}`);
  }

  before(async () => {
    pages = await serve();
    site = await serveSite(path.join(work, 'site'));
    generatePublisherKeys(path.join(work, 'keys'));
    generatePublisherKeys(path.join(work, 'other'));
    signer = await loadPublisherKey(path.join(work, 'keys/publisher.key'));
    stranger = await loadPublisherKey(path.join(work, 'other/publisher.key'));
    // A name that resolves to this machine, reached over plain HTTP: the "redirect to http" case.
    b = await launch({ args: [`--host-resolver-rules=MAP publisher.test 127.0.0.1`] });
    await publishNext();
    page = await openSubscriptions(b);
    const r = await subscribe(page, `${site.url}/index.json`);
    assert.equal(r.alert, '');
  });
  after(async () => {
    await b?.close();
    pages?.close();
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

  it('a payload with the wrong hash', () =>
    faultThenRecovery((next, installed) => {
      for (const p of payloadPaths(installed, next)) {
        const bytes = Buffer.from(fileOf(p));
        bytes[bytes.length >> 1] ^= 0x01;
        site.override(p, (_q, s) => s.writeHead(200, { 'content-length': bytes.length }).end(bytes));
      }
    }, /SHA-256/));

  it('a bad signature', () =>
    faultThenRecovery(() => {
      const doc = currentIndex();
      doc.signed.title = 'River desk (edited in transit)';
      site.override('index.json', json(JSON.stringify(doc)));
    }, /signature does not verify/));

  it('a replayed older signed index', () =>
    faultThenRecovery((_next, installed) => site.override('index.json', json(indexes.get(installed - 1) as string)), /rollback refused/));

  it('an expired index (frozen)', () =>
    faultThenRecovery(async () => {
      const doc = currentIndex();
      const stale = await signIndex({ ...doc.signed, expires: new Date(Date.now() - 60_000).toISOString() }, signer.key);
      site.override('index.json', json(JSON.stringify(stale)));
    }, /expired/));

  it('a redirect to plain http', () =>
    faultThenRecovery(() => {
      const port = new URL(site.url).port;
      site.override('moved/index.json', json(indexes.get(version) as string));
      site.override('index.json', (_q, s) => s.writeHead(302, { location: `http://publisher.test:${port}/moved/index.json` }).end());
    }, /does not follow redirects/));

  it('a redirect to another origin on this computer', () =>
    faultThenRecovery(() => {
      const port = new URL(site.url).port;
      site.override('moved/index.json', json(indexes.get(version) as string));
      site.override('index.json', (_q, s) => s.writeHead(302, { location: `http://localhost:${port}/moved/index.json` }).end());
    }, /another address.*does not follow redirects/s));

  it('a redirect to a private network address', () =>
    faultThenRecovery(() => {
      site.override('index.json', (_q, s) => s.writeHead(307, { location: 'https://192.168.1.1/index.json' }).end());
    }, /another address.*does not follow redirects/s));

  it('a signed absolute payload URL on another origin', () =>
    faultThenRecovery(async (next) => {
      const doc = currentIndex();
      const port = new URL(site.url).port;
      const moved = { ...doc.signed.full, url: `http://localhost:${port}/v${next}/pack.json` };
      site.override('index.json', json(JSON.stringify(await signIndex({ ...doc.signed, full: moved, deltas: [] }, signer.key))));
    }, /files on another site.*only downloads from the index's own site/s));

  it('a signed MAX_VALUE version', () =>
    faultThenRecovery(async () => {
      const doc = currentIndex();
      site.override('index.json', json(JSON.stringify(await signIndex({ ...doc.signed, version: Number.MAX_VALUE }, signer.key))));
    }, /malformed.*version/s));

  it('a signed expiry far in the future', () =>
    faultThenRecovery(async () => {
      const doc = currentIndex();
      site.override('index.json', json(JSON.stringify(await signIndex({ ...doc.signed, expires: '2099-01-01T00:00:00.000Z' }, signer.key))));
    }, /impossible dates.*longer than the 90 days/s));

  it('a change of publisher key', () =>
    faultThenRecovery(async () => {
      const doc = currentIndex();
      const other = await signIndex({ ...doc.signed, keyId: stranger.keyId }, stranger.key);
      site.override('index.json', json(JSON.stringify(other)));
    }, /signing key changed/));

  it('the worker stopped mid-download', () =>
    faultThenRecovery(
      (next, installed) => {
        let stopped = false;
        for (const p of payloadPaths(installed, next)) {
          const bytes = fileOf(p);
          site.override(p, async (_q, s) => {
            s.writeHead(200, { 'content-length': bytes.length });
            // Stop the worker once half the body has been handed to the network, mid-download.
            await new Promise<void>((sent) => s.write(bytes.subarray(0, bytes.length >> 1), () => sent()));
            if (stopped) return;
            stopped = true;
            const cdp = await b.context.newCDPSession(page);
            await cdp.send('ServiceWorker.enable');
            await cdp.send('ServiceWorker.stopAllWorkers');
            await cdp.detach();
          });
        }
      },
      /Backstory's background worker is unreachable|Backstory did not answer \(no reply from the background worker\)|stopped before it finished/,
      async () => {
        // The failure and its backoff were written before the download began: a reader who opens
        // the page again sees why, and the next try waits instead of hammering the host.
        await page.reload();
        const row = subscriptionRow(page);
        await row.getByRole('alert').waitFor();
        const state = await readRow(page);
        assert.match(state.alert, /stopped before it finished.*nothing was changed/s);
        assert.ok(state.nextSync && Date.parse(state.nextSync) > Date.now(), `a retry is scheduled after a backoff, got ${state.nextSync}`);
      },
    ));

  it('recovery after a key change: subscribing again with the new #key= keeps the installed pack', async () => {
    const installed = version;
    const doc = currentIndex();
    site.override('index.json', json(JSON.stringify(await signIndex({ ...doc.signed, keyId: stranger.keyId }, stranger.key))));
    const bad = await syncNow(page);
    assert.match(bad.alert, /signed with a different key.*nothing was changed/s);
    const r = await subscribe(page, `${site.url}/index.json#key=${stranger.keyId}`);
    assert.equal(r.alert, '');
    assert.match(r.status, /Subscribed/);
    assert.equal((await subscriptionRow(page).locator('.version').textContent())?.trim(), `v${installed}`, 'the installed pack was adopted, not replaced');
    assert.match((await cardFor(b, pages.url, 'Multan'))?.text ?? '', new RegExp(`river pack v${installed}\\b`));
    site.override('index.json', null);
  });
});
