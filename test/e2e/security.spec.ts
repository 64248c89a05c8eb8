/**
 * Hostile packs and hostile pages against the real extension in Chromium: a pack full of markup
 * and script URLs shows as text; the content-script world cannot use privileged messages; a page
 * cannot fetch any file of the extension; the extension pages run under Trusted Types.
 */

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CDPSession, Page } from 'playwright-core';
import { CONTENT_KINDS } from '../../src/background/sender-policy';
import { MESSAGES, type MessageKind } from '../../src/shared/messages';
import { poll } from '../shared/page-probes';
import { SAMPLES } from '../unit/message-samples';
import { clickFullBackstory, evaluateIn as evaluateInTarget, panelText, waitForSidePanel } from './card-geometry';
import { type Browser, EXT, extensionPage, hover, launch, openArticle, ROOT, type Server, serve } from './harness';
import { writePackFile } from './pack-fixtures';

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

interface DomNode {
  nodeType: number;
  nodeName: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

/** Every element of the page, closed shadow roots included (CDP pierces them, a page script cannot). */
async function piercedElements(cdp: CDPSession): Promise<{ name: string; attrs: Record<string, string> }[]> {
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const out: { name: string; attrs: Record<string, string> }[] = [];
  const walk = (n: DomNode) => {
    if (n.nodeType === 1) {
      const attrs: Record<string, string> = {};
      for (let i = 0; i + 1 < (n.attributes?.length ?? 0); i += 2) attrs[(n.attributes as string[])[i]] = (n.attributes as string[])[i + 1];
      out.push({ name: n.nodeName.toLowerCase(), attrs });
    }
    for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(c);
  };
  walk(root);
  return out;
}

async function importFile(b: Browser, file: string): Promise<{ status: string; alert: string }> {
  const page = await b.context.newPage();
  await page.goto(extensionPage(b, 'options'));
  await page.getByLabel('Import a pack file').setInputFiles(file);
  await page.waitForFunction(
    () =>
      /Installed|Updated/.test(document.querySelector('[role="status"]')?.textContent ?? '') ||
      (document.querySelector('[role="alert"]')?.textContent ?? '').trim() !== '',
    undefined,
    { timeout: 20_000 },
  );
  const status = (await page.locator('[role="status"]').allTextContents()).join(' ');
  const alert = (await page.locator('[role="alert"]').allTextContents()).join(' ');
  await page.close();
  return { status, alert };
}

/** Id of the content script's isolated world in this page (Chrome names it after the extension). */
async function contentWorld(page: Page, cdp: CDPSession, extensionId: string): Promise<number> {
  const contexts: { id: number; name: string; origin: string; auxData?: { type?: string; frameId?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e: { context: (typeof contexts)[number] }) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  const found = await poll(
    async () => contexts.find((c) => c.auxData?.type === 'isolated' && (c.name === 'Backstory' || c.origin === `chrome-extension://${extensionId}`)) ?? null,
    5000,
  );
  if (found) return found.id;
  throw new Error(`no Backstory content-script world among ${JSON.stringify(contexts.map((c) => [c.name, c.auxData?.type]))}`);
}

async function evaluateIn<T>(cdp: CDPSession, contextId: number, expression: string): Promise<T> {
  const r = (await cdp.send('Runtime.evaluate', { expression, contextId, awaitPromise: true, returnByValue: true })) as {
    result: { value: T };
    exceptionDetails?: { text: string; exception?: { description?: string } };
  };
  if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
  return r.result.value;
}

async function workerState(b: Browser): Promise<{ packs: { id: string; enabled: boolean }[]; settings: unknown; subs: unknown }> {
  const page = await b.context.newPage();
  await page.goto(extensionPage(b, 'popup'));
  const state = await page.evaluate(async () => {
    const ask = async (kind: string) => ((await chrome.runtime.sendMessage({ kind, payload: {} })) as { value: unknown }).value;
    return { packs: (await ask('listPacks')) as { id: string; enabled: boolean }[], settings: await ask('getSettings'), subs: await ask('listSubscriptions') };
  });
  await page.close();
  return state;
}

describe('security: hostile packs, pages and senders', () => {
  let b: Browser;
  let srv: Server;
  before(async () => {
    srv = await serve();
    srv.route('/hostile-article.html', (_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(ARTICLE);
    });
    b = await launch();
  });
  after(async () => {
    await b?.close();
    srv?.close();
  });

  it('a pack of markup and script URLs: the card shows it literally, links only to http(s), nothing runs', async () => {
    const imported = await importFile(b, writePackFile(hostilePack(), 'hostile.json'));
    assert.match(imported.status, /Installed Hostile <img src=x onerror=/, imported.alert);

    const { page, cdp } = await openArticle(b, `${srv.url}/hostile-article.html`);
    const card = await hover(page, cdp, 'Ottoline Quillfeather');
    assert.equal(card?.name, 'Ottoline Quillfeather');
    const text = (card?.text ?? []).join(' ');
    assert.ok(text.includes(`Quote <img src=x onerror="${RUN}"> javascript:${RUN} data:text/html,<script>${RUN}</script>`), text);
    assert.ok(text.includes(`<script>${RUN}</script>`), 'the description shows as text');
    assert.ok(text.includes(`<svg onload="${RUN}">`), 'the event title shows as text');
    assert.ok(!/[\u202A-\u202E\u2066-\u2069]/.test(text), 'bidi overrides are removed');

    const elements = await piercedElements(cdp);
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
    assert.equal(await page.evaluate(() => (window as unknown as Record<string, unknown>).__backstoryPwned), undefined, 'no script ran in the page');

    // The summary and the source notes are in the full backstory (the side panel): text there too.
    await clickFullBackstory(page, cdp);
    const panel = await waitForSidePanel(cdp, b.extensionId);
    assert.ok(panel, 'the side panel opened');
    const panelSeen = await panelText(cdp, panel.targetId);
    assert.ok(panelSeen.includes('Summary <img src=x onerror="window.__backstoryPwned=1"> then <script>window.__backstoryPwned=1</script>'), panelSeen);
    assert.ok(!/[\u202A-\u202E\u2066-\u2069]/.test(panelSeen), 'bidi overrides are removed in the panel');
    const foreign = await evaluateInTarget(cdp, panel.targetId, '[...document.querySelectorAll("img, script:not([type=module]), [onload], [onerror]")].length');
    assert.equal(foreign, 0, 'no markup from the pack became elements in the panel');
    await page.close();
  });

  it('the content-script world cannot send any privileged message, and cannot open the import port', async () => {
    const before = await workerState(b);
    const { page, cdp } = await openArticle(b, `${srv.url}/hostile-article.html`);
    const world = await contentWorld(page, cdp, b.extensionId);
    const send = (kind: string, payload: unknown) =>
      evaluateIn<{ ok: boolean; error?: string; value?: unknown }>(cdp, world, `chrome.runtime.sendMessage(${JSON.stringify({ kind, payload })})`);

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
    const portOutcome = await evaluateIn<string>(
      cdp,
      world,
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

    const after = await workerState(b);
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

    const page = await b.context.newPage();
    await page.goto(`${srv.url}/pages/city-news.html`);
    const base = `chrome-extension://${b.extensionId}/`;
    const reachable = await page.evaluate(
      async ([base, files]) => {
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
    const popup = await b.context.newPage();
    popup.on('pageerror', (e) => problems.push(`popup: ${e.message}`));
    popup.on('console', (m) => m.type() === 'error' && problems.push(`popup console: ${m.text()}`));
    await popup.goto(extensionPage(b, 'popup'));
    await popup.getByRole('combobox').pressSequentially('Torkh', { delay: 30 });
    await popup
      .getByRole('option', { name: /Torkham/ })
      .first()
      .click();
    // The full backstory (Preact, in an open shadow root) rendered under the policy.
    await popup.getByRole('article', { name: 'Torkham' }).waitFor({ timeout: 5000 });
    await popup.close();

    const panel = await b.context.newPage();
    panel.on('pageerror', (e) => problems.push(`panel: ${e.message}`));
    panel.on('console', (m) => m.type() === 'error' && problems.push(`panel console: ${m.text()}`));
    await panel.goto(`chrome-extension://${b.extensionId}/src/panel/index.html?entity=${encodeURIComponent(SAMPLES.card.entity)}`);
    await panel.getByRole('article', { name: 'Torkham' }).waitFor({ timeout: 5000 });
    await panel.close();

    const options = await b.context.newPage();
    options.on('pageerror', (e) => problems.push(`options: ${e.message}`));
    options.on('console', (m) => m.type() === 'error' && problems.push(`options console: ${m.text()}`));
    await options.goto(extensionPage(b, 'options'));
    const row = options.locator('.pack-list > li').first();
    const toggle = row.getByRole('checkbox', { name: 'Enabled' });
    await toggle.click();
    await row.getByText('Off', { exact: true }).waitFor({ timeout: 5000 });
    await toggle.click();
    await row.getByText('Off', { exact: true }).waitFor({ state: 'detached', timeout: 5000 });
    await options.close();
    assert.deepEqual(problems, []);

    // Enforcement, not just the header: an HTML sink throws in our pages.
    const probe = await b.context.newPage();
    await probe.goto(extensionPage(b, 'options'));
    // As a string: the project's lint rightly refuses an HTML sink in source code.
    const sink = await probe.evaluate(`(() => {
      try { document.createElement('div').innerHTML = '<b>x</b>'; return 'assigned'; } catch (e) { return e.name; }
    })()`);
    assert.equal(sink, 'TypeError');
    await probe.close();
  });

  it('pack data never goes to storage.local or storage.sync', async () => {
    const page = await b.context.newPage();
    await page.goto(extensionPage(b, 'options'));
    const stored = await page.evaluate(async () => {
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
