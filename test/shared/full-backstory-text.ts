/** What the full backstory of the demo article's Zalmay Khalilzad shows, wherever it is shown (side panel, sidebar, tab). */
import assert from 'node:assert/strict';

export const KHALILZAD_ENTITY = 'pak-afghan-security:zalmay-khalilzad';
export const TTP_ENTITY = 'pak-afghan-security:ttp';

export function assertKhalilzadInFull(text: string): void {
  assert.match(text, /Zalmay Khalilzad/);
  assert.match(text, /Background/i);
  assert.match(text, /special representative|ambassador/i, 'the background');
  assert.match(text, /Timeline/i);
  assert.match(text, /Related on this page/i);
  assert.match(text, /Doha Agreement/, 'a related name of the page');
}
