import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { type Tab, waitFor } from '../shared/driver';
import { scratchDir } from '../shared/scratch';
import { cardFor as cardIn, importRefused, openSubscriptions, press, readRow, removePack, subscribe, syncNow } from '../shared/subscriptions';
import { inEachBrowser } from './browsers';
import { corrupt, riverPack, type Site, serveSite } from './publisher-site';
import { ROOT } from './server';

/** The publisher's CLI, as a publisher runs it. */
function packCli(...args: string[]): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/pack-cli.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, `pack ${args[0]} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

inEachBrowser('subscribing to a published pack on the options page', (env) => {
  let site: Site;
  let page: Tab;
  let fingerprint: string;
  const work = scratchDir('publisher');
  const keyFile = path.join(work, 'keys/publisher.key');
  const publish = (version: number, names: string[]) => {
    const file = path.join(work, `river-v${version}.json`);
    writeFileSync(file, JSON.stringify(riverPack(version, names)));
    return packCli('publish', file, '--key', keyFile, '--out', site.dir);
  };

  const cardFor = (name: string, ms?: number) => cardIn(env.d, env.url, name, ms);

  before(async () => {
    site = await serveSite(path.join(work, 'site'));
    fingerprint = /fingerprint\s+([A-Z2-7 ]{39})/.exec(packCli('keygen', '--out', path.join(work, 'keys')))?.[1] ?? 'none printed';
  });
  after(async () => {
    await page?.close();
    site?.close();
  });

  it('v1 published with the CLI and subscribed to: its entities get cards', async () => {
    publish(1, ['Multan', 'Gilgit']);
    copyFileSync(path.join(site.dir, 'index.json'), path.join(work, 'index-v1.json'));
    page = await openSubscriptions(env.d);
    const r = await subscribe(page, `${site.url}/index.json`);
    assert.equal(r.alert, '');
    assert.match(r.status, /Subscribed/);
    const row = await readRow(page);
    assert.equal(row.version, 'v1');
    // The row's fingerprint is computed (a digest) after the row renders: wait for it to show.
    const shown = await waitFor(
      page,
      (fp: string) => document.querySelector('.sub-list .sub .fingerprint')?.textContent?.includes(fp) || null,
      fingerprint,
      10_000,
    ).catch(() => false);
    assert.ok(shown, `the row shows the fingerprint keygen printed (${fingerprint})`);
    assert.match(row.text, /River desk/);
    assert.ok(row.nextSync && Date.parse(row.nextSync) > Date.now() + 5 * 3600_000, `next sync about 6 h ahead, got ${row.nextSync}`);
    const multan = await cardFor('Multan');
    assert.equal(multan?.name, 'Multan');
    assert.match(multan?.text ?? '', /river pack v1/);
    assert.equal((await cardFor('Gilgit'))?.name, 'Gilgit');
    assert.equal(await cardFor('Skardu', 1500), null);
    assert.equal((await cardFor('Torkham'))?.name, 'Torkham', 'the default pack still works');
  });

  it('v2 (one entity added, one removed) arrives with "Sync now", as a delta', async () => {
    publish(2, ['Multan', 'Skardu']);
    const before = site.hits.length;
    const r = await syncNow(page);
    assert.equal(r.alert, '');
    assert.equal(r.pageAlert, '');
    assert.equal(r.version, 'v2');
    const fetched = site.hits.slice(before);
    assert.deepEqual(fetched, ['index.json', 'deltas/1-2.json'], 'only the index and the delta were downloaded');
    assert.equal((await cardFor('Skardu'))?.name, 'Skardu');
    assert.equal(await cardFor('Gilgit', 1500), null, 'v2 removed Gilgit');
    assert.match((await cardFor('Multan'))?.text ?? '', /river pack v2/);
  });

  it('a second "Sync now" with nothing new is answered by a 304', async () => {
    const before = site.hits.length;
    const r = await syncNow(page);
    assert.equal(r.alert, '');
    assert.equal(r.version, 'v2');
    assert.deepEqual(site.hits.slice(before), ['index.json']);
  });

  it('v3 with corrupted payload bytes: an alert, and v2 keeps working', async () => {
    publish(3, ['Multan', 'Skardu', 'Gilgit']);
    corrupt(path.join(site.dir, 'v3/pack.json'));
    corrupt(path.join(site.dir, 'deltas/2-3.json'));
    const r = await syncNow(page);
    assert.match(r.alert, /SHA-256/);
    assert.equal(r.version, 'v2');
    assert.match((await cardFor('Multan'))?.text ?? '', /river pack v2/);
    assert.equal(await cardFor('Gilgit', 1500), null);
  });

  it("v1's index put back: the sync refuses the rollback and v2 stays", async () => {
    copyFileSync(path.join(work, 'index-v1.json'), path.join(site.dir, 'index.json'));
    const r = await syncNow(page);
    assert.match(r.alert, /rollback refused/);
    assert.equal(r.version, 'v2');
    assert.match((await cardFor('Multan'))?.text ?? '', /river pack v2/);
    assert.equal((await cardFor('Skardu'))?.name, 'Skardu');
  });

  it('a file import over the subscribed pack is refused, and says why', async () => {
    const file = path.join(work, 'river-file.json');
    writeFileSync(file, JSON.stringify(riverPack(9, ['Multan', 'Gilgit'])));
    const why = await importRefused(page, file);
    assert.match(why, /127\.0\.0\.1.*nothing was changed/);
    assert.equal((await readRow(page)).version, 'v2');
    assert.match((await cardFor('Multan'))?.text ?? '', /river pack v2/);
  });

  it('removing the pack pauses its subscription; a replay of v1 after that is refused', async () => {
    await removePack(page, 'River desk');
    await waitFor(
      page,
      () => (document.querySelector('.sub-list .sub')?.textContent?.includes('Paused: you removed this pack') ? true : null),
      undefined,
      30_000,
    );
    // The site now replays the signed v1 index (still within its validity).
    copyFileSync(path.join(work, 'index-v1.json'), path.join(site.dir, 'index.json'));
    await press(page, '.sub-list .sub .sub-buttons button', 'Resume');
    const alert = await waitFor(page, () => document.querySelector('.sub-list .sub [role="alert"]')?.textContent || null, undefined, 60_000);
    assert.match(alert, /older version than one you already had.*nothing was changed/s);
    assert.equal(await cardFor('Gilgit', 1500), null, 'v1 was not reinstalled');
  });
});
