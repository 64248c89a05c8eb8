/**
 * "Full backstory", clicked with the mouse, in both browsers: Chromium shows it in its side panel;
 * Firefox, which opens its sidebar only from the extension's own input handlers (see
 * src/background/sidebar-firefox.ts), in a tab beside the article while the sidebar is closed.
 * Either way a click in another card then shows that card. The Firefox sidebar itself (its
 * shortcut, "Show in the sidebar") is in test/e2e-firefox/full-backstory.spec.ts.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { clickFullBackstory, hover, openArticle, waitForNoCard } from '../shared/driver';
import { assertKhalilzadInFull, KHALILZAD_ENTITY, TTP_ENTITY } from '../shared/full-backstory-text';
import { inEachBrowser } from './browsers';

inEachBrowser('Full backstory beside the article', (env) => {
  it('a mouse click on "Full backstory" shows that card in full; a click in another card shows that one', async () => {
    const page = await openArticle(env.d, `${env.url}/demo/`, ['Zalmay Khalilzad']);
    assert.equal((await hover(page, 'Zalmay Khalilzad', 1, 5000))?.name, 'Zalmay Khalilzad');
    await clickFullBackstory(page);
    const panel = await env.d.waitForPanel(10_000, KHALILZAD_ENTITY);
    assert.ok(panel, 'the full backstory opened on the card being read');
    assert.equal(panel.inTab, env.browser === 'firefox', 'Chromium: in the side panel, never a tab; Firefox (sidebar closed): in a tab');
    assertKhalilzadInFull(panel.text);
    assert.ok(await waitForNoCard(page), 'the card gives way to the panel');

    await page.bringToFront();
    assert.equal((await hover(page, 'TTP', 1, 5000))?.name, 'Tehrik-i-Taliban Pakistan');
    await clickFullBackstory(page);
    const next = await env.d.waitForPanel(10_000, TTP_ENTITY);
    assert.ok(next, 'a mouse click on "Full backstory" in another card shows that one');
    assert.equal(next.inTab, env.browser === 'firefox');
    assert.match(next.text, /Tehrik-i-Taliban Pakistan/);
    assert.match(next.text, /Timeline/i);
    await page.close();
  });
});
