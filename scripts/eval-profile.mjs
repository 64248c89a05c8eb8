#!/usr/bin/env node
// Make a Chromium profile with a pack imported the way a person does it (options page, file
// chooser), for `node ../shared/tools/hover-eval.mjs --profile DIR` and `scripts/marks.mjs`.
//
//   node scripts/eval-profile.mjs --pack FILE --out DIR [--ext dist/chrome]
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { launchWithExtension, option } from './eval-browser.mjs';

const argv = process.argv.slice(2);
const pack = option(argv, '--pack', '');
const out = option(argv, '--out', '');
const ext = path.resolve(option(argv, '--ext', 'dist/chrome'));
if (!pack || !out) {
  console.error('usage: node scripts/eval-profile.mjs --pack FILE --out DIR [--ext dist/chrome]');
  process.exit(2);
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const { context, extensionId } = await launchWithExtension(ext, path.resolve(out));
try {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  await page.getByLabel('Import a pack file').setInputFiles(path.resolve(pack));
  // A large pack takes minutes to validate, store and compile on a small machine.
  await page.waitForFunction(
    () =>
      /Installed|Updated/.test(document.querySelector('[role="status"]')?.textContent ?? '') ||
      (document.querySelector('[role="alert"]')?.textContent ?? '').trim(),
    undefined,
    { timeout: 15 * 60_000, polling: 500 },
  );
  const alert = (await page.locator('[role="alert"]').allTextContents()).join(' ').trim();
  if (alert) throw new Error(`import failed: ${alert}`);
  console.log((await page.locator('[role="status"]').allTextContents()).join(' ').trim());
} finally {
  await context.close();
}
