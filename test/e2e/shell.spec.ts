/** A reader's first hour, in Chromium and Firefox: the journeys of test/shared/shell-journeys.ts. */
import { after, before, it } from 'node:test';
import * as J from '../shared/shell-journeys';
import { extensionDir, inEachBrowser } from './browsers';
import { type Site, serveSite } from './publisher-site';

let world: ReturnType<typeof J.ensureWorldPack>;

inEachBrowser(
  'a reader’s first hour',
  (env) => {
    let site: Site;
    before(async () => {
      site = await serveSite();
    });
    after(() => site?.close());

    it('install opens the welcome page, its sample card works, the world pack installs from the gallery', async () => {
      const welcome = await J.welcomeOpensWithLiveCard(env.d);
      await J.worldPackFromGallery(welcome, world);
      await welcome.close();
    });

    it('the popup’s site switch turns marks off and on in the open tab without a reload', async () => {
      await J.siteSwitchIsLive(env.d, `${env.url}/demo/`);
    });

    it('the shortcut with no selection opens the name nearest the centre, a second press moves on', async () => {
      await J.shortcutWithoutSelection(env.d, `${env.url}/demo/`);
    });

    it('a bad file, a broken link and a tampered update each get one plain sentence and Details', async () => {
      await J.plainErrorsForBadFiles(env.d);
      await J.plainErrorForBrokenLink(env.d, `${site.url}/no-such-pack/index.json`);
      await J.plainErrorForTamperedUpdate(env.d, `${site.url}/index.json`, await J.riverSiteWithTamperedUpdate(site));
    });
  },
  {
    prepare(browser) {
      world = J.ensureWorldPack(extensionDir(browser));
      return () => world.cleanup();
    },
  },
);
