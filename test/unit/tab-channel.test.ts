// @vitest-environment happy-dom
// The typed tab channel (popup/worker → content script) and the options page's notice of a
// worker problem: replies are checked against the protocol table, anything else is an error value;
// the content script answers only messages of the table; a failed built-in pack install is shown.
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type WorkerProblem } from '../../src/shared/card-data';
import type { TabHandlers } from '../../src/shared/messaging';
import { fake, resetFake } from './fake-browser';
import { getMessage } from './fake-i18n';

vi.mock('../../src/shared/browser', async () => (await import('./fake-browser')).browserModule);

const { sendToTab, receiveTabMessage } = await import('../../src/shared/messaging');
const { App } = await import('../../src/options/App');

afterEach(resetFake);

describe('sendToTab', () => {
  it('sends the kind and its fields to the tab and returns the checked reply', async () => {
    const sent: [number, unknown][] = [];
    fake.tabReply = (m, id) => {
      sent.push([id, m]);
      return true;
    };
    expect(await sendToTab(7, 'reveal', { entity: 'pack:ada' })).toEqual({ ok: true, value: true });
    expect(sent).toEqual([[7, { kind: 'reveal', entity: 'pack:ada' }]]);
  });

  it('keeps only well-formed items of a page’s list of names', async () => {
    const good = { key: 'pack:ada', name: 'Ada', type: 'person', count: 2 };
    fake.tabReply = () => [good, { ...good, key: 'not a key' }, { ...good, count: Number.NaN }, { ...good, name: 7 }, null, 'x'];
    expect(await sendToTab(1, 'onThisPage')).toEqual({ ok: true, value: [good] });
  });

  it('clips the host a page reports', async () => {
    fake.tabReply = () => ({ host: 'a'.repeat(500), url: 'https://a.example/', active: true });
    const r = await sendToTab(1, 'siteInfo');
    expect(r.ok && r.value.host.length).toBe(300);
  });

  it.each([
    ['no answer (no session on the page)', () => undefined, /did not answer "reveal"/],
    ['a reply of the wrong shape', () => 'yes', /did not answer "reveal"/],
    ['no content script in the tab', () => Promise.reject(new Error('Receiving end does not exist.')), /cannot be reached: Receiving end/],
  ])('turns %s into an error value', async (_what, reply, message) => {
    fake.tabReply = reply;
    const r = await sendToTab(1, 'reveal', { entity: 'pack:ada' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});

describe('receiveTabMessage (the content script’s side)', () => {
  const calls: unknown[] = [];
  const handlers: TabHandlers = {
    onThisPage: () => Promise.resolve([]),
    reveal: (m) => {
      calls.push(m.entity);
      return Promise.resolve(true);
    },
    openAtSelection: () => undefined,
    settingsChanged: () => Promise.resolve(false),
    siteInfo: () => Promise.resolve({ host: 'a.example', url: 'https://a.example/', active: true }),
    panelRequest: () => Promise.resolve(null),
  };
  afterEach(() => {
    calls.length = 0;
  });

  it('hands each message of the table to its handler', async () => {
    expect(await receiveTabMessage(handlers, { kind: 'reveal', entity: 'pack:ada' })).toBe(true);
    expect(calls).toEqual(['pack:ada']);
    expect(await receiveTabMessage(handlers, { kind: 'siteInfo' })).toEqual({ host: 'a.example', url: 'https://a.example/', active: true });
  });

  it('answers nothing to unknown kinds, malformed payloads and handlers without a session', () => {
    expect(receiveTabMessage(handlers, { kind: 'detect' })).toBeUndefined();
    expect(receiveTabMessage(handlers, { kind: 'reveal', entity: '<img src=x>' })).toBeUndefined();
    expect(receiveTabMessage(handlers, 'reveal')).toBeUndefined();
    expect(receiveTabMessage(handlers, { kind: 'openAtSelection' })).toBeUndefined();
    expect(calls).toEqual([]);
  });
});

describe('the options page shows a problem of the worker', () => {
  async function optionsWith(problem: WorkerProblem | null): Promise<HTMLElement> {
    fake.reply = (m) => {
      const { kind } = m as { kind: string };
      if (kind === 'workerStatus') return { ok: true, value: { problem } };
      if (kind === 'getSettings') return { ok: true, value: DEFAULT_SETTINGS };
      return { ok: true, value: [] };
    };
    const root = document.createElement('div');
    document.body.append(root);
    await act(async () => {
      render(h(App, {}), root);
    });
    await vi.waitFor(() => expect(root.textContent).toContain(getMessage('welcomePacksTitle')));
    return root;
  }

  it('a failed built-in pack install: one plain sentence, the technical text behind Details', async () => {
    const root = await optionsWith({ code: 'defaultPack', details: 'The default pack could not be installed: disk full' });
    const notice = await vi.waitFor(() => {
      const el = root.querySelector('#worker-problem');
      if (!el) throw new Error('no notice yet');
      return el;
    });
    expect(notice.getAttribute('role')).toBe('alert');
    expect(notice.querySelector('.bs-error-summary')?.textContent).toContain(getMessage('errDefaultPack'));
    expect(notice.querySelector('pre')?.textContent).toBe('The default pack could not be installed: disk full');
  });

  it('a database that did not open has its own sentence; no problem, no notice', async () => {
    const broken = await optionsWith({ code: 'database', details: 'could not be opened' });
    await vi.waitFor(() => expect(broken.querySelector('#worker-problem .bs-error-summary')?.textContent).toContain(getMessage('errWorkerDatabase')));
    const fine = await optionsWith(null);
    await act(async () => {});
    expect(fine.querySelector('#worker-problem')).toBeNull();
  });
});
