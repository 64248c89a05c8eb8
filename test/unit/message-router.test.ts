import { describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../src/background/handlers';
import { createRouter, type Handlers } from '../../src/background/message-router';
import type { PackService } from '../../src/background/pack-service';
import { CONTENT_KINDS, classifySender, mayConnect, type SenderInfo } from '../../src/background/sender-policy';
import { CONTENT_CAPS, MESSAGES, type MessageKind, PORTS } from '../../src/shared/messages';
import { SAMPLES } from './message-samples';

// The handlers' modules import the one browser-API module; the router under test never calls it.
vi.mock('../../src/shared/browser', async () => (await import('./fake-browser')).browserModule);

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;

const KINDS = Object.keys(MESSAGES) as MessageKind[];
const PRIVILEGED = KINDS.filter((k) => !CONTENT_KINDS.includes(k));

/** Handlers that record every call; a refused message must leave `calls` empty. */
function spyHandlers() {
  const calls: { kind: string; payload: unknown; sender: unknown }[] = [];
  const handlers = Object.fromEntries(
    KINDS.map((k) => [
      k,
      async (payload: unknown, sender: unknown) => {
        calls.push({ kind: k, payload, sender });
        return `handled ${k}`;
      },
    ]),
  ) as unknown as Handlers;
  return { calls, route: createRouter(handlers, ID, ORIGIN) };
}

const contentScript: SenderInfo = { id: ID, url: 'https://news.example/story', origin: 'https://news.example', tab: { id: 7 }, frameId: 0 };
const optionsPage: SenderInfo = { id: ID, url: `${ORIGIN}src/options/index.html`, origin: `chrome-extension://${ID}`, tab: { id: 9 }, frameId: 0 };
const popupPage: SenderInfo = { id: ID, url: `${ORIGIN}src/popup/index.html`, origin: `chrome-extension://${ID}` };

/** Senders that must never be treated as our own pages: each a way a page or another extension could try to look like one. */
const FORGED: [string, SenderInfo][] = [
  ['our content script in a web page', contentScript],
  ['our content script in a subframe', { ...contentScript, frameId: 3 }],
  ['another extension, with a URL under our origin', { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: `${ORIGIN}src/options/index.html` }],
  ['a web page (no extension id)', { url: 'https://evil.example/', origin: 'https://evil.example', tab: { id: 4 }, frameId: 0 }],
  ['no id and our URL', { url: `${ORIGIN}src/options/index.html` }],
  ['our id, our URL, but a web origin', { ...optionsPage, origin: 'https://evil.example' }],
  ['a look-alike host', { id: ID, url: `chrome-extension://${ID}.evil.example/src/options/index.html`, tab: { id: 4 }, frameId: 0 }],
  ['our origin inside a web URL', { id: ID, url: `https://evil.example/${ORIGIN}src/options/index.html`, tab: { id: 4 }, frameId: 0 }],
  ['a blob: URL', { id: ID, url: `blob:https://evil.example/4b1c`, tab: { id: 4 }, frameId: 0 }],
  ['a data: URL', { id: ID, url: 'data:text/html,<script>1</script>', tab: { id: 4 }, frameId: 0 }],
  ['a javascript: URL', { id: ID, url: 'javascript:alert(1)', tab: { id: 4 }, frameId: 0 }],
  ['about:blank', { id: ID, url: 'about:blank', tab: { id: 4 }, frameId: 0 }],
  ['a file: URL', { id: ID, url: 'file:///etc/passwd', tab: { id: 4 }, frameId: 0 }],
  ['no URL at all', { id: ID, tab: { id: 4 }, frameId: 0 }],
  ['a malformed URL', { id: ID, url: 'http://[::1', tab: { id: 4 }, frameId: 0 }],
];

/** The forged senders that are, in fact, our content script on some http(s) page. */
const CONTENT_LIKE = new Set(['our content script in a web page', 'our origin inside a web URL']);

describe('the protocol table', () => {
  it('has a valid sample for every kind (so the tests below cover new kinds)', async () => {
    const { route, calls } = spyHandlers();
    for (const k of KINDS) {
      const fromPage = (MESSAGES[k].from as readonly string[]).includes('extension-page');
      const r = await route({ kind: k, payload: SAMPLES[k] }, fromPage ? optionsPage : contentScript);
      expect(r, k).toEqual({ ok: true, value: `handled ${k}` });
    }
    expect(calls.map((c) => c.kind)).toEqual(KINDS);
  });

  it('lets content scripts send exactly the read-only lookups, nothing else', () => {
    const fromContent = KINDS.filter((k) => (MESSAGES[k].from as readonly string[]).includes('content'));
    expect(new Set(fromContent)).toEqual(new Set(CONTENT_KINDS));
    for (const k of ['import', 'previewSubscription', 'subscribe', 'unsubscribe', 'syncNow', 'setSettings', 'exportPack', 'removePack', 'setPackEnabled']) {
      expect(CONTENT_KINDS).not.toContain(k);
    }
  });

  it('caps every content-reachable payload (arrays and strings have a maximum)', async () => {
    const { route, calls } = spyHandlers();
    const huge = 'x'.repeat(CONTENT_CAPS.textChars + 1);
    const tooMany = (n: number) => Array.from({ length: n + 1 }, () => 'default:torkham');
    const oversized: [MessageKind, unknown][] = [
      ['detect', { text: huge, context: { seen: [], unknown: [] } }],
      ['detect', { text: 'a', context: { seen: tooMany(CONTENT_CAPS.contextItems), unknown: [] } }],
      ['detect', { text: 'a', context: { seen: [], unknown: Array(CONTENT_CAPS.contextItems + 1).fill('khan') } }],
      ['card', { entity: 'default:torkham', pageEntities: tooMany(CONTENT_CAPS.pageEntities) }],
      ['card', { entity: `default:${'a'.repeat(400)}` }],
      ['entityNames', { keys: tooMany(CONTENT_CAPS.pageEntities) }],
      ['contentSettings', { host: 'h'.repeat(301) }],
    ];
    for (const [kind, payload] of oversized) {
      const r = await route({ kind, payload }, contentScript);
      expect(r, kind).toEqual({ ok: false, error: `refused: bad payload for "${kind}"` });
    }
    expect(calls).toEqual([]);
  });
});

describe('messages from a tab', () => {
  it.each(PRIVILEGED)('refuses privileged "%s" from a content script, before any handler runs', async (kind) => {
    const { route, calls } = spyHandlers();
    const r = await route({ kind, payload: SAMPLES[kind] }, contentScript);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error).toMatch(/^refused: /);
    expect(calls).toEqual([]);
  });

  it.each(KINDS)('refuses "%s" from every forged sender that is not one of our pages', async (kind) => {
    for (const [label, sender] of FORGED) {
      const { route, calls } = spyHandlers();
      const r = await route({ kind, payload: SAMPLES[kind] }, sender);
      // Only a genuine top-frame content script in an http(s) tab may look things up.
      const allowedAsContent = CONTENT_KINDS.includes(kind) && CONTENT_LIKE.has(label);
      if (allowedAsContent) {
        expect(r, `${kind} from ${label}`).toEqual({ ok: true, value: `handled ${kind}` });
        expect(calls[0].sender).toEqual({ kind: 'content', tabId: sender.tab?.id, host: new URL(sender.url as string).hostname });
      } else {
        expect(r.ok, `${kind} from ${label}`).toBe(false);
        expect(calls, `${kind} from ${label}`).toEqual([]);
      }
    }
  });

  it.each(CONTENT_KINDS)('serves read-only "%s" to the content script and tells the handler it came from a tab', async (kind) => {
    const { route, calls } = spyHandlers();
    const r = await route({ kind, payload: SAMPLES[kind] }, contentScript);
    expect(r).toEqual({ ok: true, value: `handled ${kind}` });
    expect(calls).toEqual([{ kind, payload: SAMPLES[kind], sender: { kind: 'content', tabId: 7, host: 'news.example' } }]);
  });

  it('tells a handler the sending document where the browser names it (Chrome), from the sender only', async () => {
    const { route, calls } = spyHandlers();
    await route({ kind: 'scopeAgain', payload: { documentId: 'forged' } }, { ...contentScript, documentId: 'doc-9' });
    await route({ kind: 'scopeAgain', payload: {} }, { ...contentScript, documentId: 'doc-9', url: 'chrome-extension://x/y' });
    expect(calls).toEqual([{ kind: 'scopeAgain', payload: {}, sender: { kind: 'content', tabId: 7, host: 'news.example', documentId: 'doc-9' } }]);
  });

  it('refuses kinds that are not in the table, including prototype keys', async () => {
    const { route, calls } = spyHandlers();
    for (const kind of ['import', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 42, null]) {
      const r = await route({ kind, payload: {} }, optionsPage);
      expect(r.ok, String(kind)).toBe(false);
    }
    for (const message of [null, undefined, 'listPacks', 7, [], { payload: {} }]) {
      expect((await route(message, optionsPage)).ok).toBe(false);
    }
    expect(calls).toEqual([]);
  });

  it('passes handlers only the schema output, not extra keys a page smuggled in', async () => {
    const { route, calls } = spyHandlers();
    await route({ kind: 'card', payload: { entity: 'default:torkham', sender: 'extension-page', __proto__: { polluted: 1 } }, kind2: 'x' }, contentScript);
    expect(calls[0].payload).toEqual({ entity: 'default:torkham' });
    expect(calls[0].sender).toEqual({ kind: 'content', tabId: 7, host: 'news.example' });
  });

  it('turns a handler failure into an error value', async () => {
    const handlers = Object.fromEntries(
      KINDS.map((k) => [
        k,
        async () => {
          throw new Error(`boom in ${k}`);
        },
      ]),
    ) as unknown as Handlers;
    const route = createRouter(handlers, ID, ORIGIN);
    expect(await route({ kind: 'card', payload: SAMPLES.card }, contentScript)).toEqual({ ok: false, error: 'boom in card' });
  });
});

describe('classifySender', () => {
  it('recognises our popup and options pages (in a tab or not) and our top-frame content script', () => {
    expect(classifySender(popupPage, ID, ORIGIN)).toBe('extension-page');
    expect(classifySender(optionsPage, ID, ORIGIN)).toBe('extension-page');
    expect(classifySender(contentScript, ID, ORIGIN)).toBe('content');
    expect(classifySender({ ...contentScript, url: 'http://127.0.0.1:8080/a', origin: 'http://127.0.0.1:8080' }, ID, ORIGIN)).toBe('content');
  });

  it('never classifies a forged sender as an extension page', () => {
    for (const [label, sender] of FORGED) expect(classifySender(sender, ID, ORIGIN), label).toBe(CONTENT_LIKE.has(label) ? 'content' : null);
  });

  it('refuses everything when our own id is unknown', () => {
    expect(classifySender({ ...optionsPage, id: '' }, '', ORIGIN)).toBeNull();
  });
});

describe('ports', () => {
  it('only our own pages may open the import port, and only by its name', () => {
    expect(mayConnect(PORTS.import.name, optionsPage, ID, ORIGIN)).toBe(true);
    expect(mayConnect('backstory-export', optionsPage, ID, ORIGIN)).toBe(false);
    for (const [label, sender] of FORGED) expect(mayConnect(PORTS.import.name, sender, ID, ORIGIN), label).toBe(false);
  });
});

describe('contentSettings: the site comes from the sender, never from the payload', () => {
  /** The real handlers over a service that knows only settings; one site is paused. */
  function realRoute() {
    const settings = { enabled: true, underlines: 'every', cardTheme: 'auto', dwellMs: 250, pausedSites: ['paused.example'], syncHours: 6 };
    const service = { settings: async () => settings } as unknown as PackService;
    return createRouter(createHandlers(service), ID, ORIGIN);
  }
  const on = (url: string): SenderInfo => ({ id: ID, url, origin: new URL(url).origin, tab: { id: 7 }, frameId: 0 });

  it('a page on a paused site cannot switch Backstory on by naming another host', async () => {
    const route = realRoute();
    for (const payload of [{}, { host: 'news.example' }, { host: 'www.news.example' }, { host: '' }]) {
      const r = await route({ kind: 'contentSettings', payload }, on('https://www.paused.example/story'));
      expect(r, JSON.stringify(payload)).toEqual({ ok: true, value: { active: false, underlines: 'every', cardTheme: 'auto', dwellMs: 250 } });
    }
  });

  it('a page on an active site cannot learn (or probe) the paused list by naming a paused host', async () => {
    const route = realRoute();
    for (const payload of [{}, { host: 'paused.example' }, { host: 'www.paused.example' }]) {
      const r = await route({ kind: 'contentSettings', payload }, on('https://news.example/story'));
      expect(r, JSON.stringify(payload)).toEqual({ ok: true, value: { active: true, underlines: 'every', cardTheme: 'auto', dwellMs: 250 } });
    }
  });

  it('the options page may still ask about any site by name', async () => {
    const route = realRoute();
    expect(await route({ kind: 'contentSettings', payload: { host: 'paused.example' } }, optionsPage)).toMatchObject({ ok: true, value: { active: false } });
    expect(await route({ kind: 'contentSettings', payload: { host: 'news.example' } }, optionsPage)).toMatchObject({ ok: true, value: { active: true } });
  });
});
