/**
 * What a page can learn of Backstory's work, in Chromium and Firefox: nothing about which names
 * were found or which card is open, and a name slid under a resting pointer opens nothing.
 */
import { it } from 'node:test';
import { curiousPageLearnsNothing, restingPointerOpensNothing } from '../shared/privacy-journey';
import { inEachBrowser } from './browsers';

inEachBrowser('privacy: what a page can see', (env) => {
  it('a page that plants visible and hidden names and watches everything learns nothing about which were found or which card opened', async () => {
    await curiousPageLearnsNothing(env.d, `${env.url}/pages/privacy-probe.html`);
  });

  it('a page that slides a name under a resting pointer opens no card; a real move then does', async () => {
    await restingPointerOpensNothing(env.d, `${env.url}/pages/scroll-under-pointer.html`);
  });
});
