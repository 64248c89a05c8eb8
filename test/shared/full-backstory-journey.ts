/**
 * "Full backstory" in the browser's own side panel, written once for both browsers: Chromium's
 * `sidePanel`, Firefox's sidebar; never a tab. A driver supplies what differs: how the card's
 * button is found (read outside the page), how the panel is observed (a CDP target in Chromium,
 * an extension-side probe of the sidebar in Firefox) and, in Firefox, the reader's sidebar
 * shortcut, because Firefox opens a sidebar only from the extension's own input handlers (a click
 * on a card in a web page is not one; see src/background/sidebar-firefox.ts).
 */
import assert from 'node:assert/strict';
import { poll } from './page-probes';

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface PanelSeen {
  /** The panel page's address (its query names the entity). */
  url: string;
  /** Its visible text once the entity has loaded ("" before). */
  text: string;
}

export interface FullBackstoryDriver {
  /** Open `url` in a new tab, the active one of its window. */
  openArticle(url: string): Promise<void>;
  /** Rest the mouse on `name` until its card opens; the card's name. */
  hover(name: string): Promise<string | null>;
  /** Viewport box of the open card's "Full backstory" button, read outside the page. */
  fullBackstoryBox(): Promise<Box | null>;
  /** Move the mouse there and press it, as a hand does. */
  click(x: number, y: number): Promise<void>;
  /** Names of the cards open now. */
  cards(): Promise<string[]>;
  /** The side panel / sidebar of the article's window as it is now, or null while it is closed. */
  sidePanel(): Promise<PanelSeen | null>;
  /** Addresses of tabs showing the panel page (the fallback when no panel can open; must be none here). */
  panelTabs(): Promise<string[]>;
  /** Firefox only: the reader's sidebar shortcut, pressed while reading a card. */
  sidebarShortcut?: () => Promise<void>;
}

async function panelOn(d: FullBackstoryDriver, entity: string): Promise<PanelSeen | null> {
  return poll(async () => {
    const p = await d.sidePanel();
    return p?.text && new URL(p.url).searchParams.get('entity') === entity ? p : null;
  }, 10_000);
}

async function clickFullBackstory(d: FullBackstoryDriver): Promise<void> {
  const box = await d.fullBackstoryBox();
  assert.ok(box && box.right - box.left > 20 && box.bottom - box.top > 10, `the card shows "Full backstory" (${JSON.stringify(box)})`);
  await d.click((box.left + box.right) / 2, (box.top + box.bottom) / 2);
}

/**
 * The side panel opens on the card being read (Chromium: a mouse click on "Full backstory";
 * Firefox: the sidebar shortcut) and shows everything; then a mouse click on "Full backstory" in
 * another card shows that one in the same panel. No tab opens.
 */
export async function fullBackstoryInSidePanel(d: FullBackstoryDriver, url: string): Promise<void> {
  const khalilzad = 'pak-afghan-security:zalmay-khalilzad';
  assert.equal(await d.sidePanel(), null, 'the side panel starts closed');
  await d.openArticle(url);
  assert.equal(await d.hover('Zalmay Khalilzad'), 'Zalmay Khalilzad');
  if (d.sidebarShortcut) await d.sidebarShortcut();
  else await clickFullBackstory(d);
  const panel = await panelOn(d, khalilzad);
  assert.ok(panel, 'the side panel opened on the card being read');
  assert.match(panel.text, /Zalmay Khalilzad/);
  assert.match(panel.text, /Background/i);
  assert.match(panel.text, /special representative|ambassador/i, 'the background');
  assert.match(panel.text, /Timeline/i);
  assert.match(panel.text, /Related on this page/i);
  assert.match(panel.text, /Doha Agreement/, 'a related name of the page');
  assert.ok(await poll(async () => ((await d.cards()).length ? null : true), 3000), 'the card gives way to the panel');

  assert.equal(await d.hover('TTP'), 'Tehrik-i-Taliban Pakistan');
  await clickFullBackstory(d);
  const next = await panelOn(d, 'pak-afghan-security:ttp');
  assert.ok(next, 'a mouse click on "Full backstory" shows that card in the side panel');
  assert.match(next.text, /Tehrik-i-Taliban Pakistan/);
  assert.match(next.text, /Timeline/i);
  assert.deepEqual(await d.panelTabs(), [], 'no tab was opened for it');
}
