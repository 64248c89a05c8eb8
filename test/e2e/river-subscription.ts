/**
 * A suite's subscription to the river publisher (test/e2e/publisher-site.ts): the site, its signer
 * and a stranger's key, v1 published and subscribed to on an options page that stays open; and the
 * fault-then-recovery step the sync specs (sync-faults, sync-attacks) repeat for each fault.
 */
import assert from 'node:assert/strict';
import type http from 'node:http';
import path from 'node:path';
import { after, before } from 'node:test';
import { generatePublisherKeys, loadPublisherKey } from '../../src/cli/publisher-keys';
import type { Tab } from '../shared/driver';
import { scratchDir } from '../shared/scratch';
import { cardFor, openSubscriptions, type Row, said, subscribe, syncNow } from '../shared/subscriptions';
import type { Env } from './browsers';
import { RiverPublisher, type Site, serveSite } from './publisher-site';

type Signer = { key: CryptoKey; keyId: string };

export interface RiverSubscription {
  /** Set once the suite's `before` has run. */
  site: Site;
  pub: RiverPublisher;
  signer: Signer;
  stranger: Signer;
  /** The options page, subscribed (a test may replace it with a fresh one). */
  options: Tab;
  work: string;
}

/** Register the suite's before/after: keys, site, v1 published and subscribed to. */
export function subscribedRiver(env: Env, name: string): RiverSubscription {
  const r = { work: scratchDir(name) } as RiverSubscription;
  before(async () => {
    r.site = await serveSite(path.join(r.work, 'site'));
    generatePublisherKeys(path.join(r.work, 'keys'));
    generatePublisherKeys(path.join(r.work, 'other'));
    r.signer = await loadPublisherKey(path.join(r.work, 'keys/publisher.key'));
    r.stranger = await loadPublisherKey(path.join(r.work, 'other/publisher.key'));
    r.pub = new RiverPublisher(r.site, r.signer);
    await r.pub.publishNext();
    r.options = await openSubscriptions(env.d);
    const subscribed = await subscribe(r.options, `${r.site.url}/index.json`);
    assert.equal(subscribed.alert, '');
  });
  after(async () => {
    await r.options?.close();
    r.site?.close();
  });
  return r;
}

export interface FaultChecks {
  /** The failure's sentence must name the site and say nothing was changed. */
  saysWhere?: boolean;
  /** More checks on the failed sync's row. */
  check?: (bad: Row) => void | Promise<void>;
  /** Checks after the card was read, before the site is repaired. */
  later?: () => Promise<void>;
}

/**
 * Publish the next version, break the site with `fault`, sync: the failure says `expected`, the
 * installed version stays and keeps working; then repair the site, and the next sync installs the
 * new version.
 */
export async function faultThenRecovery(
  env: Env,
  r: RiverSubscription,
  fault: (next: number, installed: number) => void | Promise<void>,
  expected: RegExp,
  checks: FaultChecks = {},
): Promise<void> {
  const installed = r.pub.version;
  const next = await r.pub.publishNext();
  await fault(next, installed);
  try {
    const bad = await syncNow(r.options);
    assert.match(said(bad), expected);
    if (checks.saysWhere) {
      assert.ok(said(bad).includes(new URL(r.site.url).host), `the message names the site: ${said(bad)}`);
      assert.match(said(bad), /nothing was changed/);
    }
    assert.equal(bad.version, `v${installed}`, 'the installed version stays');
    await checks.check?.(bad);
    const card = (await cardFor(env.d, env.url, 'Multan'))?.text ?? '';
    assert.match(card, new RegExp(`river pack v${installed}\\b`), 'and keeps working');
    await checks.later?.();
  } finally {
    for (const p of ['index.json', 'moved/index.json', ...r.pub.payloadPaths(installed, next)]) r.site.override(p, null);
  }
  const good = await syncNow(r.options);
  assert.equal(good.alert, '', 'the next good sync succeeds');
  assert.equal(good.pageAlert, '');
  assert.equal(good.version, `v${next}`);
}

/** A fault: each payload a sync from the installed version to the next may download is served by `serve(its bytes)`. */
export const payloadsServedBy =
  (r: RiverSubscription, serve: (bytes: Buffer) => http.RequestListener) =>
  (next: number, installed: number): void => {
    for (const p of r.pub.payloadPaths(installed, next)) r.site.override(p, serve(r.pub.fileOf(p)));
  };
