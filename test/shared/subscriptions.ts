/**
 * The options page's Subscriptions panel, driven through the Driver as a reader does (type the
 * link, click, read the row), in any browser. Used by subscribe, sync-faults and sync-attacks.
 */
import assert from 'node:assert/strict';
import { clickOn, type Driver, hover, openArticle, type Tab, waitFor } from './driver';

/** What the subscription's row (the first) and the panel show. */
export interface Row {
  /** The row's whole text (title, link, dates, fingerprint). */
  text: string;
  version: string;
  /** The row's own alert. */
  alert: string;
  /** The panel's own alert (a sync whose worker stopped answers there, not on the row). */
  pageAlert: string;
  /** The "Next check" time (ISO), if one is shown. */
  nextSync: string | null;
  busy: boolean;
}

const SYNC_BUTTON = '.sub-list .sub .sub-buttons button';

/** Click the first enabled `selector` whose text includes `text`, with the mouse (checked to land on it); `within`: inside the list item with that title. */
export const press = (tab: Tab, selector: string, text: string, within?: string): Promise<void> =>
  clickOn(tab, selector, text, { enabled: true, within, ms: 30_000 });

export const readRow = (tab: Tab): Promise<Row> =>
  tab.eval(() => {
    const row = document.querySelector('.sub-list .sub');
    const button = row?.querySelector('.sub-buttons button');
    const panel = document.querySelector('section[aria-labelledby="subs-heading"]');
    const own = [...(panel?.querySelectorAll(':scope > [role="alert"], :scope > .subscribe-flow [role="alert"]') ?? [])];
    const next = [...(row?.querySelectorAll('dt') ?? [])].find((d) => d.textContent === 'Next check')?.nextElementSibling?.querySelector('time');
    return {
      text: row?.textContent ?? '',
      version: row?.querySelector('.version')?.textContent?.trim() ?? '',
      alert: row?.querySelector('[role="alert"]')?.textContent ?? '',
      pageAlert: own.map((a) => a.textContent ?? '').join(' '),
      nextSync: next?.getAttribute('datetime') ?? null,
      busy: Boolean(button && (button as HTMLButtonElement).disabled),
    };
  });

/** The row's alert and the panel's own, as one text (where a failed sync's words may stand). */
export const said = (r: Row): string => `${r.alert} ${r.pageAlert}`.trim();

/**
 * "Check for updates" (or "Resume") on the subscription's row, then its state once the worker has
 * answered: the button was seen disabled (a MutationObserver set before the click records it, however
 * short the sync) and is enabled again.
 */
export async function syncNow(tab: Tab, button = 'Check for updates'): Promise<Row> {
  await tab.eval((sel: string) => {
    const w = window as unknown as { __sawBusy: boolean };
    w.__sawBusy = false;
    const watch = new MutationObserver(() => {
      if (document.querySelector<HTMLButtonElement>(sel)?.disabled) w.__sawBusy = true;
    });
    watch.observe(document.body, { subtree: true, attributes: true, childList: true, characterData: true });
  }, SYNC_BUTTON);
  await press(tab, SYNC_BUTTON, button);
  await waitFor(
    tab,
    (sel: string) => {
      const b = document.querySelector<HTMLButtonElement>(sel);
      return (window as unknown as { __sawBusy: boolean }).__sawBusy && b && !b.disabled ? true : null;
    },
    SYNC_BUTTON,
    60_000,
  );
  return readRow(tab);
}

/**
 * Type the pack link into the subscribe field, "Check link", confirm the publisher shown, and wait
 * for "Subscribed" (and the row's version) or the panel's own alert.
 */
export async function subscribe(tab: Tab, url: string): Promise<{ status: string; alert: string }> {
  const field = await waitFor(tab, () => {
    const el = document.querySelector<HTMLInputElement>('.subscribe-form input');
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { x: r.left + 20, y: r.top + r.height / 2 };
  });
  // The options page may still be rendering its first state: type until the field holds the link.
  const holds = () => tab.eval((u: string) => document.querySelector<HTMLInputElement>('.subscribe-form input')?.value === u, url);
  for (let attempt = 0; attempt < 3 && !(await holds()); attempt++) {
    await tab.click(field.x, field.y);
    await tab.eval(() => document.querySelector<HTMLInputElement>('.subscribe-form input')?.select());
    await tab.type(url);
    await waitFor(tab, (u: string) => document.querySelector<HTMLInputElement>('.subscribe-form input')?.value === u || null, url, 2000).catch(() => null);
  }
  assert.ok(await holds(), 'the link is typed into the subscribe field');
  await press(tab, '.subscribe-form button[type="submit"]', 'Check link');
  // The publisher's confirmation, or the reason there is none (said in the failure).
  // (The panel's own alerts: a row may still show an earlier sync's failure.)
  const shown = await waitFor(
    tab,
    () =>
      document.querySelector('.sub-confirm')
        ? 'confirm'
        : document
            .querySelector('section[aria-labelledby="subs-heading"]')
            ?.querySelector('.subscribe-form [role="alert"], :scope > [role="alert"], :scope > .subscribe-flow [role="alert"]')?.textContent || null,
    undefined,
    30_000,
  );
  assert.equal(shown, 'confirm', 'the link is checked and its publisher shown for confirmation');
  await press(tab, '.sub-confirm button', 'Subscribe and install');
  return waitFor(
    tab,
    () => {
      const s = document.querySelector('section[aria-labelledby="subs-heading"]');
      const status = [...(s?.querySelectorAll('[role="status"]') ?? [])].map((e) => e.textContent ?? '').join(' ');
      // The panel's own alert, not an earlier one on a subscription's row.
      const alert = [...(s?.querySelectorAll(':scope > [role="alert"], :scope > .subscribe-flow [role="alert"]') ?? [])]
        .map((e) => e.textContent ?? '')
        .join(' ');
      const installed = Boolean(document.querySelector('.sub-list .sub .version')?.textContent?.trim());
      return (/Subscribed/.test(status) && installed) || alert.trim() ? { status, alert } : null;
    },
    undefined,
    60_000,
  );
}

export const openSubscriptions = async (d: Driver): Promise<Tab> => {
  const tab = await d.openExtensionPage('src/options/index.html');
  await waitFor(tab, () => document.querySelector('#subs-heading')?.textContent?.trim() === 'Subscriptions' || null);
  return tab;
};

/** The card that opens when resting the mouse on `name` in the river article (null: none within `ms`). */
export async function cardFor(d: Driver, siteUrl: string, name: string, ms = 5000): Promise<{ name: string; text: string } | null> {
  const tab = await openArticle(d, `${siteUrl}/pages/river-news.html`);
  try {
    const card = await hover(tab, name, 1, ms);
    return card ? { name: card.name, text: card.text.join(' ') } : null;
  } finally {
    await tab.close();
  }
}

/** Remove the installed pack titled `title` on the options page ("Remove", then "Remove pack"). */
export async function removePack(tab: Tab, title: string): Promise<void> {
  await press(tab, 'ul.pack-list > li button', 'Remove', title);
  await press(tab, 'ul.pack-list > li button', 'Remove pack', title);
  await waitFor(
    tab,
    (title: string) => ![...document.querySelectorAll('ul.pack-list > li .pack-title')].some((e) => e.textContent?.trim() === title) || null,
    title,
    30_000,
  );
}

/** Choose a pack file over the subscribed pack on the options page; the alert that refuses it. */
export async function importRefused(tab: Tab, file: string): Promise<string> {
  await tab.chooseFile('#pack-file', file);
  return waitFor(
    tab,
    () =>
      [...document.querySelectorAll('[role="alert"]')].map((a) => a.textContent ?? '').find((t) => t.includes('kept up to date by your subscription')) ?? null,
    undefined,
    30_000,
  );
}
