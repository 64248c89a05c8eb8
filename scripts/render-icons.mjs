// Renders extension/icons/icon.svg to the PNG sizes the manifest names (run after editing the SVG).
// The 128 px icon follows the stores' guideline: 96 px of art centred with 16 px of transparent
// padding on each side (the Chrome Web Store shows it on a tile). Toolbar sizes use the full square.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const svg = readFileSync('extension/icons/icon.svg', 'utf8');
const PADDING = { 128: 16 };
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const size of [16, 32, 48, 128]) {
  const pad = PADDING[size] ?? 0;
  const art = size - 2 * pad;
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}svg{display:block;margin:${pad}px}</style>${svg.replace('<svg ', `<svg width="${art}" height="${art}" `)}`,
  );
  await page.screenshot({ path: `extension/icons/icon-${size}.png`, omitBackground: true });
  await page.close();
}
await browser.close();
