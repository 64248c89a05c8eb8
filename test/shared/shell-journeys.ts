/**
 * A reader's first hour, as journeys both browsers run: the same page fixtures and assertions,
 * driven through a small Driver each harness implements (Playwright/CDP for Chromium,
 * Puppeteer/BiDi for Firefox). Every wait is for a real condition, never a fixed time.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { generatePublisherKeys, loadPublisherKey } from '../../src/cli/publisher-keys';
import { publishVersion } from '../../src/cli/site-publisher';
import { riverPack, type Site } from '../e2e/publisher-site';
import { clickOn, type Driver, listPacks, type Tab, typeInto, waitFor } from './driver';
import { poll } from './page-probes';
import { scratchDir } from './scratch';

export type { CardSeen, Driver, Tab } from './driver';

// ---------------------------------------------------------------- fixtures

/** The gzipped world pack inside the built extension; a small stand-in when the build has none. */
export function ensureWorldPack(extDir: string): { cleanup(): void; title: string; entity: string } {
  const file = path.join(extDir, 'packs/world.json.gz');
  if (existsSync(file)) return { cleanup() {}, title: '', entity: '' };
  const pack = {
    format: 'backstory-pack',
    formatVersion: 1,
    id: 'world-standin',
    version: 1,
    title: 'World stand-in pack',
    entities: [
      {
        id: 'reykjavik',
        type: 'place',
        name: 'Reykjavík',
        description: 'Capital of Iceland (test stand-in for the world pack)',
        sources: [{ title: 'Reykjavík', url: 'https://en.wikipedia.org/wiki/Reykjav%C3%ADk' }],
      },
    ],
  };
  writeFileSync(file, gzipSync(JSON.stringify(pack)));
  return { cleanup: () => rmSync(file, { force: true }), title: pack.title, entity: 'world-standin:reykjavik' };
}

/**
 * Publish v1 of a signed pack on a local publisher site; the returned function publishes v2 and
 * makes every v2 payload arrive with one byte changed (same length, wrong SHA-256).
 */
export async function riverSiteWithTamperedUpdate(site: Site): Promise<() => Promise<void>> {
  const work = scratchDir('shell-keys');
  generatePublisherKeys(path.join(work, 'keys'));
  const signer = await loadPublisherKey(path.join(work, 'keys/publisher.key'));
  await publishVersion(riverPack(1, ['Multan', 'Skardu']) as never, { ...signer, site: site.dir });
  return async () => {
    await publishVersion(riverPack(2, ['Multan', 'Skardu', 'Gilgit']) as never, { ...signer, site: site.dir });
    for (const p of ['deltas/1-2.json', 'v2/pack.json']) {
      const bytes = readFileSync(path.join(site.dir, p));
      bytes[Math.floor(bytes.length / 2)] ^= 1;
      site.override(p, (_q, res) => res.end(bytes));
    }
  };
}

function tmpFile(name: string, text: string): string {
  const f = path.join(scratchDir('shell'), name);
  writeFileSync(f, text);
  return f;
}

// ---------------------------------------------------------------- page helpers (run in the page)

/**
 * Marks live in a closed layer the page (and so a test in it) cannot read; a reader finds a marked
 * name with the keyboard shortcut, which opens the card of the name nearest the centre. Press it
 * (again while the page is still finding names) and wait for a card: its name, or null.
 */
async function cardByShortcut(d: Driver, tab: Tab, url: string, ms: number): Promise<string | null> {
  const closed = await poll(async () => ((await tab.readCards()).length === 0 ? true : null), 5000);
  assert.ok(closed, 'no card open before the shortcut');
  return poll(async () => {
    await d.keyboardCommand(url);
    return poll(async () => (await tab.readCards())[0]?.name ?? null, 1500);
  }, ms);
}

/** An error notice: its one sentence, and whether the technical text sits behind "Details". */
async function readError(tab: Tab, scope: string): Promise<{ summary: string; details: string; hasDetails: boolean; copy: boolean }> {
  return waitFor(
    tab,
    (scope: string) => {
      const el = document.querySelector(`${scope} .bs-error`);
      if (!el) return null;
      const d = el.querySelector('details');
      return {
        summary: el.querySelector('.bs-error-summary')?.textContent?.trim() ?? '',
        details: d?.querySelector('pre')?.textContent ?? '',
        hasDetails: Boolean(d && d.querySelector('summary')?.textContent === 'Details' && !d.open),
        copy: Boolean(d?.querySelector('button.bs-error-copy')),
      };
    },
    scope,
  );
}

/** One sentence: it ends once, with a full stop, and does not read like a stack trace. */
function assertOneSentence(summary: string, names: string): void {
  assert.ok(summary.includes(names), `"${summary}" names ${names}`);
  assert.match(summary, /nothing (was )?(changed|installed)|unchanged|current version is kept/i, `"${summary}" says nothing changed`);
  const withoutName = summary.replace(names, 'X');
  assert.equal(withoutName.split(/[.!?](\s|$)/).filter((s) => s?.trim()).length, 1, `one sentence: "${summary}"`);
  assert.doesNotMatch(summary, /entities\[|position \d+|SHA-256|HTTP \d{3}/, 'technical words stay in Details');
}

// ---------------------------------------------------------------- journeys

export async function welcomeOpensWithLiveCard(d: Driver): Promise<Tab> {
  const tab = await d.tabOpenedAtInstall('/src/welcome/index.html');
  assert.ok(tab, 'installing Backstory opened the welcome page');
  // The sample paragraph goes through the worker's detector; names become marks.
  const marks = await waitFor(tab, () => {
    const m = [...document.querySelectorAll('.sample-mark')].map((e) => e.textContent);
    return m.length >= 3 ? m : null;
  });
  assert.ok(marks.includes('Zalmay Khalilzad'), `marks: ${marks.join(', ')}`);
  await clickOn(tab, '.sample-mark', 'Zalmay Khalilzad');
  const card = await waitFor(tab, () => {
    const root = document.querySelector('.sample-card .card-host')?.shadowRoot;
    const dialog = root?.querySelector('[role="dialog"]');
    return dialog ? { heading: root?.querySelector('h2')?.textContent ?? '', text: dialog.textContent ?? '' } : null;
  });
  assert.equal(card.heading, 'Zalmay Khalilzad');
  assert.match(card.text, /Afghan|envoy|diplomat/i, 'the card shows pack content');
  // The page says what it must: pinning, the privacy promise, the permission, the privacy policy.
  const text = await tab.eval(() => document.body.textContent ?? '');
  assert.match(text, /pin/i);
  assert.match(text, /never sends what you read anywhere/);
  assert.match(text, /read and change data on all websites/);
  // The privacy policy ships inside Backstory: the link opens it in a tab of its own, offline.
  // (Firefox's BiDi does not attach to a tab a moz-extension page opens, so the tab is found
  // through the extension's own tabs API, and its page is then read in a tab of ours.)
  await clickOn(tab, 'a[href$="/privacy.html"]', 'privacy');
  await waitFor(tab, async () => (await chrome.tabs.query({})).some((t) => t.url?.endsWith('/privacy.html')));
  const policy = await d.openExtensionPage('privacy.html');
  const heading = await waitFor(policy, () => document.querySelector('h1')?.textContent ?? null);
  assert.match(heading, /^Privacy: what Backstory keeps to itself/);
  assert.match(await policy.eval(() => document.body.textContent ?? ''), /What a page can still observe/);
  await policy.close();
  await tab.bringToFront();
  return tab;
}

export async function worldPackFromGallery(welcome: Tab, standIn: { title: string; entity: string }): Promise<void> {
  const before = await listPacks(welcome);
  assert.ok(!before.some((p) => p.id.startsWith('world')), 'the world pack is not installed until the reader asks');
  await clickOn(welcome, '.gallery-item button', 'Install the world pack');
  const done = await waitFor(
    welcome,
    () => document.querySelector('#g-world')?.parentElement?.querySelector('.note.success')?.textContent ?? null,
    undefined,
    120_000,
  );
  assert.match(done, /Installed/);
  const after = await listPacks(welcome);
  assert.equal(after.length, before.length + 1, 'one more pack');
  if (standIn.entity) {
    const card = await welcome.eval(async (entity: string) => {
      const r = (await chrome.runtime.sendMessage({ kind: 'card', payload: { entity } })) as { ok: boolean; value: { name: string } | null };
      return r.ok ? r.value?.name : null;
    }, standIn.entity);
    assert.equal(card, 'Reykjavík', 'the world pack answers cards');
  }
}

export async function siteSwitchIsLive(d: Driver, articleUrl: string): Promise<void> {
  const article = await d.openPage(articleUrl);
  assert.ok(await cardByShortcut(d, article, articleUrl, 20_000), 'names are marked while Backstory is on here');
  await article.eval(() => document.getSelection()?.removeAllRanges());
  const popup = await d.openPopup();
  const label = await waitFor(popup, () => document.querySelector('.site-switch .switch-label')?.textContent ?? null);
  assert.equal(label, 'On for 127.0.0.1');
  await clickOn(popup, '#site-switch');
  await waitFor(popup, () => (document.querySelector('#site-switch') as HTMLInputElement).checked === false);
  // Off: the shortcut finds no name to open. The wait is the real-time part: several times what a
  // marked page takes to answer the shortcut.
  assert.equal(await cardByShortcut(d, article, articleUrl, 3000), null, 'marks removed without a reload');
  await clickOn(popup, '#site-switch');
  assert.ok(await cardByShortcut(d, article, articleUrl, 20_000), 'marks restored without a reload');
  await popup.close();
  await article.close();
}

export async function shortcutWithoutSelection(d: Driver, articleUrl: string): Promise<void> {
  const article = await d.openPage(articleUrl);
  await article.eval(() => document.getSelection()?.removeAllRanges());
  // Until the page's names are found, the command has nothing to open: press until it opens one.
  const first = await cardByShortcut(d, article, articleUrl, 20_000);
  const card1 = (await article.readCards())[0] ?? null;
  assert.equal(card1?.name, first);
  assert.ok(card1, 'the shortcut with nothing selected opened a card');
  await d.keyboardCommand(articleUrl);
  const card2 = await poll(async () => {
    const c = (await article.readCards())[0];
    return c && c.name !== card1.name ? c : null;
  }, 10_000);
  assert.ok(card2, `a second press moved on from ${card1.name}`);
  await article.close();
}

export async function plainErrorsForBadFiles(d: Driver): Promise<void> {
  const options = await d.openExtensionPage('src/options/index.html');
  const cases = [
    { name: 'broken-syntax.json', text: '{"format": "backstory-pack", "formatVersion": 1, id: broken' },
    {
      name: 'wrong-type.json',
      text: JSON.stringify({
        format: 'backstory-pack',
        formatVersion: 1,
        id: 'bad-types',
        version: 1,
        title: 'Bad types',
        entities: [
          { id: 'a', type: 'place', name: 'Alpha', sources: [{ title: 'A', url: 'https://example.org/a' }] },
          { id: 'b', type: 'planet', name: 'Beta', sources: [{ title: 'B', url: 'https://example.org/b' }] },
        ],
      }),
    },
  ];
  for (const c of cases) {
    await options.chooseFile('#pack-file', tmpFile(c.name, c.text));
    const e = await poll(async () => {
      const got = await readError(options, '.import');
      return got.summary.includes(c.name) ? got : null;
    }, 60_000);
    assert.ok(e, `an error naming ${c.name}`);
    assertOneSentence(e.summary, `“${c.name}”`);
    assert.ok(e.hasDetails && e.copy, 'technical details behind a closed "Details", with Copy');
    assert.match(e.details, c.name.startsWith('broken') ? /JSON|position/ : /entities\[1\]\.type/);
  }
  await options.close();
}

export async function plainErrorForBrokenLink(d: Driver, brokenUrl: string): Promise<void> {
  const options = await d.openExtensionPage('src/options/index.html');
  await typeInto(options, '#sub-url', brokenUrl);
  await clickOn(options, '.subscribe-form button[type="submit"]');
  const site = new URL(brokenUrl).host;
  const e = await readError(options, '.subscribe-flow');
  assertOneSentence(e.summary, site);
  assert.ok(e.hasDetails, 'details behind "Details"');
  assert.match(e.details, /404|not found/i);
  assert.equal((await options.eval(() => document.querySelectorAll('.sub-list .sub').length)) as number, 0, 'nothing subscribed');
  await options.close();
}

/** Subscribe through the confirmation (which must show title, size, schedule and a fingerprint), then a tampered update. */
export async function plainErrorForTamperedUpdate(d: Driver, indexUrl: string, tamper: () => Promise<void>): Promise<void> {
  const options = await d.openExtensionPage('src/options/index.html');
  await typeInto(options, '#sub-url', indexUrl);
  await clickOn(options, '.subscribe-form button[type="submit"]');
  // The fingerprint is computed (a digest) after the confirmation renders: wait for it too.
  const confirm = await waitFor(options, () => {
    const text = document.querySelector('.sub-confirm')?.textContent ?? '';
    return /([A-Z2-7]{4} ){7}[A-Z2-7]{4}/.test(text) ? text : null;
  });
  assert.match(confirm, /River desk/, 'title');
  assert.match(confirm, /\d (KB|MB)/, 'size');
  assert.match(confirm, /every \d+ hours/, 'update schedule');
  assert.match(confirm, /([A-Z2-7]{4} ){7}[A-Z2-7]{4}/, 'a readable key fingerprint');
  assert.equal((await options.eval(() => document.querySelectorAll('.sub-list .sub').length)) as number, 0, 'nothing installed before confirming');
  await clickOn(options, '.sub-confirm button', 'Subscribe and install');
  await waitFor(options, () => document.querySelectorAll('.sub-list .sub').length || null, undefined, 60_000);
  await tamper();
  await clickOn(options, '.sub-list .sub button', 'Check for updates');
  const site = new URL(indexUrl).host;
  const e = await readError(options, '.sub-list .sub');
  assertOneSentence(e.summary, site);
  // The worker words it: the update did not match what the publisher signed.
  assert.match(e.summary, /arrived incomplete or damaged/);
  assert.ok(e.hasDetails);
  assert.match(e.details, /SHA-256|signature/);
  await options.close();
}
