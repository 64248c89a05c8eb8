/**
 * Popup search at scale, typed into the real popup page: for each keystroke, from the keydown
 * event's timestamp to the results status ("N results" / "No matches") being written for that
 * query (a MutationObserver in the popup, which is our own page).
 */
import { sleep } from '../shared/page-probes';
import type { BenchBrowser } from './browser';

export async function popupKeystrokes(b: BenchBrowser, queries: string[]): Promise<number[]> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/src/popup/index.html`);
  const input = page.locator('#search-input');
  await input.waitFor();
  await page.evaluate(() => {
    const g = globalThis as unknown as { __keys: { downAt: number; doneAt: number; sawEmpty: boolean } };
    g.__keys = { downAt: 0, doneAt: 0, sawEmpty: false };
    const input = document.getElementById('search-input') as HTMLInputElement;
    const status = document.querySelector('.search [role="status"]') as HTMLElement;
    input.addEventListener('keydown', (e) => {
      g.__keys = { downAt: e.timeStamp, doneAt: 0, sawEmpty: !status.textContent };
    });
    new MutationObserver(() => {
      const t = status.textContent ?? '';
      if (!t) g.__keys.sawEmpty = true;
      else if (g.__keys.downAt && !g.__keys.doneAt && g.__keys.sawEmpty) g.__keys.doneAt = performance.now();
    }).observe(status, { childList: true, subtree: true, characterData: true });
  });
  const out: number[] = [];
  for (const q of queries) {
    await input.fill('');
    await sleep(30);
    await input.focus();
    for (const ch of q) {
      await page.keyboard.press(ch === ' ' ? 'Space' : ch);
      await page.waitForFunction(() => (globalThis as unknown as { __keys: { doneAt: number } }).__keys.doneAt > 0, undefined, { timeout: 10_000, polling: 2 });
      out.push(
        await page.evaluate(() => {
          const k = (globalThis as unknown as { __keys: { downAt: number; doneAt: number } }).__keys;
          return k.doneAt - k.downAt;
        }),
      );
    }
  }
  await page.close();
  return out;
}
