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
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { generatePublisherKeys, loadPublisherKey } from '../../src/cli/publisher-keys';
import { type IndexDocument, signIndex } from '../../src/core/sync-index';
import { type Driver, hover, openArticle, type Tab, waitFor } from '../shared/driver';
import { poll } from '../shared/page-probes';
import { inEachBrowser } from './browsers';
import { jsonBody, RiverPublisher, riverPack, type Site, serveSite } from './publisher-site';

interface Row {
  version: string;
  alert: string;
  busy: boolean;
}

const until = <T>(tab: Tab, probe: (arg: any) => T | null, arg?: unknown, ms = 30_000): Promise<T> => waitFor(tab, probe, arg, ms);

/** Click the first enabled `selector` whose text is `text` (or includes it), with the mouse; `within`: inside the list item with that title. */
async function press(tab: Tab, selector: string, text: string, within?: string): Promise<void> {
  const at = await until(
    tab,
    ({ selector, text, within }: { selector: string; text: string; within?: string }) => {
      const el = [...document.querySelectorAll<HTMLElement>(selector)].find(
        (e) =>
          (e.textContent?.trim() === text || e.textContent?.includes(text)) &&
          !(e as HTMLButtonElement).disabled &&
          (!within || e.closest('li')?.querySelector('.pack-title')?.textContent?.trim() === within),
      );
      if (!el) return null;
      el.scrollIntoView({ block: 'center' });
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    },
    { selector, text, within },
  );
  await tab.click(at.x, at.y);
}

/** The subscription's row; `alert` also holds the panel's own alert (a sync whose worker stopped answers there). */
const readRow = (tab: Tab): Promise<Row> =>
  tab.eval(() => {
    const row = document.querySelector('.sub-list .sub');
    const button = row?.querySelector('.sub-buttons button');
    const panel = document.querySelector('section[aria-labelledby="subs-heading"] > [role="alert"]')?.textContent ?? '';
    return {
      version: row?.querySelector('.version')?.textContent?.trim() ?? '',
      alert: `${row?.querySelector('[role="alert"]')?.textContent ?? ''} ${panel}`.trim(),
      busy: Boolean(button && (button as HTMLButtonElement).disabled),
    };
  });

/** "Check for updates" on the subscription's row, then its state once the worker has answered. */
async function syncNow(tab: Tab): Promise<Row> {
  await press(tab, '.sub-list .sub .sub-buttons button', 'Check for updates');
  await poll(async () => ((await readRow(tab)).busy ? true : null), 2000);
  return until(
    tab,
    () => {
      const button = document.querySelector<HTMLButtonElement>('.sub-list .sub .sub-buttons button');
      return button && !button.disabled ? true : null;
    },
    undefined,
    60_000,
  ).then(() => readRow(tab));
}

async function subscribe(tab: Tab, url: string): Promise<void> {
  const field = await until(tab, () => {
    const el = document.querySelector<HTMLInputElement>('.subscribe-form input');
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { x: r.left + 20, y: r.top + r.height / 2 };
  });
  // The options page may still be rendering its first state: type until the field holds the link.
  const holds = () => tab.eval((u: string) => document.querySelector<HTMLInputElement>('.subscribe-form input')?.value === u, url);
  for (let attempt = 0; attempt < 3 && !(await holds()); attempt++) {
    await tab.click(field.x, field.y);
    await tab.eval(() => {
      const el = document.querySelector<HTMLInputElement>('.subscribe-form input');
      el?.select();
    });
    await tab.type(url);
    await poll(async () => ((await holds()) ? true : null), 2000);
  }
  assert.ok(await holds(), 'the link is typed into the subscribe field');
  await press(tab, '.subscribe-form button[type="submit"]', 'Check link');
  // The publisher's confirmation, or the reason there is none (said in the failure).
  const shown = await until(tab, () =>
    document.querySelector('.sub-confirm')
      ? 'confirm'
      : document.querySelector('.subscribe-form [role="alert"], section[aria-labelledby="subs-heading"] [role="alert"]')?.textContent || null,
  );
  assert.equal(shown, 'confirm', 'the link is checked and its publisher shown for confirmation');
  await press(tab, '.sub-confirm button', 'Subscribe and install');
  await until(tab, () => document.querySelector('.sub-list .sub .version')?.textContent?.trim() || null, undefined, 60_000);
}

const json = jsonBody;

/** A second name for this machine, reached over plain HTTP (each browser resolves it to 127.0.0.1). */
const LOCAL_NAME = 'publisher.test';

/** The text of the card that opens when resting the mouse on `name` in the river article ("" if none). */
async function cardText(d: Driver, articles: string, name: string): Promise<string> {
  const tab = await openArticle(d, `${articles}/pages/river-news.html`);
  try {
    return (await hover(tab, name, 1, 5000))?.text.join(' ') ?? '';
  } finally {
    await tab.close();
  }
}

const openOptions = (d: Driver) => d.openExtensionPage('src/options/index.html');

inEachBrowser(
  'attacks on the update channel',
  (env) => {
    let site: Site;
    let options: Tab;
    let signer: { key: CryptoKey; keyId: string };
    let stranger: { key: CryptoKey; keyId: string };
    const work = mkdtempSync(path.join(tmpdir(), 'backstory-attacks-'));
    let pub: RiverPublisher;
    const indexes = { get: (v: number) => pub.indexes.get(v) };
    const signed = () => pub.signed();
    const payloadPaths = (from: number, to: number) => pub.payloadPaths(from, to);
    const fileOf = (p: string) => pub.fileOf(p);
    const port = () => new URL(site.url).port;
    const resign = async (changes: Partial<IndexDocument['signed']>, by = signer) => json(JSON.stringify(await signIndex({ ...signed(), ...changes }, by.key)));

    /** Publish the next version, break the site with `fault`, sync, then repair it and sync again. */
    async function faultThenRecovery(
      fault: (next: number, installed: number) => void | Promise<void>,
      expected: RegExp,
      later?: () => Promise<void>,
    ): Promise<void> {
      const installed = pub.version;
      const next = await pub.publishNext();
      await fault(next, installed);
      try {
        const bad = await syncNow(options);
        assert.match(bad.alert, expected);
        // With `later`, the row's own sentence shows only once the page is opened again (checked there).
        if (!later) {
          assert.ok(bad.alert.includes(new URL(site.url).host), `the message names the site: ${bad.alert}`);
          assert.match(bad.alert, /nothing was changed/);
        }
        assert.equal(bad.version, `v${installed}`, 'the installed version stays');
        const card = await cardText(env.d, env.url, 'Multan');
        assert.match(card, new RegExp(`river pack v${installed}\\b`), 'and keeps working');
        await later?.();
      } finally {
        for (const p of ['index.json', 'moved/index.json', ...payloadPaths(installed, next)]) site.override(p, null);
      }
      const good = await syncNow(options);
      assert.equal(good.alert, '', 'the next good sync succeeds');
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
      options = await openOptions(env.d);
      await subscribe(options, `${site.url}/index.json`);
    });
    after(async () => {
      await options?.close();
      site?.close();
    });

    it('a redirect to another origin on this computer', () =>
      faultThenRecovery(() => {
        site.override('moved/index.json', json(indexes.get(pub.version) as string));
        site.override('index.json', (_q, s) => s.writeHead(302, { location: `http://localhost:${port()}/moved/index.json` }).end());
      }, /another address.*does not follow redirects/s));

    it('a redirect to plain http under another name', () =>
      faultThenRecovery(() => {
        site.override('moved/index.json', json(indexes.get(pub.version) as string));
        site.override('index.json', (_q, s) => s.writeHead(302, { location: `http://${LOCAL_NAME}:${port()}/moved/index.json` }).end());
      }, /another address.*does not follow redirects/s));

    it('a redirect to a private network address', () =>
      faultThenRecovery(
        () => site.override('index.json', (_q, s) => s.writeHead(307, { location: 'https://192.168.1.1/index.json' }).end()),
        /another address.*does not follow redirects/s,
      ));

    it('a signed absolute payload URL on another origin', () =>
      faultThenRecovery(async (next) => {
        site.override('index.json', await resign({ full: { ...signed().full, url: `http://localhost:${port()}/v${next}/pack.json` }, deltas: [] }));
      }, /files on another site.*only downloads from the index's own site/s));

    it('a tampered payload (one byte changed, same length)', () =>
      faultThenRecovery((next, installed) => {
        for (const p of payloadPaths(installed, next)) {
          const bytes = Buffer.from(fileOf(p));
          bytes[bytes.length >> 1] ^= 0x01;
          site.override(p, (_q, s) => s.writeHead(200, { 'content-length': bytes.length }).end(bytes));
        }
      }, /arrived incomplete or damaged.*SHA-256/s));

    it('a tampered index (edited after signing)', () =>
      faultThenRecovery(() => {
        const doc = JSON.parse(indexes.get(pub.version) as string) as IndexDocument;
        doc.signed.title = 'River desk (edited in transit)';
        site.override('index.json', json(JSON.stringify(doc)));
      }, /not signed by its publisher.*signature does not verify/s));

    it('a replayed older signed index (rollback)', () =>
      faultThenRecovery((_next, installed) => site.override('index.json', json(indexes.get(installed - 1) as string)), /older version.*rollback refused/s));

    it('an expired index (frozen)', () =>
      faultThenRecovery(
        async () => site.override('index.json', await resign({ expires: new Date(Date.now() - 60_000).toISOString() })),
        /out of date.*expired/s,
      ));

    it('a signed expiry far in the future', () =>
      faultThenRecovery(
        async () => site.override('index.json', await resign({ expires: '2099-01-01T00:00:00.000Z' })),
        /impossible dates.*longer than the 90 days/s,
      ));

    it('a signed MAX_VALUE version (a freeze of all later updates)', () =>
      faultThenRecovery(async () => site.override('index.json', await resign({ version: Number.MAX_VALUE })), /malformed.*version/s));

    it('a change of publisher key', () =>
      faultThenRecovery(async () => site.override('index.json', await resign({ keyId: stranger.keyId }, stranger)), /different key.*signing key changed/s));

    it('the worker stopped mid-download: the failure and its backoff were saved before the download', () =>
      faultThenRecovery(
        (next, installed) => {
          let stopped = false;
          for (const p of payloadPaths(installed, next)) {
            const bytes = fileOf(p);
            site.override(p, async (_q, s) => {
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
          await options.close();
          options = await openOptions(env.d);
          const state = await until(
            options,
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
      const file = path.join(work, 'river-file.json');
      writeFileSync(file, JSON.stringify(riverPack(99, ['Multan', 'Gilgit'])));
      await options.chooseFile('#pack-file', file);
      const why = await until(
        options,
        () =>
          [...document.querySelectorAll('[role="alert"]')].map((a) => a.textContent ?? '').find((t) => t.includes('kept up to date by your subscription')) ??
          null,
      );
      assert.match(why, /127\.0\.0\.1.*nothing was changed/s);
      assert.equal((await readRow(options)).version, `v${pub.version}`);
      assert.match(await cardText(env.d, env.url, 'Multan'), new RegExp(`river pack v${pub.version}\\b`));
    });

    it('after the pack is removed (its subscription paused), a replayed older index is refused', async () => {
      const old = indexes.get(pub.version - 1) as string;
      await press(options, 'ul.pack-list > li button', 'Remove', 'River desk');
      await press(options, 'ul.pack-list > li button', 'Remove pack', 'River desk');
      await until(options, () => (document.querySelector('.sub-list .sub')?.textContent?.includes('Paused: you removed this pack') ? true : null));
      site.override('index.json', json(old));
      try {
        await press(options, '.sub-list .sub .sub-buttons button', 'Resume');
        const alert = await until(options, () => document.querySelector('.sub-list .sub [role="alert"]')?.textContent || null, undefined, 60_000);
        assert.match(alert, /older version than one you already had.*nothing was changed/s);
        assert.equal(await cardText(env.d, env.url, 'Multan'), '', 'the old version was not installed again');
      } finally {
        site.override('index.json', null);
      }
    });
  },
  { localNames: [LOCAL_NAME] },
);
