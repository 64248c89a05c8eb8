/**
 * One driver for both browsers. A journey is written once against `Driver` and `Tab`;
 * test/e2e/drivers/chromium.ts implements them over Playwright/CDP, test/e2e/drivers/firefox.ts
 * over Puppeteer/WebDriver BiDi. The helpers below (hover, marks, import, settings) are built on
 * the interface only, so they exist once. Every wait is for a real condition; the only timed waits
 * are for real-time behaviour (the hover dwell), and say so.
 *
 * To extend: add a method to `Tab` or `Driver`, implement it in both drivers, and keep helpers that
 * need nothing browser-specific here.
 */
import assert from 'node:assert/strict';
import { locatePhrase, poll } from './page-probes';

export type BrowserName = 'chromium' | 'firefox';

export interface CardSeen {
  role: string;
  name: string;
  text: string[];
}

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Parts of the open card: the whole card, its scrolling body, first quote and its date, and the "Full backstory" button. */
export type CardBoxes = Partial<Record<'card' | 'body' | 'quote' | 'date' | 'full', Rect>>;

export interface Tab {
  eval<R>(fn: (arg: any) => R | Promise<R>, arg?: unknown): Promise<R>;
  click(x: number, y: number): Promise<void>;
  /** Type into the focused element, key by key. */
  type(text: string): Promise<void>;
  /** Choose a file in an <input type=file> as the file chooser would. */
  chooseFile(selector: string, file: string): Promise<void>;
  /** Open Backstory cards on a web page (closed shadow root), as the accessibility layer sees them. */
  readCards(): Promise<CardSeen[]>;
  close(): Promise<void>;
  /** Move the mouse there, in `steps` intermediate moves as a hand does. */
  move(x: number, y: number, steps?: number): Promise<void>;
  dblclick(x: number, y: number): Promise<void>;
  /** Press one key ('Escape', 'Tab', 'ArrowDown', 'End'…). */
  press(key: string): Promise<void>;
  /** A tap of a finger (touch screens). */
  tap(x: number, y: number): Promise<void>;
  /** Viewport boxes of the open card's parts (read outside the page, which cannot see them). */
  cardBoxes(): Promise<CardBoxes>;
  /** Make this the tab the reader is looking at. */
  bringToFront(): Promise<void>;
  /** A PNG of the viewport, or of `clip` (CSS pixels; document pixels with `fullPage`). */
  screenshot(clip?: Clip, fullPage?: boolean): Promise<Buffer>;
  /** Resize the tab's viewport. */
  setViewport(width: number, height: number): Promise<void>;
  /** Uncaught errors and console errors of this tab's page since it was opened. */
  errors(): string[];
  /**
   * Every element of the page, closed shadow roots included (read from outside the page: a page
   * script cannot see into Backstory's closed roots).
   */
  piercedElements(): Promise<ElementSeen[]>;
  /** Do `action` (a click that starts a download) and return the path of the file the browser saved. */
  download(action: () => Promise<void>): Promise<string>;
}

export interface Clip {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ElementSeen {
  name: string;
  attrs: Record<string, string>;
}

/** The full backstory page (Chromium's side panel, Firefox's sidebar page in a tab). */
export interface Panel {
  url: string;
  /** The panel's visible text, once its entity has loaded. */
  text: string;
  /** Whether it is shown in a tab (Firefox with its sidebar closed) rather than the browser's side panel. */
  inTab: boolean;
  /** Evaluate an expression in the panel page (JSON-serialisable result). */
  evaluate(expression: string): Promise<unknown>;
}

export interface Driver {
  readonly browser: BrowserName;
  /** The tab Backstory opened by itself after install, if any. */
  tabOpenedAtInstall(urlPart: string): Promise<Tab | null>;
  /** One of the extension's pages in a tab, e.g. 'src/options/index.html'. */
  openExtensionPage(p: string): Promise<Tab>;
  /** The toolbar popup, opened in a window of its own (it then acts on the tab the reader was on). */
  openPopup(): Promise<Tab>;
  openPage(url: string): Promise<Tab>;
  /** What the worker does on the keyboard command: tell the reader's tab to open a card. */
  keyboardCommand(pageUrl: string): Promise<void>;
  /** Send a tab message from the extension to the tab showing `pageUrl` (as the popup does); its reply, or null. */
  sendToTab(pageUrl: string, message: unknown): Promise<unknown>;
  /**
   * The full backstory page once one has opened (after "Full backstory" was clicked), or null;
   * with `entity`, once it shows that entity (a later click changes what the panel shows).
   */
  waitForPanel(ms?: number, entity?: string): Promise<Panel | null>;
  /** Stop the extension's background (service worker, event page) as the browser does when it is idle. */
  stopWorker(): Promise<void>;
  /** The extension's origin, with a trailing slash (chrome-extension://…/, moz-extension://…/). */
  readonly extensionOrigin: string;
  /**
   * Run `fn` in the extension's background (the service worker, or the event page) with that
   * background's global object as its first argument; its JSON-serialisable result.
   */
  inBackground<A, R>(fn: (global: typeof globalThis, arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Close the browser and start it again on the same profile (as a reader restarting it, or updating the extension). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

// ---------------------------------------------------------------- waiting in a page

/** Poll `probe` in the tab until it returns something truthy; fail the test after `ms`. */
export async function waitFor<T>(tab: Tab, probe: (arg: any) => T | null | undefined | false | Promise<T | null>, arg?: unknown, ms = 20_000): Promise<T> {
  const got = await poll(async () => ((await tab.eval(probe, arg)) as T) || null, ms);
  assert.ok(got, `condition not met within ${ms} ms: ${probe.toString().slice(0, 160)}`);
  return got as T;
}

/** Which element a click is for: the first match of the selector whose text includes `text`. */
export interface Aim {
  text?: string;
  /** Only a control that is not disabled. */
  enabled?: boolean;
  /** Only inside the list item whose `.pack-title` is this (a pack's or subscription's row). */
  within?: string;
  /** How long to wait for it (default 20 s). */
  ms?: number;
}

/**
 * The centre of the element `aim` names, scrolled into view. With `watch`, the page also records
 * where the next click lands (before any of its handlers run): '' on the element, a description of
 * what was hit instead.
 */
function aimAt(tab: Tab, selector: string, aim: Aim, watch: boolean): Promise<{ x: number; y: number }> {
  return waitFor(
    tab,
    ({ selector, text, enabled, within, watch }: Aim & { selector: string; watch: boolean }) => {
      const el = [...document.querySelectorAll<HTMLElement>(selector)].find(
        (e) =>
          (!text || (e.textContent ?? '').includes(text)) &&
          !(enabled && (e as HTMLButtonElement).disabled) &&
          (!within || e.closest('li')?.querySelector('.pack-title')?.textContent?.trim() === within),
      );
      if (!el) return null;
      el.scrollIntoView({ block: 'center' });
      const r = el.getBoundingClientRect();
      if (r.width <= 0) return null;
      if (watch) {
        const w = window as unknown as { __landed?: string | null };
        w.__landed = null;
        document.addEventListener(
          'click',
          (e) => {
            const t = e.target as Element | null;
            w.__landed = !t || el.contains(t) ? '' : `${t.tagName.toLowerCase()} "${(t.textContent ?? '').trim().slice(0, 40)}"`;
          },
          { capture: true, once: true },
        );
      }
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    },
    { selector, ...aim, watch },
    aim.ms,
  );
}

/** Centre of the first element matching a selector whose text matches `text`, scrolled into view. */
export const centreOf = (tab: Tab, selector: string, text?: string): Promise<{ x: number; y: number }> => aimAt(tab, selector, { text }, false);

/**
 * Click the element with the mouse, at its centre, and check that the click landed on it. A page
 * that moved under the pointer (content loading above the element) fails here, by name, instead of
 * as a wait for an effect that never comes. A click that took the tab to another page (a link) has
 * nothing left to check.
 */
export async function clickOn(tab: Tab, selector: string, text?: string, aim: Omit<Aim, 'text'> = {}): Promise<void> {
  const at = await aimAt(tab, selector, { ...aim, text }, true);
  await tab.click(at.x, at.y);
  const landed = await tab
    .eval(() => {
      const w = window as unknown as { __landed?: string | null };
      return w.__landed === undefined ? false : w.__landed;
    })
    .catch(() => false as const);
  if (landed === false) return;
  const where = `the click meant for ${selector}${text ? ` "${text}"` : ''} at (${Math.round(at.x)}, ${Math.round(at.y)})`;
  assert.notEqual(landed, null, `${where} never reached the page`);
  assert.equal(landed, '', `${where} landed on ${landed}: the page moved under the pointer`);
}

/** Click a text field until it has the focus, clear it, type key by key, and wait until it holds exactly that text. */
export async function typeInto(tab: Tab, selector: string, text: string): Promise<void> {
  // The page may still be laying out (lists arriving from the worker push the field down): click
  // again until the field really has the focus.
  const focused = await poll(async () => {
    const at = await centreOf(tab, selector);
    await tab.click(at.x, at.y);
    return (await tab.eval((sel: string) => document.activeElement === document.querySelector(sel), selector)) || null;
  }, 20_000);
  assert.ok(focused, `${selector} took the focus`);
  await tab.eval((sel: string) => (document.querySelector(sel) as HTMLInputElement).select(), selector);
  await tab.press('Backspace');
  if (text) await tab.type(text);
  await waitFor(tab, ({ sel, text }: { sel: string; text: string }) => (document.querySelector(sel) as HTMLInputElement).value === text || null, {
    sel: selector,
    text,
  });
}

// ---------------------------------------------------------------- cards

export const waitForCard = (tab: Tab, ms = 4000): Promise<CardSeen | null> => poll(async () => (await tab.readCards())[0] ?? null, ms);

export const waitForNoCard = async (tab: Tab, ms = 3000): Promise<boolean> =>
  (await poll(async () => ((await tab.readCards()).length ? null : true), ms)) ?? false;

/** Point of the nth occurrence of `text` in the page's body text (like the black-box judge), scrolled into view. */
export async function pointAt(tab: Tab, text: string, nth = 1): Promise<{ x: number; y: number }> {
  const at = await tab.eval(locatePhrase, { text, nth });
  if (!at) throw new Error(`"${text}" #${nth} is not on the page`);
  return at;
}

/** Hover a phrase the way a hand does (move there, rest) and return the card that opens within `ms`, if any. */
export async function hover(tab: Tab, text: string, nth = 1, ms = 4000): Promise<CardSeen | null> {
  await tab.move(1270, 890);
  assert.ok(await waitForNoCard(tab), 'no card is open before the hover');
  const p = await pointAt(tab, text, nth);
  await tab.move(Math.max(1, p.x - 30), p.y + 40);
  await tab.move(p.x, p.y, 4);
  return waitForCard(tab, ms);
}

/**
 * Assert that no card opens for `ms`. A card opens after the dwell (0–1.5 s) once the pointer rests:
 * only waiting out that real-time window can show that none will. Pair it with a positive check
 * on the same page (a card that does open, or the marks being there).
 */
export async function assertNoCardFor(tab: Tab, ms: number, why: string): Promise<void> {
  const card = await poll(async () => (await tab.readCards())[0] ?? null, ms);
  assert.equal(card, null, `${why} (a card for ${card?.name} opened)`);
}

// ---------------------------------------------------------------- what the content script found

export interface Mark {
  name: string;
  count: number;
}

/** Names the content script marked in this tab (what the popup's "On this page" lists); null while Backstory is not running there. */
export async function marks(d: Driver, tab: Tab): Promise<Mark[] | null> {
  const url = await tab.eval(() => location.href);
  const reply = await d.sendToTab(url, { kind: 'onThisPage' });
  return Array.isArray(reply) ? (reply as Mark[]).map((m) => ({ name: m.name, count: m.count })) : null;
}

/** Wait until every name in `names` is marked in the tab, each at least `minCount` times (at least one name when `names` is empty); the marks. */
export async function waitForMarks(d: Driver, tab: Tab, names: string[] = [], ms = 20_000, minCount = 1): Promise<Mark[]> {
  const got = await poll(async () => {
    const m = await marks(d, tab);
    return m && m.length > 0 && names.every((n) => m.some((x) => x.name === n && x.count >= minCount)) ? m : null;
  }, ms);
  assert.ok(got, `marked ${minCount}× on ${await tab.eval(() => location.href)}: ${names.join(', ') || 'some name'}`);
  return got;
}

/** Whether Backstory runs on the tab's page; waits for the content script's answer (it answers once it has checked). */
export async function siteActive(d: Driver, tab: Tab, ms = 20_000): Promise<boolean> {
  const url = await tab.eval(() => location.href);
  const info = await poll(async () => (await d.sendToTab(url, { kind: 'siteInfo' })) as { active: boolean } | null, ms);
  assert.ok(info, `the content script answered on ${url}`);
  return info.active;
}

/** Open a page and wait until Backstory has marked the given names on it (some name, if none are given). */
export async function openArticle(d: Driver, url: string, names: string[] = []): Promise<Tab> {
  const tab = await d.openPage(url);
  await waitForMarks(d, tab, names);
  return tab;
}

/** Open a page where Backstory must be off, and wait for the content script to confirm it is. */
export async function openOffPage(d: Driver, url: string): Promise<Tab> {
  const tab = await d.openPage(url);
  assert.equal(await siteActive(d, tab), false, `Backstory is off on ${url}`);
  return tab;
}

/** Click the open card's "Full backstory" button with the mouse, as a reader does. */
export async function clickFullBackstory(tab: Tab): Promise<void> {
  const { full } = await tab.cardBoxes();
  assert.ok(full, 'the card has a "Full backstory" button');
  const x = (full.left + full.right) / 2;
  const y = (full.top + full.bottom) / 2;
  await tab.move(x, y, 3);
  await tab.click(x, y);
}

// ---------------------------------------------------------------- the worker, and the options page

/** Ask the worker something from an extension page (runs chrome.runtime.sendMessage there). */
export function ask<T>(tab: Tab, kind: string, payload: unknown = {}): Promise<{ ok: boolean; value?: T; error?: string }> {
  return tab.eval(
    async ({ kind, payload }: { kind: string; payload: unknown }) => (await chrome.runtime.sendMessage({ kind, payload })) as { ok: boolean; value?: T },
    { kind, payload },
  );
}

/** Installed packs, as the worker lists them (from an extension page). */
export async function listPacks(tab: Tab): Promise<{ id: string; title: string; enabled?: boolean }[]> {
  const r = await ask<{ id: string; title: string; enabled?: boolean }[]>(tab, 'listPacks');
  return r.ok ? (r.value ?? []) : [];
}

/** Wait until the worker lists at least `min` packs (the first run installs the default pack). */
export async function waitForPacks(tab: Tab, min = 1, ms = 30_000): Promise<void> {
  const n = await poll(async () => ((await listPacks(tab)).length >= min ? true : null), ms);
  assert.ok(n, `the worker lists ${min} pack(s) within ${ms} ms`);
}

/** The import outcome shown on the options page: its status and alert texts. */
export interface ImportOutcome {
  status: string;
  alert: string;
}

/** Read the options page's import outcome once it has one matching `done` (or any alert). */
export async function importOutcome(options: Tab, done = /Installed|Updated/, ms = 60_000): Promise<ImportOutcome> {
  return waitFor(
    options,
    (done: string) => {
      const status = [...document.querySelectorAll('[role="status"]')].map((e) => e.textContent ?? '').join(' ');
      const alert = [...document.querySelectorAll('[role="alert"]')].map((e) => e.textContent ?? '').join(' ');
      return new RegExp(done, 'i').test(status) || alert.trim() ? { status, alert } : null;
    },
    done.source,
    ms,
  );
}

/** Pick a pack file in the options page's "Import a pack file" input and read the outcome. */
export async function importFile(d: Driver, file: string): Promise<ImportOutcome & { tab: Tab }> {
  const tab = await d.openExtensionPage('src/options/index.html');
  const label = await waitFor(tab, () => document.querySelector('label[for="pack-file"]')?.textContent?.trim());
  assert.equal(label, 'Import a pack file');
  await tab.chooseFile('#pack-file', file);
  return { tab, ...(await importOutcome(tab)) };
}

/**
 * Change a setting on the options page with `act` and wait until the page says "<label>: saved."
 * and the worker has the new value (`check` on its settings).
 */
export async function saveSetting(options: Tab, label: string, act: () => Promise<void>, check: (s: Record<string, unknown>) => boolean): Promise<void> {
  // The controls stay disabled until the page has the settings from the worker.
  await waitFor(options, () => document.querySelector('#set-enabled:not([disabled])') !== null || null);
  // The status line clears itself 2.5 s after a save; an earlier save's words must not count.
  await waitFor(options, () => !document.querySelector('.saved-status .saved') || null, undefined, 5000);
  await act();
  const said = await waitFor(options, () => document.querySelector('.saved-status .saved')?.textContent ?? null);
  assert.equal(said, `${label}: saved.`);
  const ok = await poll(async () => {
    const r = await ask<Record<string, unknown>>(options, 'getSettings');
    return r.ok && r.value && check(r.value) ? true : null;
  }, 10_000);
  assert.ok(ok, `the worker has the new ${label}`);
}

/** Runs IN AN EXTENSION PAGE (pass it to eval): switch every installed pack on or off. */
export async function setAllPacks(on: boolean): Promise<void> {
  const send = (kind: string, payload: unknown) => chrome.runtime.sendMessage({ kind, payload }) as Promise<{ ok: boolean; value: { id: string }[] }>;
  const packs = await send('listPacks', {});
  for (const p of packs.value) await send('setPackEnabled', { id: p.id, enabled: on });
}
