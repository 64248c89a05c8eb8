import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { type FirefoxSession, launchFirefox, openExtensionPage } from './harness-firefox';

/** Type `query` into the search box as a person would and return the names of the results. */
async function resultsFor(page: Page, query: string): Promise<string[]> {
  await page.click('#search-input', { count: 3 });
  await page.keyboard.press('Backspace');
  await page.keyboard.type(query, { delay: 20 });
  await page.waitForFunction(
    (q) =>
      document.querySelector<HTMLInputElement>('#search-input')?.value === q &&
      (document.querySelectorAll('[role="option"]').length > 0 || document.querySelector('.empty-title')?.textContent === 'No matches'),
    { timeout: 5000 },
    query,
  );
  await new Promise((r) => setTimeout(r, 300)); // a last keystroke's results replace earlier ones
  return page.$$eval('[role="option"] .hit-name', (els) => els.map((e) => e.textContent ?? ''));
}

describe('Firefox: searching in the popup', () => {
  let s: FirefoxSession;
  before(async () => {
    s = await launchFirefox();
  });
  after(async () => {
    await s?.close();
  });

  it('finds people by surname and groups by acronym, and says when nothing matches', async () => {
    const page = await openExtensionPage(s, 'popup');
    assert.equal((await resultsFor(page, 'Khalilzad'))[0], 'Zalmay Khalilzad');
    assert.ok((await resultsFor(page, 'TTP')).includes('Tehrik-i-Taliban Pakistan'), 'TTP finds Tehrik-i-Taliban Pakistan');
    assert.deepEqual(await resultsFor(page, 'Qwxzvbn'), []);
    assert.equal(await page.$eval('.empty-title', (e) => e.textContent), 'No matches');
    await page.close();
  });

  it('Enter opens the highlighted result as a card, Back returns to the search', async () => {
    const page = await openExtensionPage(s, 'popup');
    assert.equal((await resultsFor(page, 'Khalilzad'))[0], 'Zalmay Khalilzad');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForSelector('section.detail', { timeout: 5000 });
    assert.equal(await page.$eval('section.detail', (e) => e.getAttribute('aria-label')), 'Backstory: Zalmay Khalilzad');
    // The popup renders the full backstory into an open shadow root; wait for its text.
    const text = await page.waitForFunction(
      () => {
        const root = [...document.querySelectorAll('section.detail *')].find((e) => e.shadowRoot)?.shadowRoot;
        const full = root?.querySelector('article.backstory') as HTMLElement | null | undefined;
        return full?.textContent ?? false;
      },
      { timeout: 5000 },
    );
    assert.match(String(await text.jsonValue()), /Doha Agreement|US-Taliban/);
    await page.click('button.back');
    await page.waitForSelector('#search-input', { visible: true, timeout: 3000 });
    await page.close();
  });
});
