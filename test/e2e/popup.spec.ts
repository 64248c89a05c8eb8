import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Browser, extensionPage, launch, openArticle, type Server, serve, sleep } from './harness';

describe('popup search', () => {
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

  it('finds each entity as the reader types, forgiving spelling', async () => {
    const page = await b.context.newPage();
    await page.goto(extensionPage(b, 'popup'));
    const box = page.getByRole('combobox');
    await box.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'combobox', 'focus starts in the search box');
    const cases: [string, string][] = [
      ['khalilzad', 'Zalmay Khalilzad'],
      ['khalilzd', 'Zalmay Khalilzad'],
      ['zalmay', 'Zalmay Khalilzad'],
      ['TTP', 'Tehrik-i-Taliban Pakistan'],
      ['tehreek e taliban', 'Tehrik-i-Taliban Pakistan'],
      ['pakistani taliban', 'Tehrik-i-Taliban Pakistan'],
      ['shehbaz', 'Shehbaz Sharif'],
      ['nawaz', 'Nawaz Sharif'],
      ['munir', 'Asim Munir'],
      ['torkam', 'Torkham'],
      ['doha agreement', 'Doha Agreement'],
      ['ISIS-K', 'Islamic State Khorasan Province'],
      ['khyber pakhtoonkhwa', 'Khyber Pakhtunkhwa'],
      ['imran', 'Imran Khan'],
      ['boehler', 'Adam Boehler'],
    ];
    for (const [query, expected] of cases) {
      await box.fill('');
      // Typed key by key, like a reader: results follow every keystroke.
      await box.pressSequentially(query, { delay: 15 });
      await page
        .waitForFunction((name) => [...document.querySelectorAll('[role="option"]')].some((o) => o.textContent?.includes(name)), expected, { timeout: 5000 })
        .catch(() => {});
      const options = await page.getByRole('option').allTextContents();
      assert.ok(
        options.some((o) => o.includes(expected)),
        `"${query}" should list ${expected}; got ${options.slice(0, 5).join(' | ')}`,
      );
    }
    await page.close();
  });

  it('arrow keys and Enter open the detail view; Escape goes back to the list', async () => {
    const page = await b.context.newPage();
    await page.goto(extensionPage(b, 'popup'));
    const box = page.getByRole('combobox');
    await box.pressSequentially('sharif', { delay: 15 });
    await page.getByRole('option').first().waitFor();
    const names = await page.getByRole('option').allTextContents();
    assert.ok(names.length >= 2, 'both Sharifs are listed');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const heading = page.getByRole('heading', { level: 2 });
    await heading.first().waitFor({ timeout: 5000 });
    const title = (await heading.first().textContent()) ?? '';
    assert.ok(names[1].includes(title), `the second result opened (${title})`);
    await page.keyboard.press('Escape');
    await box.waitFor({ state: 'visible' });
    // Focus returns in an effect after the list re-renders: wait for it (up to 2 s), then check.
    await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'combobox', undefined, { timeout: 2000 }).catch(() => {});
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'combobox', 'focus is back in the search box');
    assert.equal(await box.inputValue(), 'sharif', 'the query is kept');
    await page.close();
  });

  it('"On this page" lists the entities of the active tab and reveals one', async () => {
    const { page: article } = await openArticle(b, `${srv.url}/demo/`);
    await article.bringToFront();
    // The toolbar popup itself is not a page Playwright can drive, so open the same popup page in a
    // window of its own, as the reader can: it then reports on the tab they were reading.
    const worker = b.context.serviceWorkers()[0];
    const popupPromise = b.context.waitForEvent('page', { timeout: 10_000 });
    await worker.evaluate(
      async (url) => {
        await chrome.windows.create({ url, type: 'popup', width: 400, height: 600 });
      },
      extensionPage(b, 'popup'),
    );
    const popup = await popupPromise;
    await popup.waitForLoadState();
    await popup.getByRole('tab', { name: /On this page/i }).click();
    const item = popup.getByRole('button', { name: /Torkham, 2 mentions/ });
    await item.waitFor({ timeout: 5000 });
    const text = (await popup.locator('[role="tabpanel"]:not([hidden])').textContent()) ?? '';
    assert.match(text, /Zalmay Khalilzad/);
    assert.match(text, /Tehrik-i-Taliban Pakistan/);
    await article.evaluate(() => window.scrollTo(0, 0));
    // Ghulam Khan is mentioned once, near the end of the article, below the fold.
    assert.ok(await popup.getByRole('button', { name: /Ghulam Khan, 1 mention/ }).count(), 'each name is listed with its mentions');
    await popup.getByRole('button', { name: 'Show Ghulam Khan on the page' }).click();
    await sleep(1200);
    const scrolled = await article.evaluate(() => window.scrollY);
    assert.ok(scrolled > 0, 'the page scrolled to the first mention');
    await article.close();
  });
});
