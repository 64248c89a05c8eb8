/**
 * Firefox only: the sidebar itself. Its shortcut opens it on the card being read, a click on
 * "Full backstory" then shows another card there (no tab), and the tab that opens while the
 * sidebar is closed offers "Show in the sidebar". (The click that opens the full backstory beside
 * the article runs in both browsers in test/e2e/full-backstory.spec.ts.) The sidebar is observed
 * from an extension page of ours in a background tab of the same window: `sidebarAction.isOpen`
 * and `extension.getViews({ type: 'sidebar' })`, which hands that page the sidebar's own document.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { firefoxDriver } from '../e2e/drivers/firefox';
import { extensionTabs, type FirefoxSession, launchFirefox, type Server, serve, type TabSeen } from '../e2e/drivers/firefox-browser';
import { inBrowserWindow } from '../e2e/drivers/firefox-window';
import { clickFullBackstory, type Driver, hover, openArticle, type Tab, waitForNoCard } from '../shared/driver';
import { assertKhalilzadInFull, KHALILZAD_ENTITY, TTP_ENTITY } from '../shared/full-backstory-text';
import { poll } from '../shared/page-probes';

/** The WebExtension API of Firefox extension pages, as far as the probe uses it. */
declare const browser: {
  tabs: { query(q: object): Promise<{ windowId?: number }[]> };
  sidebarAction: { isOpen(d: { windowId?: number }): Promise<boolean> };
  extension: { getViews(f: { type: 'sidebar'; windowId?: number }): Window[] };
};

interface SidebarSeen {
  /** The sidebar page's address (its query names the entity). */
  url: string;
  /** Its visible text once the entity has loaded ("" before). */
  text: string;
}

/**
 * Alt+Shift+F pressed in the browser window itself. WebDriver's key actions go to the page and
 * never reach an extension's shortcut, which lives in the browser window (a <key> Firefox makes
 * from the manifest's `commands`). With system access a BiDi client may run script in the browser
 * window; there Firefox's own text-input processor types the keys with the window's toolbar
 * focused (keys typed into the tab from there do not come back to the window's shortcuts), so
 * they travel the browser's normal keyboard path to the shortcut. Focus then returns to the tab.
 */
async function pressInBrowserWindow(s: FirefoxSession): Promise<void> {
  const pressed = await inBrowserWindow(
    s,
    `(() => {
      gURLBar.focus();
      const tip = Cc['@mozilla.org/text-input-processor;1'].createInstance(Ci.nsITextInputProcessor);
      if (!tip.beginInputTransactionForTests(window)) return 'busy';
      const key = (key, code, keyCode) => new KeyboardEvent('', { key, code, keyCode });
      const alt = key('Alt', 'AltLeft', 18), shift = key('Shift', 'ShiftLeft', 16), f = key('F', 'KeyF', 70);
      tip.keydown(alt); tip.keydown(shift); tip.keydown(f); tip.keyup(f); tip.keyup(shift); tip.keyup(alt);
      gBrowser.selectedBrowser.focus();
      return 'pressed';
    })()`,
  );
  if (pressed !== 'pressed') throw new Error(`the shortcut was not pressed (${pressed})`);
}

/** A Firefox of its own for one `describe` (its sidebar starts closed), its Driver and the local server; read inside tests. */
function freshFirefox(): { readonly s: FirefoxSession; readonly d: Driver; readonly srv: Server } {
  const got = {} as { s: FirefoxSession; d: Driver; srv: Server };
  before(async () => {
    got.srv = await serve();
    got.s = await launchFirefox();
    got.d = firefoxDriver(got.s);
  });
  after(async () => {
    await got.s?.close();
    got.srv?.close();
  });
  return got;
}

/** The sidebar of the window's active tab, seen from an extension page of ours (null: closed). */
const sidebarOf = (probe: Tab): Promise<SidebarSeen | null> =>
  probe.eval(async (): Promise<SidebarSeen | null> => {
    const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
    if (!(await browser.sidebarAction.isOpen({ windowId: tab.windowId }))) return null;
    const view = browser.extension.getViews({ type: 'sidebar', windowId: tab.windowId })[0];
    if (!view) return { url: '', text: '' };
    const ready = view.document.querySelector('.backstory h2');
    // biome-ignore lint/performance/useDomNodeTextContent: the visible text, as a reader sees it.
    return { url: view.location.href, text: ready ? view.document.body.innerText : '' };
  });

/** The sidebar once it shows `entity`'s full backstory, or null. */
const sidebarOn = (probe: Tab, entity: string): Promise<SidebarSeen | null> =>
  poll(async () => {
    const p = await sidebarOf(probe);
    return p?.text && new URL(p.url).searchParams.get('entity') === entity ? p : null;
  }, 10_000);

/** Tabs showing the panel page, from Firefox's own list of tabs (see extensionTabs). */
const panelTabs = (s: FirefoxSession): Promise<TabSeen[]> => extensionTabs(s, (u) => u.includes('/src/panel/'));

describe('Firefox: with the sidebar closed, "Full backstory" opens a tab whose "Show in the sidebar" moves it there', () => {
  const ff = freshFirefox();

  it('a click on the card, then one on "Show in the sidebar": the sidebar shows the card, the tab is gone', async () => {
    const { s, d, srv } = ff;
    const probe = await d.openExtensionPage('src/popup/index.html');
    const article = await openArticle(d, `${srv.url}/demo/`, ['Zalmay Khalilzad']);
    assert.equal((await hover(article, 'Zalmay Khalilzad', 1, 5000))?.name, 'Zalmay Khalilzad');
    await clickFullBackstory(article);
    const tab = await poll(async () => (await panelTabs(s)).find((t) => t.page)?.page ?? null, 10_000);
    assert.ok(tab, 'the full backstory opened in a tab');
    const button = await poll(
      () =>
        tab.evaluate(() => {
          const b = document.querySelector('.to-sidebar button')?.getBoundingClientRect();
          return b ? { x: b.left + b.width / 2, y: b.top + b.height / 2 } : null;
        }),
      10_000,
    );
    assert.ok(button, 'the tab offers "Show in the sidebar"');
    await tab.mouse.move(button.x, button.y, { steps: 3 });
    await tab.mouse.click(button.x, button.y);
    const seen = await sidebarOn(probe, KHALILZAD_ENTITY);
    assert.ok(seen, 'the sidebar opened on that card');
    assert.match(seen.text, /Background/i);
    assert.match(seen.text, /Related on this page/i);
    assert.ok(await poll(async () => ((await panelTabs(s)).length ? null : true), 5000), 'the tab closed');
    await probe.close();
  });
});

describe('Firefox: Full backstory in the sidebar', () => {
  const ff = freshFirefox();

  it('the sidebar shortcut opens the sidebar on the card being read; then a click on "Full backstory" shows another card there', async () => {
    const { s, d, srv } = ff;
    // The probe first, so the article opened next is the window's active tab.
    const probe = await d.openExtensionPage('src/popup/index.html');
    assert.equal(await sidebarOf(probe), null, 'the sidebar starts closed');
    const article = await openArticle(d, `${srv.url}/demo/`, ['Zalmay Khalilzad']);
    assert.equal((await hover(article, 'Zalmay Khalilzad', 1, 5000))?.name, 'Zalmay Khalilzad');
    await pressInBrowserWindow(s);
    const panel = await sidebarOn(probe, KHALILZAD_ENTITY);
    assert.ok(panel, 'the sidebar opened on the card being read');
    assertKhalilzadInFull(panel.text);
    assert.ok(await waitForNoCard(article), 'the card gives way to the sidebar');

    assert.equal((await hover(article, 'TTP', 1, 5000))?.name, 'Tehrik-i-Taliban Pakistan');
    await clickFullBackstory(article);
    const next = await sidebarOn(probe, TTP_ENTITY);
    assert.ok(next, 'a mouse click on "Full backstory" shows that card in the sidebar');
    assert.match(next.text, /Tehrik-i-Taliban Pakistan/);
    assert.match(next.text, /Timeline/i);
    assert.deepEqual(
      (await panelTabs(s)).map((t) => t.url),
      [],
      'no tab was opened for it',
    );
    await probe.close();
  });
});
