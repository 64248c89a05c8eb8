// `npm start`: build, serve the demo article on 127.0.0.1 and open it in Chromium with Backstory
// loaded and its default pack installed. With no display, run headless: hover a name, save a
// screenshot of the card and print its path.
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, statSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';

const firefox = process.argv.includes('--firefox');
const root = path.resolve(import.meta.dirname, '..');
if (spawnSync('node', [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' }).status !== 0) process.exit(1);

const demoDir = path.join(root, 'extension/demo');
const server = http.createServer((req, res) => {
  const p = path.join(demoDir, new URL(req.url ?? '/', 'http://x').pathname);
  const file = existsSync(p) && statSync(p).isDirectory() ? path.join(p, 'index.html') : p;
  if (!file.startsWith(demoDir) || !existsSync(file)) {
    res.statusCode = 404;
    return res.end();
  }
  res.setHeader('content-type', file.endsWith('.html') ? 'text/html; charset=utf-8' : 'application/octet-stream');
  createReadStream(file).pipe(res);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${server.address().port}/`;
const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

if (firefox) {
  const { startFirefox } = await import('./start-firefox.mjs');
  await startFirefox({ root, url, headless });
  server.close();
  process.exit(0);
}

const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`Chromium not found at ${executablePath}. Install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM.`);
  process.exit(1);
}
const { chromium } = await import('playwright-core');
const ext = path.join(root, 'dist/chrome');
const context = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), 'backstory-demo-')), {
  executablePath,
  headless,
  viewport: { width: 1280, height: 860 },
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    `--disable-extensions-except=${ext}`,
    `--load-extension=${ext}`,
  ],
});
if (!context.serviceWorkers().length) await context.waitForEvent('serviceworker', { timeout: 20000 });
await new Promise((r) => setTimeout(r, 1500)); // first run: the worker installs the default pack
const page = context.pages()[0] ?? (await context.newPage());
await page.goto(url);
console.log(`Demo article: ${url}`);

if (!headless) {
  console.log('Hover an underlined name. Close the browser window to stop.');
  await new Promise((r) => context.on('close', r));
  server.close();
  process.exit(0);
}

await new Promise((r) => setTimeout(r, 1500));
const target = await page.evaluate(() => {
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    const i = n.data.indexOf('Zalmay Khalilzad');
    if (i < 0) continue;
    const r = document.createRange();
    r.setStart(n, i);
    r.setEnd(n, i + 6);
    n.parentElement.scrollIntoView({ block: 'center' });
    const b = r.getBoundingClientRect();
    return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
  }
  return null;
});
if (target) {
  await page.mouse.move(target.x, target.y, { steps: 4 });
  await new Promise((r) => setTimeout(r, 1200));
}
const shot = path.join(mkdtempSync(path.join(tmpdir(), 'backstory-shot-')), 'backstory-demo.png');
await page.screenshot({ path: shot });
console.log(`No display: ran headless, hovered "Zalmay Khalilzad" and saved a screenshot:\n${shot}`);
await context.close();
server.close();
