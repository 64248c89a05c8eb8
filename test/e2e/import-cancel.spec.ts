import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { synthPack, writePack } from '../../src/cli/commands/synth';
import { synthArticle } from '../../src/cli/commands/synth-article';
import type { Pack } from '../../src/core/pack-format';
import { type Browser, extensionPage, hover, launch, openArticle, type Server, serve } from './harness';
import { cityPack, writePackFile } from './pack-fixtures';

async function waitForOutcome(page: Page, ms = 120_000): Promise<{ status: string; alert: string }> {
  await page.waitForFunction(
    () => {
      const s = document.querySelector('[role="status"]')?.textContent ?? '';
      const a = document.querySelector('[role="alert"]')?.textContent ?? '';
      return /Installed|Updated|cancelled/i.test(s) || a.trim().length > 0;
    },
    undefined,
    { timeout: ms },
  );
  return {
    status: (await page.locator('[role="status"]').allTextContents()).join(' '),
    alert: (await page.locator('[role="alert"]').allTextContents()).join(' '),
  };
}

async function installedIds(b: Browser): Promise<string[]> {
  const page = await b.context.newPage();
  await page.goto(extensionPage(b, 'popup'));
  const ids = await page.evaluate(async () => {
    const r = (await chrome.runtime.sendMessage({ kind: 'listPacks', payload: {} })) as { ok: boolean; value?: { id: string }[] };
    return (r.value ?? []).map((p) => p.id);
  });
  await page.close();
  return ids;
}

describe('a long import: progress, cancel, and hovering meanwhile', () => {
  let b: Browser;
  let srv: Server;
  let bigFile: string;
  let big: ReturnType<typeof synthPack>;
  before(async () => {
    srv = await serve();
    b = await launch();
    big = synthPack(20_000, 7);
    bigFile = path.join(mkdtempSync(path.join(tmpdir(), 'backstory-big-')), 'big.json');
    writePack(bigFile, big);
    const page = await b.context.newPage();
    await page.goto(extensionPage(b, 'options'));
    await page.getByLabel('Import a pack file').setInputFiles(writePackFile(cityPack(1), 'cities.json'));
    assert.match((await waitForOutcome(page)).status, /Installed/);
    await page.close();
  });
  after(async () => {
    await b?.close();
    srv?.close();
  });

  it('shows entity counts while saving, and Cancel leaves every installed pack as it was', async () => {
    const page = await b.context.newPage();
    await page.goto(extensionPage(b, 'options'));
    await page.getByLabel('Import a pack file').setInputFiles(bigFile);
    await page.waitForFunction(
      () => /Saving [1-9][\d,]* names \(\d+% of the file\)/.test(document.getElementById('import-phase')?.textContent ?? ''),
      undefined,
      {
        timeout: 60_000,
        polling: 10,
      },
    );
    assert.ok(await page.locator('progress#import-progress').isVisible(), 'a progress bar is shown');
    await page.getByRole('button', { name: 'Cancel' }).click();
    const outcome = await waitForOutcome(page);
    assert.match(outcome.status, /cancelled/i);
    assert.equal(outcome.alert.trim(), '');
    await page.close();
    const ids = await installedIds(b);
    assert.ok(ids.includes('city-test'), 'the earlier pack is still installed');
    assert.ok(!ids.includes(big.head.id as string), 'the cancelled pack is not installed');
    const { page: news, cdp } = await openArticle(b, `${srv.url}/pages/city-news.html`);
    assert.equal((await hover(news, cdp, 'Lahore'))?.name, 'Lahore');
    await news.close();
  });

  it('cards keep opening from the old data during an import, and from the new data after the switch', async () => {
    const article = synthArticle(big as unknown as Pack, { chars: 3000, mentions: 3, seed: 3 });
    srv.route('/big-news.html', (_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(article.html);
    });
    const { page: news, cdp } = await openArticle(b, `${srv.url}/pages/city-news.html`);
    const options = await b.context.newPage();
    await options.goto(extensionPage(b, 'options'));
    await options.getByLabel('Import a pack file').setInputFiles(bigFile);
    await options.waitForFunction(() => /Handing|Saving|Checking/.test(document.getElementById('import-phase')?.textContent ?? ''), undefined, {
      timeout: 60_000,
      polling: 10,
    });
    assert.equal((await hover(news, cdp, 'Lahore', 1, 10_000))?.name, 'Lahore', 'a card opens while the import runs');
    assert.match((await waitForOutcome(options)).status, /Installed/);
    await options.close();
    await news.close();
    const { page: fresh, cdp: cdp2 } = await openArticle(b, `${srv.url}/big-news.html`);
    const first = article.mentions[0];
    assert.equal((await hover(fresh, cdp2, first.text, first.nth, 5000))?.name, first.text, 'the new pack is live after the switch');
    await fresh.close();
  });
});
