/**
 * Run a journey suite once per browser: the same tests, driven through the one Driver interface
 * (test/shared/driver.ts), in Chromium and then in Firefox. BACKSTORY_BROWSERS=chromium (or
 * firefox) runs one of them, e.g. while working on a spec.
 */
import { after, before, describe } from 'node:test';
import type { BrowserName, Driver, Tab } from '../shared/driver';
import { launchChromium } from './drivers/chromium';
import { EXT, openBareChromium } from './drivers/chromium-browser';
import { launchFirefoxDriver } from './drivers/firefox';
import { EXT_FIREFOX, openBareFirefox } from './drivers/firefox-browser';
import { type Server, serve } from './server';

export const BROWSERS = (process.env.BACKSTORY_BROWSERS ?? 'chromium,firefox')
  .split(',')
  .map((s) => s.trim())
  .filter((s): s is BrowserName => s === 'chromium' || s === 'firefox');

/** What a suite's tests use: the browser's driver and the local web server (set once `before` ran). */
export interface Env {
  readonly browser: BrowserName;
  d: Driver;
  srv: Server;
  /** http://127.0.0.1:<port> of the local server (test/e2e/pages at /pages/, the demo at /demo/). */
  url: string;
}

export interface SuiteOptions {
  colorScheme?: 'light' | 'dark';
  /** The system asks for reduced motion (no fades: screenshots never catch a card half drawn). */
  reducedMotion?: boolean;
  /** Host names the browser resolves to 127.0.0.1 (a second name for the local server, over plain HTTP). */
  localNames?: string[];
  /** Runs before the browser starts (e.g. to put a file into the built extension); returns its undo. */
  prepare?: (browser: BrowserName) => () => void;
}

/** The built extension a browser loads. */
export const extensionDir = (browser: BrowserName): string => (browser === 'chromium' ? EXT : EXT_FIREFOX);

export function launchDriver(browser: BrowserName, opts: SuiteOptions = {}): Promise<Driver> {
  return browser === 'chromium' ? launchChromium(opts) : launchFirefoxDriver(opts);
}

/** `url` in the same browser without the extension (what a page is like without Backstory): a tab to read it, and its close. */
export async function openWithoutExtension(browser: BrowserName, url: string): Promise<{ tab: Pick<Tab, 'eval'>; close(): Promise<void> }> {
  if (browser === 'chromium') {
    const { page, close } = await openBareChromium(url);
    return { tab: { eval: (fn, arg) => page.evaluate(fn as never, arg) }, close };
  }
  const { page, close } = await openBareFirefox(url);
  return { tab: { eval: (fn, arg) => page.evaluate(fn as never, arg as never) as never }, close };
}

/** `describe(title)` once per browser, with a fresh browser profile and server per suite. */
export function inEachBrowser(title: string, body: (env: Env) => void, opts: SuiteOptions = {}): void {
  for (const browser of BROWSERS) {
    describe(`${browser}: ${title}`, () => {
      const env = { browser } as Env;
      let undo = () => {};
      before(async () => {
        undo = opts.prepare?.(browser) ?? undo;
        env.srv = await serve();
        env.url = env.srv.url;
        env.d = await launchDriver(browser, opts);
      });
      after(async () => {
        await env.d?.close();
        env.srv?.close();
        undo();
      });
      body(env);
    });
  }
}
