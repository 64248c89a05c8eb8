/**
 * Screenshots of the card and the side panel for docs/, light and dark:
 * `npm run build && node --import tsx test/e2e/card-screenshots.ts`.
 */
import path from 'node:path';
import { boxOf, cardElements, clickFullBackstory, waitForSidePanel } from './card-geometry';
import { hover, launch, openArticle, ROOT, serve } from './harness';

const DOCS = path.join(ROOT, 'docs');

async function shoot(scheme: 'light' | 'dark'): Promise<void> {
  const srv = await serve();
  const b = await launch({ colorScheme: scheme });
  try {
    const { page, cdp } = await openArticle(b, `${srv.url}/demo/`);
    // The card follows the page: a dark page for the dark card.
    if (scheme === 'dark') {
      await page.evaluate(() => {
        const style = document.createElement('style');
        style.textContent = 'body, aside, header { background: #16181b !important; color: #d9dadc !important; } h1, strong { color: #f2f2f2 !important; }';
        document.head.append(style);
      });
    }
    await hover(page, cdp, 'Zalmay Khalilzad');
    const [card] = await cardElements(cdp, 'div', 'card');
    const box = await boxOf(cdp, card);
    const pad = 24;
    await page.screenshot({
      path: path.join(DOCS, `card-${scheme}.png`),
      clip: { x: box.left - pad, y: box.top - 70, width: box.right - box.left + 2 * pad + 260, height: box.bottom - box.top + 70 + pad },
    });
    await clickFullBackstory(page, cdp);
    const panel = await waitForSidePanel(cdp, b.extensionId);
    if (!panel) throw new Error('the side panel did not open');
    const tab = await b.context.newPage();
    await tab.setViewportSize({ width: 400, height: 1000 });
    await tab.goto(panel.url);
    await tab.locator('.backstory h2').waitFor();
    await tab.screenshot({ path: path.join(DOCS, `side-panel-${scheme}.png`) });
  } finally {
    await b.close();
    srv.close();
  }
}

await shoot('light');
await shoot('dark');
console.log(`wrote card-{light,dark}.png and side-panel-{light,dark}.png in ${DOCS}`);
