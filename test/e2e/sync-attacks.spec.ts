/**
 * Attacks on the update channel (issue 15), driven through the options page as a reader would, in
 * any browser: the publisher's site (test/e2e/publisher-site.ts) is made to redirect off its
 * origin, point at payloads on another origin, tamper with the payload or the signed index,
 * replay an older index, freeze or stretch its expiry, inflate its version or change its key. In
 * each case the installed version keeps working, the subscription's row says why in a sentence
 * that names the site, and the next good sync installs the new version. Runs in Chromium and
 * Firefox through the one Driver (inEachBrowser); faults that are not attacks (HTTP errors, cut or
 * slow payloads) stay in sync-faults.spec.ts.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { type IndexDocument, signIndex } from '../../src/core/sync-index';
import { type Driver, type Tab, waitFor } from '../shared/driver';
import { cardFor, importRefused, press, readRow, removePack } from '../shared/subscriptions';
import { inEachBrowser } from './browsers';
import { jsonBody, riverPack } from './publisher-site';
import { faultThenRecovery as recovery, subscribedRiver } from './river-subscription';

const until = <T>(tab: Tab, probe: (arg: any) => T | null, arg?: unknown, ms = 30_000): Promise<T> => waitFor(tab, probe, arg, ms);

const json = jsonBody;

/** A second name for this machine, reached over plain HTTP (each browser resolves it to 127.0.0.1). */
const LOCAL_NAME = 'publisher.test';

/** The text of the card that opens when resting the mouse on `name` in the river article ("" if none). */
const cardText = async (d: Driver, articles: string, name: string): Promise<string> => (await cardFor(d, articles, name))?.text ?? '';

const openOptions = (d: Driver) => d.openExtensionPage('src/options/index.html');

inEachBrowser(
  'attacks on the update channel',
  (env) => {
    const r = subscribedRiver(env, 'attacks');
    const indexes = { get: (v: number) => r.pub.indexes.get(v) };
    const signed = () => r.pub.signed();
    const payloadPaths = (from: number, to: number) => r.pub.payloadPaths(from, to);
    const fileOf = (p: string) => r.pub.fileOf(p);
    const port = () => new URL(r.site.url).port;
    const resign = async (changes: Partial<IndexDocument['signed']>, by = r.signer) =>
      json(JSON.stringify(await signIndex({ ...signed(), ...changes }, by.key)));
    /** Each attack's sentence names the site and says nothing was changed (with `later`, checked there). */
    const faultThenRecovery = (fault: (next: number, installed: number) => void | Promise<void>, expected: RegExp, later?: () => Promise<void>) =>
      recovery(env, r, fault, expected, { saysWhere: !later, later });

    it('a redirect to another origin on this computer', () =>
      faultThenRecovery(() => {
        r.site.override('moved/index.json', json(indexes.get(r.pub.version) as string));
        r.site.override('index.json', (_q, s) => s.writeHead(302, { location: `http://localhost:${port()}/moved/index.json` }).end());
      }, /another address.*does not follow redirects/s));

    it('a redirect to plain http under another name', () =>
      faultThenRecovery(() => {
        r.site.override('moved/index.json', json(indexes.get(r.pub.version) as string));
        r.site.override('index.json', (_q, s) => s.writeHead(302, { location: `http://${LOCAL_NAME}:${port()}/moved/index.json` }).end());
      }, /another address.*does not follow redirects/s));

    it('a redirect to a private network address', () =>
      faultThenRecovery(
        () => r.site.override('index.json', (_q, s) => s.writeHead(307, { location: 'https://192.168.1.1/index.json' }).end()),
        /another address.*does not follow redirects/s,
      ));

    it('a signed absolute payload URL on another origin', () =>
      faultThenRecovery(async (next) => {
        r.site.override('index.json', await resign({ full: { ...signed().full, url: `http://localhost:${port()}/v${next}/pack.json` }, deltas: [] }));
      }, /files on another site.*only downloads from the index's own site/s));

    it('a tampered payload (one byte changed, same length)', () =>
      faultThenRecovery((next, installed) => {
        for (const p of payloadPaths(installed, next)) {
          const bytes = Buffer.from(fileOf(p));
          bytes[bytes.length >> 1] ^= 0x01;
          r.site.override(p, (_q, s) => s.writeHead(200, { 'content-length': bytes.length }).end(bytes));
        }
      }, /arrived incomplete or damaged.*SHA-256/s));

    it('a tampered index (edited after signing)', () =>
      faultThenRecovery(() => {
        const doc = JSON.parse(indexes.get(r.pub.version) as string) as IndexDocument;
        doc.signed.title = 'River desk (edited in transit)';
        r.site.override('index.json', json(JSON.stringify(doc)));
      }, /not signed by its publisher.*signature does not verify/s));

    it('a replayed older signed index (rollback)', () =>
      faultThenRecovery((_next, installed) => r.site.override('index.json', json(indexes.get(installed - 1) as string)), /older version.*rollback refused/s));

    it('an expired index (frozen)', () =>
      faultThenRecovery(
        async () => r.site.override('index.json', await resign({ expires: new Date(Date.now() - 60_000).toISOString() })),
        /out of date.*expired/s,
      ));

    it('a signed expiry far in the future', () =>
      faultThenRecovery(
        async () => r.site.override('index.json', await resign({ expires: '2099-01-01T00:00:00.000Z' })),
        /impossible dates.*longer than the 90 days/s,
      ));

    it('a signed MAX_VALUE version (a freeze of all later updates)', () =>
      faultThenRecovery(async () => r.site.override('index.json', await resign({ version: Number.MAX_VALUE })), /malformed.*version/s));

    it('a change of publisher key', () =>
      faultThenRecovery(
        async () => r.site.override('index.json', await resign({ keyId: r.stranger.keyId }, r.stranger)),
        /different key.*signing key changed/s,
      ));

    it('the worker stopped mid-download: the failure and its backoff were saved before the download', () =>
      faultThenRecovery(
        (next, installed) => {
          let stopped = false;
          for (const p of payloadPaths(installed, next)) {
            const bytes = fileOf(p);
            r.site.override(p, async (_q, s) => {
              s.writeHead(200, { 'content-length': bytes.length });
              s.write(bytes.subarray(0, bytes.length >> 1));
              if (stopped) return;
              stopped = true;
              await env.d.stopWorker();
            });
          }
        },
        /stopped before it finished|worker|closed|unreachable|did not answer/i,
        async () => {
          // A reader who opens the page again sees why, and the next try waits instead of hammering the host.
          await r.options.close();
          r.options = await openOptions(env.d);
          const state = await until(
            r.options,
            () => {
              const row = document.querySelector('.sub-list .sub');
              const alert = row?.querySelector('[role="alert"]')?.textContent ?? '';
              const next = [...(row?.querySelectorAll('dt') ?? [])].find((d) => d.textContent === 'Next check')?.nextElementSibling?.querySelector('time');
              return alert ? { alert, next: next?.getAttribute('datetime') ?? null } : null;
            },
            undefined,
            30_000,
          );
          assert.match(state.alert, /stopped before it finished.*nothing was changed/s);
          assert.ok(state.next && Date.parse(state.next) > Date.now(), `a retry is scheduled after a backoff, got ${state.next}`);
        },
      ));

    it('a file import over the subscribed pack is refused, and says why', async () => {
      const file = path.join(r.work, 'river-file.json');
      writeFileSync(file, JSON.stringify(riverPack(99, ['Multan', 'Gilgit'])));
      const why = await importRefused(r.options, file);
      assert.match(why, /127\.0\.0\.1.*nothing was changed/s);
      assert.equal((await readRow(r.options)).version, `v${r.pub.version}`);
      assert.match(await cardText(env.d, env.url, 'Multan'), new RegExp(`river pack v${r.pub.version}\\b`));
    });

    it('after the pack is removed (its subscription paused), a replayed older index is refused', async () => {
      const old = indexes.get(r.pub.version - 1) as string;
      await removePack(r.options, 'River desk');
      await until(r.options, () => (document.querySelector('.sub-list .sub')?.textContent?.includes('Paused: you removed this pack') ? true : null));
      r.site.override('index.json', json(old));
      try {
        await press(r.options, '.sub-list .sub .sub-buttons button', 'Resume');
        const alert = await until(r.options, () => document.querySelector('.sub-list .sub [role="alert"]')?.textContent || null, undefined, 60_000);
        assert.match(alert, /older version than one you already had.*nothing was changed/s);
        assert.equal(await cardText(env.d, env.url, 'Multan'), '', 'the old version was not installed again');
      } finally {
        r.site.override('index.json', null);
      }
    });
  },
  { localNames: [LOCAL_NAME] },
);
