/**
 * Hostile packs and hostile pages against the real extension, in Chromium and Firefox: a pack full
 * of markup and script URLs shows as text; the content-script world cannot use privileged messages
 * (Chromium: see below); a page cannot fetch any file of the extension; the extension pages run
 * under Trusted Types.
 */

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { before, it } from 'node:test';
import { CONTENT_KINDS } from '../../src/background/sender-policy';
import { MESSAGES, type MessageKind } from '../../src/shared/messages';
import { ask, clickFullBackstory, clickOn, type Driver, hover, importFile, openArticle, typeInto, waitFor, waitForNoCard } from '../shared/driver';
import { SAMPLES } from '../unit/message-samples';
import { extensionDir, inEachBrowser } from './browsers';
import { contentScriptWorld } from './drivers/chromium-quirks';
import { writePackFile } from './pack-fixtures';
import { ROOT } from './server';

const RUN = 'window.__backstoryPwned=1';
const HOSTILE_SUMMARY = `Summary <img src=x onerror="${RUN}"> then <script>${RUN}</script> and \u202Eevil\u202C end`;
const HOSTILE_QUOTE = `Quote <img src=x onerror="${RUN}"> javascript:${RUN} data:text/html,<script>${RUN}</script>`;

/** A pack whose texts are markup and script URLs (the validator only lets http(s) into url fields). */
function hostilePack() {
  const source = { title: `javascript:${RUN}`, publisher: `data:text/html,<script>${RUN}</script>`, url: 'https://example.org/hostile' };
  return {
    format: 'backstory-pack',
    formatVersion: 1,
    id: 'hostile-test',
    version: 1,
    title: `Hostile <img src=x onerror="${RUN}"> pack`,
    entities: [
      {
        id: 'quillfeather',
        type: 'person',
        name: 'Ottoline Quillfeather',
        description: `<script>${RUN}</script>`,
        summary: HOSTILE_SUMMARY,
        facts: [{ label: '<b>Label</b>', value: `<a href="javascript:${RUN}">x</a>` }],
        sources: [source, { publisher: `javascript:${RUN}`, date: '2024' }],
      },
    ],
    statements: [{ id: 's1', entity: 'quillfeather', date: '2024-05-01', text: HOSTILE_QUOTE, context: '\u202Ereversed\u202C', source }],
    events: [{ id: 'e1', date: '2024-06-01', title: `<svg onload="${RUN}">`, entities: ['quillfeather'], source }],
  };
}

const ARTICLE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Profile</title></head>
<body><article><h1>A profile</h1><p>Yesterday Ottoline Quillfeather spoke to reporters near Torkham about the new rules.</p></article>
<script>window.__backstoryPwned = undefined;</script></body></html>`;

async function workerState(d: Driver): Promise<{ packs: { id: string; enabled: boolean }[]; settings: unknown; subs: unknown }> {
  const page = await d.openExtensionPage('src/popup/index.html');
  const value = async (kind: string) => (await ask(page, kind)).value;
  const state = {
    packs: (await value('listPacks')) as { id: string; enabled: boolean }[],
    settings: await value('getSettings'),
    subs: await value('listSubscriptions'),
  };
  await page.close();
  return state;
}

/** Runs IN A PAGE: the name of the full backstory shown there (in the document or an open shadow root), or null. */
function backstoryShown(): string | null {
  const roots: (Document | ShadowRoot)[] = [document, ...[...document.querySelectorAll('*')].flatMap((e) => (e.shadowRoot ? [e.shadowRoot] : []))];
  for (const root of roots) {
    const id = root.querySelector('article.backstory')?.getAttribute('aria-labelledby');
    const name = id ? root.getElementById(id)?.textContent?.trim() : null;
    if (name) return name;
  }
  return null;
}

inEachBrowser('security: hostile packs, pages and senders', (env) => {
  const EXT = extensionDir(env.browser);
  before(() => {
    env.srv.route('/hostile-article.html', (_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(ARTICLE);
    });
  });

  it('a pack of markup and script URLs: the card shows it literally, links only to http(s), nothing runs', async () => {
    const imported = await importFile(env.d, writePackFile(hostilePack(), 'hostile.json'));
    assert.match(imported.status, /Installed Hostile <img src=x onerror=/, imported.alert);
    await imported.tab.close();

    const page = await openArticle(env.d, `${env.url}/hostile-article.html`);
    const card = await hover(page, 'Ottoline Quillfeather');
    assert.equal(card?.name, 'Ottoline Quillfeather');
    const text = (card?.text ?? []).join(' ');
    assert.ok(text.includes(`Quote <img src=x onerror="${RUN}"> javascript:${RUN} data:text/html,<script>${RUN}</script>`), text);
    assert.ok(text.includes(`<script>${RUN}</script>`), 'the description shows as text');
    assert.ok(text.includes(`<svg onload="${RUN}">`), 'the event title shows as text');
    assert.ok(!/[\u202A-\u202E\u2066-\u2069]/.test(text), 'bidi overrides are removed');

    const elements = await page.piercedElements();
    const links = elements.filter((e) => e.name === 'a');
    assert.ok(links.length >= 1, 'the http(s) source is a link');
    for (const a of links) assert.match(a.attrs.href ?? '', /^https?:\/\//, `link ${a.attrs.href}`);
    for (const e of elements) {
      for (const name of Object.keys(e.attrs)) assert.ok(!name.startsWith('on'), `${e.name} has ${name}`);
      for (const name of ['src', 'srcdoc', 'action', 'formaction']) {
        assert.ok(!(name in e.attrs) || e.name === 'script' || e.name === 'img', `${e.name} has ${name}`);
      }
    }
    assert.equal(elements.filter((e) => e.name === 'img').length, 0, 'no <img> anywhere, shadow roots included');
    assert.equal(elements.filter((e) => e.name === 'svg' && 'onload' in e.attrs).length, 0);
    assert.equal(elements.filter((e) => e.name === 'script').length, 1, "only the page's own script");
    assert.equal(await page.eval(() => (window as unknown as Record<string, unknown>).__backstoryPwned), undefined, 'no script ran in the page');

    // The summary and the source notes are in the full backstory (the side panel): text there too.
    await clickFullBackstory(page);
    assert.ok(await waitForNoCard(page, 2000), 'the click reached the button: the card gives way to the full backstory');
    const panel = await env.d.waitForPanel();
    assert.ok(panel, 'the side panel opened');
    const panelSeen = panel.text;
    assert.ok(panelSeen.includes('Summary <img src=x onerror="window.__backstoryPwned=1"> then <script>window.__backstoryPwned=1</script>'), panelSeen);
    assert.ok(!/[\u202A-\u202E\u2066-\u2069]/.test(panelSeen), 'bidi overrides are removed in the panel');
    const foreign = await panel.evaluate('[...document.querySelectorAll("img, script:not([type=module]), [onload], [onerror]")].length');
    assert.equal(foreign, 0, 'no markup from the pack became elements in the panel');
    await page.close();
  });

  // Chromium only: CDP reaches the content script's isolated world; Firefox's WebDriver BiDi does not
  // reach an extension's content-script sandbox (see drivers/chromium-quirks.ts).
  const noWorld = env.browser === 'firefox' && "Firefox's BiDi cannot evaluate in a content script's sandbox";
  it('the content-script world cannot send any privileged message, and cannot open the import port', { skip: noWorld }, async () => {
    const before = await workerState(env.d);
    const page = await openArticle(env.d, `${env.url}/hostile-article.html`);
    const world = await contentScriptWorld(env.d, page);
    const send = (kind: string, payload: unknown) =>
      world.evaluate<{ ok: boolean; error?: string; value?: unknown }>(`chrome.runtime.sendMessage(${JSON.stringify({ kind, payload })})`);

    // Positive control: this really is our content script's channel.
    const card = await send('card', SAMPLES.card);
    assert.equal(card.ok, true, JSON.stringify(card));
    assert.equal((card.value as { name: string }).name, 'Torkham');

    const privileged = (Object.keys(MESSAGES) as MessageKind[]).filter((k) => !CONTENT_KINDS.includes(k));
    assert.ok(privileged.includes('setSettings') && privileged.includes('removePack') && privileged.includes('subscribe'));
    for (const kind of privileged) {
      const r = await send(kind, SAMPLES[kind]);
      assert.equal(r.ok, false, `${kind} from a tab: ${JSON.stringify(r)}`);
      assert.match(r.error ?? '', /^refused: /, kind);
    }

    const pack = JSON.stringify({ ...hostilePack(), id: 'smuggled', title: 'Smuggled' });
    const portOutcome = await world.evaluate<string>(
      `new Promise((done) => {
        const port = chrome.runtime.connect({ name: 'backstory-import' });
        port.onMessage.addListener((m) => done('message: ' + JSON.stringify(m)));
        port.onDisconnect.addListener(() => done('disconnected'));
        try {
          port.postMessage({ type: 'begin', name: 'x.json', chars: ${pack.length} });
          port.postMessage({ type: 'chunk', data: ${JSON.stringify(pack)} });
          port.postMessage({ type: 'end' });
        } catch (e) { done('disconnected'); }
        setTimeout(() => done('timeout'), 5000);
      })`,
    );
    assert.equal(portOutcome, 'disconnected');
    await page.close();

    const after = await workerState(env.d);
    assert.deepEqual(after, before, 'packs, settings and subscriptions are unchanged');
    assert.ok(!after.packs.some((p) => p.id === 'smuggled'));
  });

  it('a web page cannot fetch or load any file of the extension, and cannot message it', async () => {
    const manifest = JSON.parse(readFileSync(path.join(EXT, 'manifest.json'), 'utf8'));
    assert.equal(manifest.web_accessible_resources, undefined);
    assert.equal(manifest.externally_connectable, undefined);
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = path.join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else files.push(path.relative(EXT, p).split(path.sep).join('/'));
      }
    };
    walk(EXT);
    assert.ok(files.includes('manifest.json') && files.length > 10);

    const page = await env.d.openPage(`${env.url}/pages/city-news.html`);
    const base = env.d.extensionOrigin;
    const reachable = await page.eval(
      async ([base, files]: readonly [string, string[]]) => {
        const got: string[] = [];
        for (const f of files as string[]) {
          try {
            await fetch(`${base}${f}`);
            got.push(`fetch ${f}`);
          } catch {
            // refused: what we want
          }
        }
        for (const f of (files as string[]).filter((x) => x.endsWith('.png'))) {
          const loaded = await new Promise<boolean>((done) => {
            const img = new Image();
            img.onload = () => done(true);
            img.onerror = () => done(false);
            img.src = `${base}${f}`;
          });
          if (loaded) got.push(`img ${f}`);
        }
        const c = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome;
        if (c?.runtime?.sendMessage) got.push('chrome.runtime.sendMessage is exposed');
        return got;
      },
      [base, files] as const,
    );
    assert.deepEqual(reachable, []);
    await page.close();
  });

  it('extension pages run under Trusted Types and still work', async () => {
    const manifestCsp = JSON.parse(readFileSync(path.join(EXT, 'manifest.json'), 'utf8')).content_security_policy.extension_pages as string;
    assert.match(manifestCsp, /script-src 'self'/);
    assert.match(manifestCsp, /require-trusted-types-for 'script'/);

    const problems: string[] = [];
    const popup = await env.d.openExtensionPage('src/popup/index.html');
    await typeInto(popup, '#search-input', 'Torkh');
    await clickOn(popup, '[role="option"]', 'Torkham');
    // The full backstory (Preact, in an open shadow root) rendered under the policy.
    assert.match(await waitFor(popup, backstoryShown, undefined, 15_000), /Torkham/);
    problems.push(...popup.errors().map((e) => `popup ${e}`));
    await popup.close();

    const panel = await env.d.openExtensionPage(`src/panel/index.html?entity=${encodeURIComponent(SAMPLES.card.entity)}`);
    assert.match(await waitFor(panel, backstoryShown, undefined, 15_000), /Torkham/);
    problems.push(...panel.errors().map((e) => `panel ${e}`));
    await panel.close();

    const options = await env.d.openExtensionPage('src/options/index.html');
    // The first pack's row says "Off" once it is switched off, and no longer once it is on again.
    const off = (want: boolean) =>
      waitFor(
        options,
        (want: boolean) =>
          [...(document.querySelector('.pack-list > li')?.querySelectorAll('.badge') ?? [])].some((b) => b.textContent === 'Off') === want || null,
        want,
        15_000,
      );
    await clickOn(options, '.pack-list > li:first-child .switch');
    await off(true);
    await clickOn(options, '.pack-list > li:first-child .switch');
    await off(false);
    problems.push(...options.errors().map((e) => `options ${e}`));
    await options.close();
    assert.deepEqual(problems, []);

    // Enforcement, not just the header: an HTML sink throws in our pages. (The setter is called
    // through Reflect: the project's lint rightly refuses an HTML sink written in source code.)
    const probe = await env.d.openExtensionPage('src/options/index.html');
    const sink = await probe.eval(() => {
      try {
        Reflect.set(document.createElement('div'), 'innerHTML', '<b>x</b>');
        return 'assigned';
      } catch (e) {
        return (e as Error).name;
      }
    });
    assert.equal(sink, 'TypeError');
    await probe.close();
  });

  it('pack data never goes to storage.local or storage.sync', async () => {
    const page = await env.d.openExtensionPage('src/options/index.html');
    const stored = await page.eval(async () => {
      const s = (globalThis as { chrome: { storage?: { local: chrome.storage.StorageArea; sync: chrome.storage.StorageArea } } }).chrome.storage;
      if (!s) return 'no storage API';
      return JSON.stringify([await s.local.get(null), await s.sync.get(null)]);
    });
    await page.close();
    for (const needle of ['Ottoline', 'Torkham', 'Khalilzad', 'entities', 'statements']) assert.ok(!stored.includes(needle), `${needle} in ${stored}`);
    // And no code path could put it there: no source file touches the storage API areas.
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = path.join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|tsx)$/.test(f)) sources.push(p);
      }
    };
    walk(path.join(ROOT, 'src'));
    const offenders = sources.filter((p) => /storage\s*\.\s*(local|sync|session)\b/.test(readFileSync(p, 'utf8')));
    assert.deepEqual(offenders, []);
  });
});
