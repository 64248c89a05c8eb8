/** The toolbar popup: search, the detail view, and "On this page", in Chromium and Firefox. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { clickOn, openArticle, type Tab, typeInto, waitFor } from '../shared/driver';
import { inEachBrowser } from './browsers';

/** Type `query` into the search box key by key and wait until the results list `expected` (or say "No matches"); the result names. */
async function resultsFor(popup: Tab, query: string, expected: string | null): Promise<string[]> {
  await typeInto(popup, '#search-input', query);
  // Results follow every keystroke: wait for the list the whole query gives.
  return waitFor(
    popup,
    (expected: string | null) => {
      // The status line speaks only once the reply to the last keystroke is in: until then the
      // list may be an earlier prefix's, and the last reply re-highlights its first option.
      if (!document.querySelector('.search [role="status"]')?.textContent) return null;
      const names = [...document.querySelectorAll('[role="option"] .hit-name')].map((e) => e.textContent ?? '');
      if (expected === null) return document.querySelector('.empty-title')?.textContent === 'No matches' && names.length === 0 ? names : null;
      return names.includes(expected) ? names : null;
    },
    expected,
    5000,
  ).catch(async (e) => {
    const got = await popup.eval(() => [...document.querySelectorAll('[role="option"]')].map((o) => o.textContent).slice(0, 5));
    throw new Error(`"${query}" should list ${expected ?? 'nothing'}; got ${got.join(' | ')} (${e})`);
  });
}

inEachBrowser('the toolbar popup', (env) => {
  it('search finds each entity as the reader types, forgiving spelling, and says when nothing matches', async () => {
    const popup = await env.d.openExtensionPage('src/popup/index.html');
    assert.equal(await waitFor(popup, () => document.activeElement?.getAttribute('role')), 'combobox', 'focus starts in the search box');
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
    for (const [query, expected] of cases) await resultsFor(popup, query, expected);
    assert.equal((await resultsFor(popup, 'Khalilzad', 'Zalmay Khalilzad'))[0], 'Zalmay Khalilzad', 'a surname ranks its person first');
    assert.deepEqual(await resultsFor(popup, 'Qwxzvbn', null), [], '"No matches"');
    await popup.close();
  });

  it('arrow keys and Enter open the detail view with the full backstory; Escape and Back return to the list', async () => {
    const popup = await env.d.openExtensionPage('src/popup/index.html');
    const names = await resultsFor(popup, 'sharif', 'Nawaz Sharif');
    assert.ok(names.length >= 2, 'both Sharifs are listed');
    await popup.press('ArrowDown');
    await popup.press('Enter');
    const title = (await waitFor(popup, () => document.querySelector('section.detail')?.getAttribute('aria-label'), undefined, 5000)).replace(
      'Backstory: ',
      '',
    );
    assert.ok(names[1].includes(title), `the second result opened (${title})`);
    // The detail view takes the focus (its Back button) once it is on screen; Escape then goes back.
    await waitFor(popup, () => document.activeElement?.matches('section.detail button.back') || null, undefined, 5000);
    await popup.press('Escape');
    // Focus returns in an effect after the list re-renders: the wait fails the test if it never does.
    await waitFor(popup, () => document.activeElement?.getAttribute('role') === 'combobox' || null, undefined, 5000);
    assert.equal(await popup.eval(() => (document.querySelector('#search-input') as HTMLInputElement).value), 'sharif', 'the query is kept');

    assert.equal((await resultsFor(popup, 'Khalilzad', 'Zalmay Khalilzad'))[0], 'Zalmay Khalilzad');
    await popup.press('ArrowDown');
    await popup.press('Enter');
    const label = await waitFor(popup, () => document.querySelector('section.detail')?.getAttribute('aria-label'), undefined, 5000);
    assert.equal(label, 'Backstory: Zalmay Khalilzad');
    // The popup renders the full backstory into an open shadow root; wait for its text.
    const text = await waitFor(
      popup,
      () => {
        const root = [...document.querySelectorAll('section.detail *')].find((e) => e.shadowRoot)?.shadowRoot;
        return root?.querySelector('article.backstory')?.textContent || null;
      },
      undefined,
      5000,
    );
    assert.match(text, /Doha Agreement|US-Taliban/);
    await clickOn(popup, 'button.back');
    await waitFor(popup, () => (document.querySelector('#search-input') as HTMLElement | null)?.checkVisibility(), undefined, 3000);
    await popup.close();
  });

  it('"On this page" lists the entities of the active tab and reveals one', async () => {
    const article = await openArticle(env.d, `${env.url}/demo/`, ['Torkham', 'Ghulam Khan']);
    await article.bringToFront();
    const popup = await env.d.openPopup();
    await clickOn(popup, '[role="tab"]', 'On this page');
    const labels = await waitFor(
      popup,
      () => {
        const l = [...document.querySelectorAll('button.page-name')].map((b) => b.getAttribute('aria-label') ?? '');
        return l.some((x) => /Torkham, 2 mentions/.test(x)) ? l : null;
      },
      undefined,
      10_000,
    );
    const text = await popup.eval(() => document.querySelector('[role="tabpanel"]:not([hidden])')?.textContent ?? '');
    assert.match(text, /Zalmay Khalilzad/);
    assert.match(text, /Tehrik-i-Taliban Pakistan/);
    // Ghulam Khan is mentioned once, near the end of the article, below the fold.
    assert.ok(
      labels.some((x) => /Ghulam Khan, 1 mention\b/.test(x)),
      `each name is listed with its mentions: ${labels.join(' | ')}`,
    );
    await article.eval(() => window.scrollTo(0, 0));
    assert.equal(await article.eval(() => window.scrollY), 0);
    await clickOn(popup, 'button[aria-label="Show Ghulam Khan on the page"]');
    const scrolled = await waitFor(article, () => window.scrollY || null, undefined, 5000);
    assert.ok(scrolled > 0, 'the page scrolled to the first mention');
    await popup.close();
    await article.close();
  });
});
