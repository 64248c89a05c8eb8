/**
 * Pixel checks of the card and the side panel, in Chromium only: they read screenshots through
 * Playwright (the journeys that run in both browsers are in card.spec.ts).
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { CDPSession, Page } from 'playwright-core';
import { inChromiumOnly } from './browsers';
import { boxOf, cardElements } from './card-geometry';
import { extensionPage, hover, openArticle } from './harness';
import { PNG } from './png-luma';

const KHALILZAD = 'pak-afghan-security:zalmay-khalilzad';

inChromiumOnly('side panel pixels', (env) => {
  it('wrapped lines in statement and timeline rows keep their first letters (screenshot)', async () => {
    const page = await env.b.context.newPage();
    await page.setViewportSize({ width: 340, height: 900 });
    await page.goto(`chrome-extension://${env.b.extensionId}/src/panel/index.html?entity=${encodeURIComponent(KHALILZAD)}`);
    await page.locator('.event .with').first().waitFor();
    // Each wrapped line of an item in a "date · source · …" row: its text box, in document pixels.
    const wrappedLines = () =>
      page.evaluate(() => {
        const out: { left: number; top: number; width: number; height: number }[] = [];
        for (const item of document.querySelectorAll('.meta > *')) {
          const r = document.createRange();
          r.selectNodeContents(item);
          const lines = [...r.getClientRects()].filter((x) => x.width > 20);
          const first = lines[0];
          for (const l of lines) {
            if (first && l.top > first.bottom - 2) out.push({ left: l.left + scrollX, top: l.top + scrollY, width: l.width, height: l.height });
          }
        }
        return out;
      });
    /** How far right of its text box each wrapped line's first ink is, in px. */
    const inkOffsets = async () => {
      const out: number[] = [];
      for (const line of (await wrappedLines()).slice(0, 8)) {
        const pad = 6;
        const clip = { x: line.left - pad, y: line.top, width: Math.min(60, line.width) + pad, height: line.height };
        out.push(PNG.firstInkColumn(await page.screenshot({ fullPage: true, clip })) - pad);
      }
      return out;
    };
    assert.ok((await wrappedLines()).length > 0, 'the narrow panel has wrapped rows to check');
    const offsets = await inkOffsets();
    for (const o of offsets) assert.ok(o >= -1 && o <= 3, `a wrapped line starts at its text box (ink ${o}px from its left edge)`);
    // Negative control: the old row separator (shift left, clip) cuts first letters, and is caught.
    await page.addStyleTag({ content: '.meta { margin-left: -1.2em !important; clip-path: inset(-4px -4px -4px calc(1.2em - 3px)) !important; }' });
    const clipped = await inkOffsets();
    assert.ok(
      clipped.some((o) => o > 3),
      `the check catches clipped lines (${clipped.join(', ')})`,
    );
    await page.close();
  });
});

inChromiumOnly(
  'hover card themes',
  (env) => {
    /** Mean luma of the open card's background, beside its first section. */
    const cardLuma = async (page: Page, cdp: CDPSession) => {
      // Colours, not motion, are under test: with reduced motion the card does not fade in, so the
      // screenshot never catches it half transparent over the page.
      await page.emulateMedia({ reducedMotion: 'reduce' });
      const [body] = await cardElements(cdp, 'div', 'body');
      const bb = await boxOf(cdp, body);
      return PNG.meanLuma(await page.screenshot({ clip: { x: bb.right - 30, y: bb.top + 4, width: 20, height: 12 } }));
    };

    it('a light card on a cream page under a dark system theme; a dark card on a dark page', async () => {
      const { page, cdp } = await openArticle(env.b, `${env.srv.url}/demo/`);
      assert.equal((await hover(page, cdp, 'Torkham'))?.name, 'Torkham');
      const onCream = await cardLuma(page, cdp);
      assert.ok(onCream > 200, `light card on the cream demo page (mean luma ${onCream})`);
      await page.evaluate(() => {
        document.body.style.background = '#15171a';
        document.body.style.color = '#dddddd';
      });
      assert.equal((await hover(page, cdp, 'Islamabad'))?.name, 'Islamabad');
      const onDark = await cardLuma(page, cdp);
      assert.ok(onDark < 80, `dark card on a dark page (mean luma ${onDark})`);
      await page.close();
    });

    it("the reader's choice beats the page: dark on the cream demo page when set to dark", async () => {
      const options = await env.b.context.newPage();
      await options.goto(extensionPage(env.b, 'options'));
      const saved = (theme: string) =>
        options.waitForFunction(async (want) => {
          const r = (await chrome.runtime.sendMessage({ kind: 'getSettings', payload: {} })) as { ok: boolean; value?: { cardTheme?: string } };
          return r.ok && r.value?.cardTheme === want;
        }, theme);
      await options.getByLabel(/Card theme/i).selectOption('dark');
      await saved('dark');
      const { page, cdp } = await openArticle(env.b, `${env.srv.url}/demo/`);
      await hover(page, cdp, 'Torkham');
      const luma = await cardLuma(page, cdp);
      assert.ok(luma < 80, `dark card background (mean luma ${luma})`);
      await page.close();
      await options.getByLabel(/Card theme/i).selectOption('auto');
      await saved('auto');
      await options.close();
    });
  },
  { colorScheme: 'dark' },
);
