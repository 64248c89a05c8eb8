import { launch } from './harness';

const b = await launch({ colorScheme: (process.env.SCHEME as 'light' | 'dark') ?? 'light' });
const deadline = Date.now() + 10000;
let page = b.context.pages().find((p) => p.url().includes('/welcome/'));
while (!page && Date.now() < deadline) {
  await new Promise((r) => setTimeout(r, 200));
  page = b.context.pages().find((p) => p.url().includes('/welcome/'));
}
console.log('welcome tab', page?.url());
if (page) {
  await page.waitForSelector('.sample-mark');
  await page.locator('.sample-mark').first().click();
  await page.waitForFunction(() => document.querySelector('.card-host')?.shadowRoot?.querySelector('[role="dialog"]'));
  await page.screenshot({ path: '/tmp/hs/welcome.png', fullPage: true });
}
await b.close();
