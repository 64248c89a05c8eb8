/** Importing, replacing, switching off and removing packs on the options page, in Chromium and Firefox. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { type Driver, hover, importFile, listPacks, type Tab, waitFor, waitForMarks } from '../shared/driver';
import { poll } from '../shared/page-probes';
import { inEachBrowser } from './browsers';
import { cityPack, writePackFile } from './pack-fixtures';

const TITLE = 'City test pack';

/** Click a control of the installed pack titled `title` (e.g. its "Enabled" switch) with the mouse. */
async function clickInRow(options: Tab, title: string, selector: string, text?: string): Promise<void> {
  const p = await waitFor(
    options,
    ({ title, selector, text }: { title: string; selector: string; text?: string }) => {
      const row = [...document.querySelectorAll('li.pack')].find((li) => li.querySelector('.pack-title')?.textContent?.trim() === title);
      const el = [...(row?.querySelectorAll<HTMLElement>(selector) ?? [])].find((e) => !text || e.textContent?.trim() === text);
      if (!el || (el as HTMLButtonElement).disabled) return null;
      el.scrollIntoView({ block: 'center' });
      const r = el.getBoundingClientRect();
      return r.width > 0 ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
    },
    { title, selector, text },
  );
  await options.click(p.x, p.y);
}

/** The city article: the default pack's Torkham is marked there, and `marked` are (or are not) among the marks. */
async function cityNews(d: Driver, url: string, marked: { yes: string[]; no: string[] }): Promise<Tab> {
  const news = await d.openPage(`${url}/pages/city-news.html`);
  const names = (await waitForMarks(d, news, ['Torkham', ...marked.yes])).map((m) => m.name);
  for (const n of marked.no) assert.ok(!names.includes(n), `${n} is not marked (marks: ${names.join(', ')})`);
  return news;
}

inEachBrowser('importing packs on the options page', (env) => {
  it('a valid pack makes its entities hoverable, next to the default pack', async () => {
    const { tab, status } = await importFile(env.d, writePackFile(cityPack(1), 'cities.json'));
    assert.match(status, /Installed/);
    assert.match(await waitFor(tab, () => document.body.textContent), /City test pack/);
    await tab.close();
    const news = await cityNews(env.d, env.url, { yes: ['Lahore', 'Karachi'], no: [] });
    assert.equal((await hover(news, 'Lahore'))?.name, 'Lahore');
    assert.equal((await hover(news, 'Torkham'))?.name, 'Torkham', 'the default pack still works');
    await news.close();
  });

  it('a gzipped newer version replaces the pack; an older one is refused with a message', async () => {
    const v2 = await importFile(env.d, writePackFile(cityPack(2, { withKarachi: false }), 'cities-v2.json.gz', { gzip: true }));
    assert.match(v2.status, /Updated|Installed/);
    await v2.tab.close();
    const news = await cityNews(env.d, env.url, { yes: ['Lahore'], no: ['Karachi'] });
    assert.equal(await hover(news, 'Karachi', 1, 1500), null, 'v2 removed Karachi');
    assert.match((await hover(news, 'Lahore'))?.text.join(' ') ?? '', /test pack v2/);
    await news.close();
    const old = await importFile(env.d, writePackFile(cityPack(1), 'cities-v1.json'));
    assert.match(old.alert, /older than the installed version 2/);
    await old.tab.close();
  });

  it('a truncated or invalid file shows an alert and every earlier pack still works', async () => {
    const text = JSON.stringify(cityPack(9));
    const truncated = await importFile(env.d, writePackFile(null, 'broken.json', { raw: text.slice(0, text.length - 40) }));
    assert.match(truncated.alert, /not a Backstory pack|not valid JSON/);
    await truncated.tab.close();
    const bad = cityPack(9) as { entities: { sources: { url: string }[] }[] };
    bad.entities[0].sources = [{ url: 'javascript:alert(1)' }];
    const invalid = await importFile(env.d, writePackFile(bad, 'invalid.json'));
    assert.match(invalid.alert, /entities\[0\]\.sources\[0\]\.url/);
    await invalid.tab.close();
    const news = await cityNews(env.d, env.url, { yes: ['Lahore'], no: [] });
    assert.match((await hover(news, 'Lahore'))?.text.join(' ') ?? '', /test pack v2/, 'v2 is still the installed version');
    assert.equal((await hover(news, 'Torkham'))?.name, 'Torkham');
    await news.close();
  });

  it('disabling a pack hides its cards until it is enabled again', async () => {
    const options = await env.d.openExtensionPage('src/options/index.html');
    const enabledIs = async (on: boolean) => {
      const ok = await poll(async () => ((await listPacks(options)).find((p) => p.title === TITLE)?.enabled === on ? true : null), 10_000);
      assert.ok(ok, `the worker has ${TITLE} ${on ? 'on' : 'off'}`);
    };
    await clickInRow(options, TITLE, '.switch input');
    await enabledIs(false);
    let news = await cityNews(env.d, env.url, { yes: [], no: ['Lahore'] });
    assert.equal((await hover(news, 'Torkham'))?.name, 'Torkham', 'other packs unaffected');
    assert.equal(await hover(news, 'Lahore', 1, 1500), null, 'disabled');
    await news.close();
    await clickInRow(options, TITLE, '.switch input');
    await enabledIs(true);
    news = await cityNews(env.d, env.url, { yes: ['Lahore'], no: [] });
    assert.equal((await hover(news, 'Lahore'))?.name, 'Lahore', 'enabled again');
    await news.close();
    await options.close();
  });

  it('removing a pack removes its cards and leaves the others', async () => {
    const options = await env.d.openExtensionPage('src/options/index.html');
    await clickInRow(options, TITLE, 'button', 'Remove');
    await clickInRow(options, TITLE, '.confirm button.danger');
    await waitFor(options, () => !document.body.textContent?.includes('City test pack'), undefined, 10_000);
    assert.ok(!(await listPacks(options)).some((p) => p.title === TITLE), 'the worker no longer lists it');
    await options.close();
    const news = await cityNews(env.d, env.url, { yes: [], no: ['Lahore'] });
    assert.equal((await hover(news, 'Torkham'))?.name, 'Torkham');
    assert.equal(await hover(news, 'Lahore', 1, 1500), null);
    await news.close();
  });
});

inEachBrowser('exporting a pack', (env) => {
  it('exporting a pack downloads a file that validates and round-trips', async () => {
    const imported = await importFile(env.d, writePackFile(cityPack(2, { withKarachi: false }), 'cities.json'));
    assert.match(imported.status, /Installed/);
    await imported.tab.close();
    const options = await env.d.openExtensionPage('src/options/index.html');
    const file = await options.download(() => clickInRow(options, TITLE, 'button', 'Export'));
    const { readPackFile } = await import('../../src/cli/read-pack');
    const r = readPackFile(file);
    assert.ok(r.ok, 'the exported file is a valid pack');
    assert.equal(r.value.id, 'city-test');
    assert.equal(r.value.version, 2);
    assert.deepEqual(
      r.value.entities.map((e) => e.id),
      ['lahore'],
    );
    await options.close();
  });
});
