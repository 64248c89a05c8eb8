/** A long import: progress, cancel, and cards meanwhile, in Chromium and Firefox. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, it } from 'node:test';
import { synthPack, writePack } from '../../src/cli/commands/synth';
import { synthArticle } from '../../src/cli/commands/synth-article';
import type { Pack } from '../../src/core/pack-format';
import { clickOn, hover, importFile, importOutcome, listPacks, openArticle, type Tab, waitFor } from '../shared/driver';
import { scratchDir } from '../shared/scratch';
import { inEachBrowser } from './browsers';
import { cityPack, writePackFile } from './pack-fixtures';

/** The import's phase line while one runs ("Saving 1,200 names (8% of the file)…"), or null once it has ended. */
const phase = (options: Tab) => options.eval(() => document.getElementById('import-phase')?.textContent ?? null);

const big = synthPack(20_000, 7);
const bigFile = path.join(scratchDir('big'), 'big.json');
writePack(bigFile, big);
const article = synthArticle(big as unknown as Pack, { chars: 3000, mentions: 3, seed: 3 });

inEachBrowser('a long import: progress, cancel, and hovering meanwhile', (env) => {
  before(async () => {
    const city = await importFile(env.d, writePackFile(cityPack(1), 'cities.json'));
    assert.match(city.status, /Installed/);
    await city.tab.close();
    env.srv.route('/big-news.html', (_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(article.html);
    });
  });

  it('shows entity counts while saving, and Cancel leaves every installed pack as it was', async () => {
    const options = await env.d.openExtensionPage('src/options/index.html');
    await options.chooseFile('#pack-file', bigFile);
    await waitFor(
      options,
      () => /Saving [1-9][\d,]* names \(\d+% of the file\)/.test(document.getElementById('import-phase')?.textContent ?? ''),
      undefined,
      60_000,
    );
    assert.ok(await options.eval(() => document.querySelector('progress#import-progress')?.checkVisibility()), 'a progress bar is shown');
    await clickOn(options, 'button', 'Cancel');
    const outcome = await importOutcome(options, /cancelled/);
    assert.match(outcome.status, /cancelled/i);
    assert.equal(outcome.alert.trim(), '');
    const ids = (await listPacks(options)).map((p) => p.id);
    assert.ok(ids.includes('city-test'), 'the earlier pack is still installed');
    assert.ok(!ids.includes(big.head.id as string), 'the cancelled pack is not installed');
    await options.close();
    const news = await openArticle(env.d, `${env.url}/pages/city-news.html`, ['Lahore']);
    assert.equal((await hover(news, 'Lahore'))?.name, 'Lahore');
    await news.close();
  });

  it('cards keep opening from the old data during an import, and from the new data after the switch', async () => {
    const news = await openArticle(env.d, `${env.url}/pages/city-news.html`, ['Lahore']);
    const options = await env.d.openExtensionPage('src/options/index.html');
    await options.chooseFile('#pack-file', bigFile);
    await waitFor(options, () => /Handing|Saving|Checking/.test(document.getElementById('import-phase')?.textContent ?? ''), undefined, 60_000);
    await news.bringToFront();
    assert.equal((await hover(news, 'Lahore', 1, 10_000))?.name, 'Lahore', 'a card opens while the import runs');
    // The import began before the hover and has not ended after it: the card opened during it.
    assert.notEqual(await phase(options), null, 'the import was still running when the card opened');
    assert.match((await importOutcome(options, /Installed|Updated/, 120_000)).status, /Installed/);
    await options.close();
    await news.close();
    const first = article.mentions[0];
    const fresh = await openArticle(env.d, `${env.url}/big-news.html`, [first.text]);
    assert.equal((await hover(fresh, first.text, first.nth, 5000))?.name, first.text, 'the new pack is live after the switch');
    await fresh.close();
  });
});
