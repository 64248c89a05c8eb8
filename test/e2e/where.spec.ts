/** Where Backstory looks and where it stays away, in Chromium and Firefox. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  assertNoCardFor,
  centreOf,
  clickOn,
  hover,
  openArticle,
  openOffPage,
  pointAt,
  saveSetting,
  type Tab,
  typeInto,
  waitFor,
  waitForCard,
  waitForMarks,
} from '../shared/driver';
import { inEachBrowser } from './browsers';

inEachBrowser('where Backstory looks, and where it stays away', (env) => {
  it('never inside form fields, editable text, code or buttons', async () => {
    const page = await openArticle(env.d, `${env.url}/pages/forms-and-links.html`, ['Durand Line', 'Torkham']);
    assert.equal((await hover(page, 'Durand Line'))?.name, 'Durand Line', 'the article text is annotated');
    // The names that appear only in code, a field, editable text or a button are not among the marks.
    const names = (await waitForMarks(env.d, page)).map((m) => m.name);
    for (const absent of ['Peshawar', 'Asim Munir', 'Imran Khan', 'Zalmay Khalilzad', 'Adiala Jail']) {
      assert.ok(!names.includes(absent), `${absent} is not marked (marks: ${names.join(', ')})`);
    }
    assert.equal(await hover(page, 'Peshawar', 1, 1200), null, 'not inside <code>');
    assert.equal(await hover(page, 'Imran Khan', 1, 1200), null, 'not inside contenteditable');
    assert.equal(await hover(page, 'Imran Khan', 2, 1200), null, 'not inside a button');
    const box = await waitFor(page, () => {
      const r = document.getElementById('c')?.getBoundingClientRect();
      return r ? { x: r.left, y: r.top } : null;
    });
    await page.move(box.x + 60, box.y + 10, 3);
    await assertNoCardFor(page, 1200, 'not inside a textarea');
    await page.close();
  });

  it('a mention inside a link gets a card and the link still works', async () => {
    const page = await openArticle(env.d, `${env.url}/pages/forms-and-links.html`, ['Torkham']);
    assert.equal((await hover(page, 'Torkham'))?.name, 'Torkham');
    await clickOn(page, '#story-link');
    await waitFor(page, () => location.hash === '#report-torkham');
    assert.equal(await waitFor(page, () => document.getElementById('hash')?.textContent), '#report-torkham');
    await page.close();
  });

  it('a tap on a mention opens its card (touch screens)', async () => {
    const page = await openArticle(env.d, `${env.url}/demo/`, ['Ghulam Khan']);
    const p = await pointAt(page, 'Ghulam Khan');
    await page.tap(p.x, p.y);
    assert.equal((await waitForCard(page))?.name, 'Ghulam Khan');
    await page.close();
  });

  it('can be paused for a site, and turned off everywhere, from the options page', async () => {
    const options = await env.d.openExtensionPage('src/options/index.html');
    const article = `${env.url}/demo/`;
    const torkhamOpens = async () => {
      const page = await openArticle(env.d, article, ['Torkham']);
      assert.equal((await hover(page, 'Torkham'))?.name, 'Torkham', 'on: the card opens');
      await page.close();
    };
    /** The content script confirms it is off on the page (a positive check), then no card opens. */
    const isOff = async (why: string) => {
      const page: Tab = await openOffPage(env.d, article);
      assert.equal(await hover(page, 'Torkham', 1, 1500), null, why);
      await page.close();
    };
    const setPaused = (text: string) =>
      saveSetting(
        options,
        'Sites where Backstory is off',
        async () => {
          await typeInto(options, '#set-paused', text);
          await options.press('Tab');
        },
        (s) => (s.pausedSites as string[]).join('\n') === text,
      );
    const setEnabled = (on: boolean) =>
      saveSetting(
        options,
        'Show Backstory on pages',
        async () => {
          const p = await centreOf(options, '#set-enabled');
          await options.click(p.x, p.y);
        },
        (s) => s.enabled === on,
      );

    await torkhamOpens();
    await setPaused('127.0.0.1');
    await isOff('paused on this site');
    await setPaused('');
    await torkhamOpens();
    await setEnabled(false);
    await isOff('off everywhere');
    await setEnabled(true);
    await torkhamOpens();
    await options.close();
  });
});
