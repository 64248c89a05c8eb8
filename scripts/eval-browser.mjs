// Shared by the evaluation scripts: Chromium with the built extension on a given profile.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export async function launchWithExtension(ext, profile) {
  if (!existsSync(path.join(ext, 'manifest.json'))) throw new Error(`no manifest.json in ${ext}: run \`npm run build\` first`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync', `--disable-extensions-except=${ext}`, `--load-extension=${ext}`],
  });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker', { timeout: 30_000 });
  return { context, extensionId: new URL(worker.url()).host };
}

/** Read a flag's value from argv (removing it), or the default. */
export function option(argv, name, fallback) {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const v = argv[i + 1];
  argv.splice(i, 2);
  return v;
}

/**
 * Plain Chromium (no extension) for the scope harnesses, offline: requests off `origin` fail, and a
 * saved page's script that navigates away (to https, to an error page) gets a 204 and stays put.
 */
export async function launchOffline(origin) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route('**/*', (route) => {
    const req = route.request();
    if (req.url().startsWith(origin)) return route.continue();
    if (req.isNavigationRequest()) return route.fulfill({ status: 204 });
    return route.abort();
  });
  return { browser, context };
}

/** The content script's scope modules (scripts/eval-scope-entry.ts), bundled for injection into a page. */
export async function scopeBundle() {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [path.join(import.meta.dirname, 'eval-scope-entry.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    logLevel: 'error',
  });
  return out.outputFiles[0].text;
}
