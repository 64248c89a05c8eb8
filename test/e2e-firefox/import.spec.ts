import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ElementHandle, Page } from 'puppeteer-core';
import { cityPack, writePackFile } from '../e2e/pack-fixtures';
import { type FirefoxSession, hover, launchFirefox, openArticle, openExtensionPage, type Server, serve } from './harness-firefox';

/**
 * Pick a pack file in the options page's "Import a pack file" input and read the outcome.
 * Firefox's WebDriver BiDi sends no input.fileDialogOpened event for moz-extension pages, so the
 * chooser cannot be intercepted after a click; input.setFiles is what accepting it would do.
 */
async function importFile(s: FirefoxSession, file: string): Promise<{ page: Page; status: string; alert: string }> {
  const page = await openExtensionPage(s, 'options');
  const label = await page.$eval('label[for="pack-file"]', (l) => l.textContent?.trim());
  assert.equal(label, 'Import a pack file');
  const input = await page.$('#pack-file');
  assert.ok(input, 'the options page has a file input');
  await (input as ElementHandle<HTMLInputElement>).uploadFile(file);
  await page.waitForFunction(
    () => {
      const s = document.querySelector('[role="status"]')?.textContent ?? '';
      const a = document.querySelector('[role="alert"]')?.textContent ?? '';
      return /Installed|Updated/.test(s) || a.trim().length > 0;
    },
    { timeout: 20_000 },
  );
  const status = await page.$$eval('[role="status"]', (els) => els.map((e) => e.textContent ?? '').join(' '));
  const alert = await page.$$eval('[role="alert"]', (els) => els.map((e) => e.textContent ?? '').join(' '));
  return { page, status, alert };
}

describe('Firefox: importing packs on the options page', () => {
  let s: FirefoxSession;
  let srv: Server;
  before(async () => {
    srv = await serve();
    s = await launchFirefox();
  });
  after(async () => {
    await s?.close();
    srv?.close();
  });

  it('a valid pack makes its entities hoverable, next to the default pack', async () => {
    const { page, status } = await importFile(s, writePackFile(cityPack(1), 'cities.json'));
    assert.match(status, /Installed/);
    assert.match(await page.$eval('body', (b) => b.textContent ?? ''), /City test pack/);
    await page.close();
    const news = await openArticle(s, `${srv.url}/pages/city-news.html`);
    assert.equal((await hover(news, 'Lahore'))?.name, 'Lahore');
    assert.equal((await hover(news, 'Torkham'))?.name, 'Torkham', 'the default pack still works');
    await news.close();
  });

  it('a gzipped newer version replaces the pack; an invalid file shows an alert and changes nothing', async () => {
    const v2 = await importFile(s, writePackFile(cityPack(2, { withKarachi: false }), 'cities-v2.json.gz', { gzip: true }));
    assert.match(v2.status, /Updated|Installed/);
    await v2.page.close();
    const bad = cityPack(9) as { entities: { sources: { url: string }[] }[] };
    bad.entities[0].sources = [{ url: 'javascript:alert(1)' }];
    const invalid = await importFile(s, writePackFile(bad, 'invalid.json'));
    assert.match(invalid.alert, /entities\[0\]\.sources\[0\]\.url/);
    await invalid.page.close();
    const news = await openArticle(s, `${srv.url}/pages/city-news.html`);
    assert.equal(await hover(news, 'Karachi', 1, 1500), null, 'v2 removed Karachi');
    assert.match((await hover(news, 'Lahore'))?.text.join(' ') ?? '', /test pack v2/);
    await news.close();
  });
});
