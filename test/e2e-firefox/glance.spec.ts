import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { poll } from '../shared/page-probes';
import { cardBoxes, type FirefoxSession, hover, launchFirefox, openArticle, type Server, serve, waitForNoCard } from './harness-firefox';

describe('Firefox: the card at a glance, and the full backstory', () => {
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

  it("the first view of Khalilzad's card shows a dated quote without scrolling; Full backstory shows everything", async () => {
    const page = await openArticle(s, `${srv.url}/demo/`);
    const card = await hover(page, 'Zalmay Khalilzad');
    assert.equal(card?.name, 'Zalmay Khalilzad', 'the dialog is named exactly by the entity name');
    assert.match(card?.text.join('\n') ?? '', /\b\d{1,2} [A-Z][a-z]{2} 20\d\d\b/, 'a dated statement');
    const { body, quote, date, full } = await cardBoxes(page);
    assert.ok(body && quote && date && full, 'the card shows a quote, its date and "Full backstory"');
    assert.ok(quote.top >= body.top - 1 && date.bottom <= body.bottom + 1, `quote and date in the first view (${JSON.stringify({ body, quote, date })})`);

    const before = new Set((await s.browser.pages()).map((p) => p));
    await page.mouse.move((full.left + full.right) / 2, (full.top + full.bottom) / 2, { steps: 3 });
    await page.mouse.click((full.left + full.right) / 2, (full.top + full.bottom) / 2);
    assert.ok(await waitForNoCard(page, 2000), 'the card gives way to the full backstory');
    // Firefox opens `sidebarAction` only from its own user-input handlers; a click relayed by the
    // content script is not one, so the full backstory opens in a tab beside the article (and the
    // sidebar is set to the same entity). The panel page is the observable either way.
    const panelPrefix = `${s.origin}src/panel/index.html?`;
    // puppeteer reports a moz-extension tab as about:blank: ask each new tab where it is.
    const hrefOf = (p: Page) => p.evaluate(() => location.href).catch(() => '');
    const found = await poll(async () => {
      for (const p of await s.browser.pages()) {
        const href = before.has(p) ? '' : await hrefOf(p);
        if (href.startsWith(panelPrefix)) return { panel: p, href };
      }
      return null;
    }, 8000);
    assert.ok(found, 'the full backstory opened');
    const { panel, href } = found;
    assert.equal(new URL(href).searchParams.get('entity'), 'pak-afghan-security:zalmay-khalilzad');
    const text =
      (await poll(async () => {
        const t = await panel.evaluate(() => (document.querySelector('.backstory h2') ? document.body.textContent : '')).catch(() => '');
        return t || null;
      }, 8000)) ?? '';
    assert.match(text, /Background/i);
    assert.match(text, /special representative|ambassador/i);
    assert.match(text, /Timeline/i);
    assert.match(text, /Related on this page/i);
    assert.match(text, /Doha Agreement/);
    await panel.close();
    await page.close();
  });
});
