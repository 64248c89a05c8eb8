/**
 * Screenshots of the card and the side panel for docs/, light and dark:
 * `npm run build && node --import tsx test/e2e/card-screenshots.ts` (Chromium, through the Driver).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { clickFullBackstory, hover, openArticle, waitFor } from '../shared/driver';
import { launchChromium } from './drivers/chromium';
import { ROOT, serve } from './server';

const DOCS = path.join(ROOT, 'docs');

async function shoot(scheme: 'light' | 'dark'): Promise<void> {
  const srv = await serve();
  const d = await launchChromium({ colorScheme: scheme });
  try {
    const page = await openArticle(d, `${srv.url}/demo/`);
    // The card follows the page: a dark page for the dark card.
    if (scheme === 'dark') {
      await page.eval(() => {
        const style = document.createElement('style');
        style.textContent = 'body, aside, header { background: #16181b !important; color: #d9dadc !important; } h1, strong { color: #f2f2f2 !important; }';
        document.head.append(style);
      });
    }
    await hover(page, 'Zalmay Khalilzad');
    const { card: box } = await page.cardBoxes();
    if (!box) throw new Error('no card opened');
    const pad = 24;
    const clip = { x: box.left - pad, y: box.top - 70, width: box.right - box.left + 2 * pad + 260, height: box.bottom - box.top + 70 + pad };
    writeFileSync(path.join(DOCS, `card-${scheme}.png`), await page.screenshot(clip));
    await clickFullBackstory(page);
    const panel = await d.waitForPanel();
    if (!panel) throw new Error('the side panel did not open');
    const tab = await d.openExtensionPage(panel.url.slice(d.extensionOrigin.length));
    await tab.setViewport(400, 1000);
    await waitFor(tab, () => document.querySelector('.backstory h2') !== null || null);
    writeFileSync(path.join(DOCS, `side-panel-${scheme}.png`), await tab.screenshot());
  } finally {
    await d.close();
    srv.close();
  }
}

await shoot('light');
await shoot('dark');
console.log(`wrote card-{light,dark}.png and side-panel-{light,dark}.png in ${DOCS}`);
