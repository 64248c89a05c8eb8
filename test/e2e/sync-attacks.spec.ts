/**
 * Attacks on the update channel, in Chromium: the shared journeys of
 * test/shared/sync-attack-journeys.ts (test/e2e-firefox/sync-attacks.spec.ts runs the same in
 * Firefox). Faults that are not attacks (HTTP errors, cut or slow payloads, a stopped worker) stay
 * in sync-faults.spec.ts.
 */
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { type SyncDriver, type SyncTab, syncAttackTests } from '../shared/sync-attack-journeys';
import { type Browser, launch, type Server, serve } from './harness';
import { cardFor, openSubscriptions } from './subscription-ui';

const tabOf = (page: Page): SyncTab => ({
  eval: (fn, arg) => page.evaluate(fn as never, arg as never) as never,
  click: (x, y) => page.mouse.click(x, y),
  type: (text) => page.keyboard.type(text),
  chooseFile: (selector, file) => page.setInputFiles(selector, file),
  close: () => page.close(),
});

describe('Chromium: attacks on the update channel', () => {
  let b: Browser;
  let srv: Server;
  let driver: SyncDriver;
  before(async () => {
    srv = await serve();
    // A name that resolves to this machine, reached over plain HTTP.
    b = await launch({ args: ['--host-resolver-rules=MAP publisher.test 127.0.0.1'] });
    driver = {
      localName: 'publisher.test',
      async stopWorker() {
        const cdp = await b.context.newCDPSession(b.context.pages()[0] ?? (await b.context.newPage()));
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
        await cdp.detach();
      },
      openOptions: async () => tabOf(await openSubscriptions(b)),
      cardText: async (url, name) => (await cardFor(b, new URL(url).origin, name, 5000))?.text ?? '',
    };
  });
  after(async () => {
    await b?.close();
    srv?.close();
  });

  syncAttackTests(
    () => driver,
    () => srv.url,
  );
});
