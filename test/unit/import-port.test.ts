// The worker's side of the options page's import port, on fake-indexeddb: a file arrives as
// begin / chunks / end and is installed; malformed messages, an oversized file and a cancel
// change nothing and say why.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { acceptImportPort } from '../../src/background/import-port';
import { PackService } from '../../src/background/pack-service';
import { LIMITS } from '../../src/core/pack-format';
import type { Runtime } from '../../src/shared/browser';
import type { ImportProgress } from '../../src/shared/messages';
import { freshDatabase, pack } from './worker-fixtures';

const fresh = freshDatabase('port-test');

/** A runtime port as the worker sees it: the test plays the options page. */
function openPort() {
  const onMessage: ((m: unknown) => Promise<void> | void)[] = [];
  const onDisconnect: (() => void)[] = [];
  const posted: ImportProgress[] = [];
  let disconnected = false;
  const port = {
    name: 'backstory-import',
    postMessage: (m: ImportProgress) => posted.push(m),
    disconnect: () => {
      disconnected = true;
    },
    onMessage: { addListener: (f: (m: unknown) => void) => onMessage.push(f) },
    onDisconnect: { addListener: (f: () => void) => onDisconnect.push(f) },
  } as unknown as Runtime.Port;
  const service = new PackService(fresh.db, () => '');
  acceptImportPort(port, service);
  return {
    posted,
    service,
    isDisconnected: () => disconnected,
    send: async (m: unknown) => {
      for (const f of onMessage) await f(m);
    },
    last: () => posted.at(-1),
  };
}

const stagedParts = async () => {
  const live = new Set((await fresh.db.packs.toArray()).map((p) => p.generation));
  return (await fresh.db.parts.toArray()).filter((p) => !live.has(p.generation)).length;
};

describe('the import port', () => {
  it('installs a file sent in slices and reports progress, then the pack', async () => {
    const port = openPort();
    const text = JSON.stringify(pack(120));
    await port.send({ type: 'begin', name: 'people.json', chars: text.length });
    for (let i = 0; i < text.length; i += 4000) await port.send({ type: 'chunk', data: text.slice(i, i + 4000) });
    await port.send({ type: 'end' });
    const done = port.last();
    expect(done?.type).toBe('done');
    if (done?.type === 'done') expect(done.pack).toMatchObject({ id: 'test-pack', counts: { entities: 120 } });
    expect(port.posted.some((p) => p.type === 'progress')).toBe(true);
    expect((await port.service.listPacks()).map((p) => p.id)).toEqual(['test-pack']);
    // One file per port: anything after the end is ignored.
    await port.send({ type: 'begin', name: 'again.json', chars: 10 });
    expect(port.last()).toBe(done);
  });

  it('reports a bad pack as an error and installs nothing', async () => {
    const port = openPort();
    const text = JSON.stringify({ ...pack(3), entities: 'none' });
    await port.send({ type: 'begin', name: 'bad.json', chars: text.length });
    await port.send({ type: 'chunk', data: text });
    await port.send({ type: 'end' });
    const last = port.last();
    expect(last?.type).toBe('error');
    if (last?.type === 'error') expect(last.error).toMatch(/entities: expected an array/);
    expect(await fresh.db.packs.count()).toBe(0);
    expect(await stagedParts()).toBe(0);
  });

  it('refuses a malformed message, a file over the size limit, and chunks before "begin"', async () => {
    const bad = openPort();
    await bad.send({ type: 'chunk', data: 7 });
    expect(bad.last()).toEqual({ type: 'error', error: 'refused: bad import message' });
    expect(bad.isDisconnected()).toBe(true);

    const big = openPort();
    await big.send({ type: 'begin', name: 'huge.json', chars: LIMITS.fileBytes + 1 });
    expect(big.last()?.type).toBe('error');
    expect(big.isDisconnected()).toBe(true);

    const early = openPort();
    await early.send({ type: 'chunk', data: '{"format":' });
    await early.send({ type: 'end' });
    expect(early.posted).toEqual([]);
    expect(await fresh.db.packs.count()).toBe(0);
  });

  it('a cancelled import changes nothing and says so', async () => {
    const installed = openPort();
    const v1 = JSON.stringify(pack(5));
    await installed.send({ type: 'begin', name: 'v1.json', chars: v1.length });
    await installed.send({ type: 'chunk', data: v1 });
    await installed.send({ type: 'end' });

    const port = openPort();
    const text = JSON.stringify(pack(200, 2));
    await port.send({ type: 'begin', name: 'v2.json', chars: text.length });
    await port.send({ type: 'chunk', data: text.slice(0, 5000) });
    await port.send({ type: 'cancel' });
    await port.send({ type: 'chunk', data: text.slice(5000) });
    await port.send({ type: 'end' });
    const last = port.last();
    expect(last?.type).toBe('error');
    if (last?.type === 'error') expect(last.error).toMatch(/cancelled; nothing was changed/);
    expect((await fresh.db.packs.get('test-pack'))?.meta.version).toBe(1);
    expect(await stagedParts()).toBe(0);
  });
});
