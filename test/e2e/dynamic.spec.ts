import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Browser, hover, launch, openArticle, type Server, serve, sleep } from './harness';

describe('pages that change after load', () => {
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

  it('paragraphs appended 1.5 s after load get cards', async () => {
    const { page, cdp } = await openArticle(b, `${srv.url}/pages/live-blog.html`);
    await page.getByText('09:30').waitFor();
    assert.equal((await hover(page, cdp, 'Torkham'))?.name, 'Torkham');
    await page.close();
  });

  it('"load more" content gets cards, and the page\'s own button still works', async () => {
    const { page, cdp } = await openArticle(b, `${srv.url}/pages/live-blog.html`);
    await page.getByRole('button', { name: 'Load more' }).click();
    await sleep(700);
    assert.equal(await page.locator('#clicks').textContent(), '1');
    assert.equal((await hover(page, cdp, 'Zalmay Khalilzad'))?.name, 'Zalmay Khalilzad');
    await page.close();
  });

  it('single-page navigation: the new story is annotated', async () => {
    const { page, cdp } = await openArticle(b, `${srv.url}/pages/spa.html`);
    await page.getByRole('link', { name: 'Next story' }).click();
    await page.getByText('Envoy returns').waitFor();
    await sleep(600);
    assert.equal((await hover(page, cdp, 'Adam Boehler'))?.name, 'Adam Boehler');
    assert.equal((await hover(page, cdp, 'Kabul'))?.name, 'Kabul');
    await page.close();
  });
});
