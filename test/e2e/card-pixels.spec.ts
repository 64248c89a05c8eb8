/**
 * Pixel checks of the card and the side panel, from screenshots, in Chromium and Firefox (the
 * behaviour journeys are in card.spec.ts).
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { hover, openArticle, saveSetting, type Tab, waitFor } from '../shared/driver';
import { inEachBrowser } from './browsers';
import { PNG } from './png-luma';

const KHALILZAD = 'pak-afghan-security:zalmay-khalilzad';

inEachBrowser('side panel pixels', (env) => {
  it('wrapped lines in statement and timeline rows keep their first letters (screenshot)', async () => {
    const page = await env.d.openExtensionPage(`src/panel/index.html?entity=${encodeURIComponent(KHALILZAD)}`);
    await page.setViewport(340, 900);
    await waitFor(page, () => document.querySelector('.event .with') !== null || null);
    // Each wrapped line of an item in a "date · source · …" row: its text box, in document pixels.
    const wrappedLines = () =>
      page.eval(() => {
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
        out.push(PNG.firstInkColumn(await page.screenshot(clip, true)) - pad);
      }
      return out;
    };
    assert.ok((await wrappedLines()).length > 0, 'the narrow panel has wrapped rows to check');
    const offsets = await inkOffsets();
    for (const o of offsets) assert.ok(o >= -1 && o <= 3, `a wrapped line starts at its text box (ink ${o}px from its left edge)`);
    // Negative control: the old row separator (shift left, clip) cuts first letters, and is caught.
    await page.eval(() => {
      const style = document.createElement('style');
      style.textContent = '.meta { margin-left: -1.2em !important; clip-path: inset(-4px -4px -4px calc(1.2em - 3px)) !important; }';
      document.head.append(style);
    });
    const clipped = await inkOffsets();
    assert.ok(
      clipped.some((o) => o > 3),
      `the check catches clipped lines (${clipped.join(', ')})`,
    );
    await page.close();
  });
});

/** Choose `value` in the <select> `selector`, as picking it from the list does (the value, then input and change). */
async function choose(tab: Tab, selector: string, value: string): Promise<void> {
  await tab.eval(
    ({ selector, value }: { selector: string; value: string }) => {
      const select = document.querySelector<HTMLSelectElement>(selector);
      if (!select) throw new Error(`${selector} is not on the page`);
      select.focus();
      select.value = value;
      select.dispatchEvent(new Event('input', { bubbles: true }));
      select.dispatchEvent(new Event('change', { bubbles: true }));
    },
    { selector, value },
  );
}

inEachBrowser(
  'hover card themes',
  (env) => {
    /** Mean luma of the open card's background, beside its first section. */
    const cardLuma = async (page: Tab) => {
      const { body } = await page.cardBoxes();
      assert.ok(body, 'the card has a body');
      return PNG.meanLuma(await page.screenshot({ x: body.right - 30, y: body.top + 4, width: 20, height: 12 }));
    };

    it('a light card on a cream page under a dark system theme; a dark card on a dark page', async () => {
      const page = await openArticle(env.d, `${env.url}/demo/`);
      assert.equal((await hover(page, 'Torkham'))?.name, 'Torkham');
      const onCream = await cardLuma(page);
      assert.ok(onCream > 200, `light card on the cream demo page (mean luma ${onCream})`);
      await page.eval(() => {
        document.body.style.background = '#15171a';
        document.body.style.color = '#dddddd';
      });
      assert.equal((await hover(page, 'Islamabad'))?.name, 'Islamabad');
      const onDark = await cardLuma(page);
      assert.ok(onDark < 80, `dark card on a dark page (mean luma ${onDark})`);
      await page.close();
    });

    it("the reader's choice beats the page: dark on the cream demo page when set to dark", async () => {
      const options = await env.d.openExtensionPage('src/options/index.html');
      const theme = (want: string) =>
        saveSetting(
          options,
          'Card theme',
          () => choose(options, '#set-card-theme', want),
          (s) => s.cardTheme === want,
        );
      await theme('dark');
      const page = await openArticle(env.d, `${env.url}/demo/`);
      assert.equal((await hover(page, 'Torkham'))?.name, 'Torkham');
      const luma = await cardLuma(page);
      assert.ok(luma < 80, `dark card background (mean luma ${luma})`);
      await page.close();
      await theme('auto');
      await options.close();
    });
  },
  // Colours, not motion, are under test: with reduced motion the card does not fade in, so the
  // screenshot never catches it half transparent over the page.
  { colorScheme: 'dark', reducedMotion: true },
);
