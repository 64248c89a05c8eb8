// `npm start -- --firefox`: the demo article in Firefox with dist/firefox installed as a temporary
// add-on. With a display the window stays open until it is closed; without one, hover
// "Zalmay Khalilzad", save a screenshot of the card and print its path.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function startFirefox({ root, url, headless }) {
  const executablePath = process.env.FIREFOX || '/usr/bin/firefox-esr';
  if (!existsSync(executablePath)) {
    console.error(`Firefox not found at ${executablePath}. Install it (Debian: sudo apt-get install -y firefox-esr) or set FIREFOX.`);
    process.exitCode = 1;
    return;
  }
  const { default: puppeteer } = await import('puppeteer-core');
  const profile = mkdtempSync(path.join(tmpdir(), 'backstory-ff-demo-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless,
    userDataDir: profile,
    defaultViewport: headless ? { width: 1280, height: 860 } : null,
    // Unsigned add-ons install only with signature checks off (ESR, Developer Edition, Nightly).
    extraPrefsFirefox: { 'xpinstall.signatures.required': false },
  });
  try {
    await browser.installExtension(path.join(root, 'dist/firefox'));
    const page = (await browser.pages())[0] ?? (await browser.newPage());
    await sleep(1500); // first run: the background installs the default pack
    await page.goto(url, { waitUntil: 'load' });
    console.log(`Demo article (Firefox): ${url}`);

    if (!headless) {
      console.log('Hover an underlined name. Close the Firefox window to stop.');
      await new Promise((r) => browser.once('disconnected', r));
      return;
    }

    // Retry a few times: on a fresh profile the pack may still be importing on the first load.
    let opened = false;
    for (let attempt = 0; attempt < 5 && !opened; attempt++) {
      if (attempt > 0) {
        await sleep(1500);
        await page.reload({ waitUntil: 'load' });
      }
      await sleep(1500);
      const at = await page.evaluate(findMention, 'Zalmay Khalilzad');
      if (!at) break;
      await page.mouse.move(at.x - 30, at.y + 40);
      await page.mouse.move(at.x, at.y, { steps: 4 });
      await sleep(1200);
      // The card lives in a closed shadow root; what the page can see is that the layer takes the
      // pointer just below (or above) the name while a card is open there.
      opened = await page.evaluate(
        ({ x, y }) => [y + 40, y - 40].some((cy) => document.elementFromPoint(x, cy)?.parentElement === document.documentElement),
        at,
      );
    }
    const shot = path.join(mkdtempSync(path.join(tmpdir(), 'backstory-shot-')), 'backstory-demo-firefox.png');
    await page.screenshot({ path: shot });
    console.log(
      opened
        ? `No display: ran Firefox headless, hovered "Zalmay Khalilzad" and saved a screenshot:\n${shot}`
        : `No display: ran Firefox headless, but no card opened on "Zalmay Khalilzad". Screenshot of the page:\n${shot}`,
    );
    if (!opened) process.exitCode = 1;
  } finally {
    if (browser.connected) await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Runs in the page: the centre of the first word of `text`, scrolled into view. */
function findMention(text) {
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    const i = n.data.indexOf(text);
    if (i < 0) continue;
    const r = document.createRange();
    r.setStart(n, i);
    r.setEnd(n, i + text.indexOf(' '));
    n.parentElement.scrollIntoView({ block: 'center' });
    const b = r.getBoundingClientRect();
    return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
  }
  return null;
}
