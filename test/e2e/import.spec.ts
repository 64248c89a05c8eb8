import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type Browser, extensionPage, hover, launch, openArticle, type Server, serve } from './harness';
import { cityPack, writePackFile } from './pack-fixtures';

async function importFile(b: Browser, file: string): Promise<{ page: Page; status: string; alert: string }> {
  const page = await b.context.newPage();
  await page.goto(extensionPage(b, 'options'));
  await page.getByLabel('Import a pack file').setInputFiles(file);
  await page.waitForFunction(
    () => {
      const s = document.querySelector('[role="status"]')?.textContent ?? '';
      const a = document.querySelector('[role="alert"]')?.textContent ?? '';
      return /Installed|Updated/.test(s) || a.trim().length > 0;
    },
    undefined,
    { timeout: 20_000 },
  );
  const status = (await page.locator('[role="status"]').allTextContents()).join(' ');
  const alert = (await page.locator('[role="alert"]').allTextContents()).join(' ');
  return { page, status, alert };
}

describe('importing packs on the options page', () => {
  let b: Browser;
  let srv: Server;
  before(async () => {
    srv = await serve();
    b = await launch();
  });
  after(async () => {
    await b?.close();
    srv?.close();
  });

  it('a valid pack makes its entities hoverable, next to the default pack', async () => {
    const { page, status } = await importFile(b, writePackFile(cityPack(1), 'cities.json'));
    assert.match(status, /Installed/);
    assert.match((await page.locator('body').textContent()) ?? '', /City test pack/);
    await page.close();
    const { page: news, cdp } = await openArticle(b, `${srv.url}/pages/city-news.html`);
    assert.equal((await hover(news, cdp, 'Lahore'))?.name, 'Lahore');
    assert.equal((await hover(news, cdp, 'Torkham'))?.name, 'Torkham', 'the default pack still works');
    await news.close();
  });

  it('a newer version replaces the pack; an older one is refused with a message', async () => {
    const v2 = await importFile(b, writePackFile(cityPack(2, { withKarachi: false }), 'cities-v2.json.gz', { gzip: true }));
    assert.match(v2.status, /Updated|Installed/);
    await v2.page.close();
    const { page: news, cdp } = await openArticle(b, `${srv.url}/pages/city-news.html`);
    assert.equal(await hover(news, cdp, 'Karachi', 1, 1500), null, 'v2 removed Karachi');
    const card = await hover(news, cdp, 'Lahore');
    assert.match(card?.text.join(' ') ?? '', /test pack v2/);
    await news.close();
    const old = await importFile(b, writePackFile(cityPack(1), 'cities-v1.json'));
    assert.match(old.alert, /older than the installed version 2/);
    await old.page.close();
  });

  it('a truncated or invalid file shows an alert and every earlier pack still works', async () => {
    const text = JSON.stringify(cityPack(9));
    const truncated = await importFile(b, writePackFile(null, 'broken.json', { raw: text.slice(0, text.length - 40) }));
    assert.match(truncated.alert, /not a Backstory pack|not valid JSON/);
    await truncated.page.close();
    const bad = cityPack(9) as any;
    bad.entities[0].sources = [{ url: 'javascript:alert(1)' }];
    const invalid = await importFile(b, writePackFile(bad, 'invalid.json'));
    assert.match(invalid.alert, /entities\[0\]\.sources\[0\]\.url/);
    await invalid.page.close();
    const { page: news, cdp } = await openArticle(b, `${srv.url}/pages/city-news.html`);
    assert.equal((await hover(news, cdp, 'Lahore'))?.name, 'Lahore');
    assert.equal((await hover(news, cdp, 'Torkham'))?.name, 'Torkham');
    await news.close();
  });

  it('exporting a pack downloads a file that validates and round-trips', async () => {
    const page = await b.context.newPage();
    await page.goto(extensionPage(b, 'options'));
    const row = page.getByRole('listitem', { name: 'City test pack' });
    const downloadPromise = page.waitForEvent('download');
    await row.getByRole('button', { name: 'Export' }).click();
    const download = await downloadPromise;
    const file = await download.path();
    const { readPackFile } = await import('../../src/cli/read-pack');
    const r = readPackFile(file);
    assert.ok(r.ok, 'the exported file is a valid pack');
    if (r.ok) {
      assert.equal(r.value.id, 'city-test');
      assert.equal(r.value.version, 2);
      assert.deepEqual(
        r.value.entities.map((e) => e.id),
        ['lahore'],
      );
    }
    await page.close();
  });

  it('disabling a pack hides its cards until it is enabled again', async () => {
    const options = await b.context.newPage();
    await options.goto(extensionPage(b, 'options'));
    const enabled = options.getByRole('listitem', { name: 'City test pack' }).getByRole('checkbox', { name: 'Enabled' });
    await enabled.uncheck();
    await options.waitForTimeout(400);
    let { page: news, cdp } = await openArticle(b, `${srv.url}/pages/city-news.html`);
    assert.equal(await hover(news, cdp, 'Lahore', 1, 1500), null, 'disabled');
    assert.equal((await hover(news, cdp, 'Torkham'))?.name, 'Torkham', 'other packs unaffected');
    await news.close();
    await enabled.check();
    await options.waitForTimeout(400);
    ({ page: news, cdp } = await openArticle(b, `${srv.url}/pages/city-news.html`));
    assert.equal((await hover(news, cdp, 'Lahore'))?.name, 'Lahore', 'enabled again');
    await news.close();
    await options.close();
  });

  it('removing a pack removes its cards and leaves the others', async () => {
    const page = await b.context.newPage();
    await page.goto(extensionPage(b, 'options'));
    const row = page.getByRole('listitem', { name: 'City test pack' });
    await row.getByRole('button', { name: /Remove/ }).click();
    await row
      .getByRole('button', { name: /Remove|Confirm|Yes/ })
      .last()
      .click();
    await page.waitForFunction(() => !document.body.textContent?.includes('City test pack'), undefined, { timeout: 10_000 });
    await page.close();
    const { page: news, cdp } = await openArticle(b, `${srv.url}/pages/city-news.html`);
    assert.equal(await hover(news, cdp, 'Lahore', 1, 1500), null);
    assert.equal((await hover(news, cdp, 'Torkham'))?.name, 'Torkham');
    await news.close();
  });
});
