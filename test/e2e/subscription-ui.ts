/** The options page's Subscriptions panel, driven as a person would: type, click, read. */
import type { Locator, Page } from 'playwright-core';
import { type Browser, extensionPage, hover, openArticle } from './harness';

export async function openSubscriptions(b: Browser): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(extensionPage(b, 'options'));
  await page.getByRole('heading', { name: 'Subscriptions', exact: true }).waitFor();
  return page;
}

const panel = (page: Page) => page.locator('section[aria-labelledby="subs-heading"]');

export async function subscribe(page: Page, url: string): Promise<{ status: string; alert: string }> {
  const field = page.getByLabel('Pack link');
  await field.click();
  await field.fill('');
  await field.pressSequentially(url, { delay: 2 });
  await page.getByRole('button', { name: 'Check link', exact: true }).click();
  // Either the confirmation (title, publisher, size, schedule, fingerprint) or an error.
  const confirm = page.getByRole('button', { name: 'Subscribe and install', exact: true });
  await page.waitForFunction(
    () => {
      const s = document.querySelector('section[aria-labelledby="subs-heading"]');
      return Boolean(s?.querySelector('.sub-confirm')) || Boolean(s?.querySelector('[role="alert"]')?.textContent?.trim());
    },
    undefined,
    { timeout: 30_000 },
  );
  if (await confirm.count()) await confirm.click();
  await page.waitForFunction(
    () => {
      const s = document.querySelector('section[aria-labelledby="subs-heading"]');
      // The panel's own alert, not an earlier one on a subscription's row.
      const alert = s?.querySelector(':scope > [role="alert"], :scope > .subscribe-flow [role="alert"]');
      return /Subscribed/.test(s?.querySelector('[role="status"]')?.textContent ?? '') || Boolean(alert?.textContent?.trim());
    },
    undefined,
    { timeout: 30_000 },
  );
  return {
    status: (await panel(page).locator('[role="status"]').allTextContents()).join(' '),
    alert: (await panel(page).locator(':scope > [role="alert"], :scope > .subscribe-flow [role="alert"]').allTextContents()).join(' '),
  };
}

export const subscriptionRow = (page: Page): Locator => page.getByRole('list', { name: 'Your subscriptions' }).getByRole('listitem').first();

export interface RowState {
  text: string;
  version: string;
  alert: string;
  nextSync: string | null;
}

export async function readRow(page: Page): Promise<RowState> {
  const row = subscriptionRow(page);
  const alert = row.locator('[role="alert"]');
  const next = row.locator('dt', { hasText: 'Next check' }).locator('xpath=following-sibling::dd[1]//time');
  return {
    text: (await row.textContent()) ?? '',
    version: (
      (await row
        .locator('.version')
        .textContent()
        .catch(() => '')) ?? ''
    ).trim(),
    alert: (await alert.count()) ? ((await alert.textContent()) ?? '') : '',
    nextSync: (await next.count()) ? await next.getAttribute('datetime') : null,
  };
}

/** Press the row's "Check for updates" and wait for the worker's answer (button back, or a page alert). */
export async function syncNow(page: Page, timeout = 60_000): Promise<RowState & { pageAlert: string }> {
  const row = subscriptionRow(page);
  await row.getByRole('button', { name: 'Check for updates' }).click();
  await row.getByRole('button', { name: 'Checking…' }).waitFor({ state: 'detached', timeout });
  const pageAlert = (await panel(page).locator(':scope > [role="alert"], :scope > .subscribe-flow > [role="alert"]').allTextContents()).join(' ');
  return { ...(await readRow(page)), pageAlert };
}

/** The name and text of the card that opens when hovering `name` in the river article (null: none). */
export async function cardFor(b: Browser, siteUrl: string, name: string, ms = 3000): Promise<{ name: string; text: string } | null> {
  const { page, cdp } = await openArticle(b, `${siteUrl}/pages/river-news.html`);
  try {
    const card = await hover(page, cdp, name, 1, ms);
    return card ? { name: card.name, text: card.text.join(' ') } : null;
  } finally {
    await page.close();
  }
}
