/** Pages that change after load, in Chromium and Firefox. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { clickOn, hover, waitFor, waitForMarks } from '../shared/driver';
import { inEachBrowser } from './browsers';

inEachBrowser('pages that change after load', (env) => {
  it('paragraphs appended 1.5 s after load get cards', async () => {
    const page = await env.d.openPage(`${env.url}/pages/live-blog.html`);
    await waitFor(page, () => document.body.textContent?.includes('09:30'));
    await waitForMarks(env.d, page, ['Torkham']);
    assert.equal((await hover(page, 'Torkham'))?.name, 'Torkham');
    await page.close();
  });

  it('"load more" content gets cards, and the page\'s own button still works', async () => {
    const page = await env.d.openPage(`${env.url}/pages/live-blog.html`);
    // The 09:30 post arrives above the button 1.5 s after load and moves it: click once it is there.
    await waitFor(page, () => document.body.textContent?.includes('09:30'));
    await clickOn(page, '#more');
    assert.equal(await waitFor(page, () => document.getElementById('clicks')?.textContent === '1'), true, 'the page counted the click');
    await waitForMarks(env.d, page, ['Zalmay Khalilzad']);
    assert.equal((await hover(page, 'Zalmay Khalilzad'))?.name, 'Zalmay Khalilzad');
    await page.close();
  });

  it('a see-through layer the page lays over its article after load: the name under it still opens; under a grey box nothing does', async () => {
    const page = await env.d.openPage(`${env.url}/pages/overlay.html`);
    await waitFor(page, () => document.body.dataset.layers === 'on');
    await waitForMarks(env.d, page, ['Torkham', 'Kabul']);
    assert.equal((await hover(page, 'Torkham'))?.name, 'Torkham');
    assert.equal(await hover(page, 'Kabul', 1, 2500), null, 'a name the page hides under a grey box opens nothing');
    await page.close();
  });

  it('single-page navigation: the new story is annotated', async () => {
    const page = await env.d.openPage(`${env.url}/pages/spa.html`);
    await clickOn(page, '#next');
    await waitFor(page, () => document.body.textContent?.includes('Envoy returns'));
    await waitForMarks(env.d, page, ['Adam Boehler', 'Kabul']);
    assert.equal((await hover(page, 'Adam Boehler'))?.name, 'Adam Boehler');
    assert.equal((await hover(page, 'Kabul'))?.name, 'Kabul');
    await page.close();
  });
});
