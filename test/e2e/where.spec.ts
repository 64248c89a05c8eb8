import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Browser, extensionPage, hover, launch, openArticle, readCards, type Server, serve, sleep } from './harness';

describe('where Backstory looks, and where it stays away', () => {
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

  it('never inside form fields, editable text, code or buttons', async () => {
    const { page, cdp } = await openArticle(b, `${srv.url}/pages/forms-and-links.html`);
    assert.equal((await hover(page, cdp, 'Durand Line'))?.name, 'Durand Line', 'the article text is annotated');
    assert.equal(await hover(page, cdp, 'Peshawar', 1, 1200), null, 'not inside <code>');
    assert.equal(await hover(page, cdp, 'Imran Khan', 1, 1200), null, 'not inside contenteditable');
    assert.equal(await hover(page, cdp, 'Imran Khan', 2, 1200), null, 'not inside a button');
    const box = await page.locator('#c').boundingBox();
    assert.ok(box);
    await page.mouse.move(box.x + 60, box.y + 10);
    await sleep(1200);
    assert.deepEqual(await readCards(cdp), [], 'not inside a textarea');
    await page.close();
  });

  it('a mention inside a link gets a card and the link still works', async () => {
    const { page, cdp } = await openArticle(b, `${srv.url}/pages/forms-and-links.html`);
    assert.equal((await hover(page, cdp, 'Torkham'))?.name, 'Torkham');
    await page.getByRole('link', { name: 'Torkham' }).click();
    await page.waitForFunction(() => location.hash === '#report-torkham');
    assert.equal(await page.locator('#hash').textContent(), '#report-torkham');
    await page.close();
  });

  it('a tap on a mention opens its card (touch screens)', async () => {
    const ctx = b.context;
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
    await page.goto(`${srv.url}/demo/`);
    await sleep(1500);
    const p = await page.evaluate(() => {
      const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = w.nextNode(); n; n = w.nextNode()) {
        const i = (n as Text).data.indexOf('Ghulam Khan');
        if (i < 0) continue;
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + 6);
        (n as Text).parentElement?.scrollIntoView({ block: 'center' });
        const rect = r.getBoundingClientRect();
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
      return null;
    });
    assert.ok(p);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: p.x, y: p.y }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    let name = '';
    for (let i = 0; i < 40 && !name; i++) {
      name = (await readCards(cdp))[0]?.name ?? '';
      await sleep(50);
    }
    assert.equal(name, 'Ghulam Khan');
    await page.close();
  });

  it('can be paused for a site, and turned off everywhere, from the options page', async () => {
    const options = await b.context.newPage();
    await options.goto(extensionPage(b, 'options'));
    const paused = options.getByLabel('Sites where Backstory is off');
    await paused.fill('127.0.0.1');
    await paused.blur();
    await sleep(500);
    let { page, cdp } = await openArticle(b, `${srv.url}/demo/`);
    assert.equal(await hover(page, cdp, 'Torkham', 1, 1500), null, 'paused on this site');
    await page.close();
    await paused.fill('');
    await paused.blur();
    await sleep(500);
    ({ page, cdp } = await openArticle(b, `${srv.url}/demo/`));
    assert.equal((await hover(page, cdp, 'Torkham'))?.name, 'Torkham', 'back on');
    await page.close();
    const enabled = options.getByLabel('Show Backstory on pages');
    await enabled.uncheck();
    await sleep(500);
    ({ page, cdp } = await openArticle(b, `${srv.url}/demo/`));
    assert.equal(await hover(page, cdp, 'Torkham', 1, 1500), null, 'off everywhere');
    await page.close();
    await enabled.check();
    await sleep(300);
    await options.close();
  });
});
