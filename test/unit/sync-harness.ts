/**
 * PackSync in Node: the real worker classes on fake-indexeddb, a fake clock, and a fake network
 * of publisher hosts that behaves like a browser's fetch (it follows redirects unless told not to).
 */
import 'fake-indexeddb/auto';
import { webcrypto } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BackstoryDatabase } from '../../src/background/database';
import { PackService } from '../../src/background/pack-service';
import { PackSync } from '../../src/background/pack-sync';
import { publishVersion } from '../../src/cli/site-publisher';
import type { Pack } from '../../src/core/pack-format';
import { type IndexDocument, keyIdOf, type Rotation, type SignedIndex, signIndex } from '../../src/core/sync-index';
import { riverPack } from '../e2e/publisher-site';
import { scratchDir } from '../shared/scratch';

export const T0 = Date.parse('2026-03-01T12:00:00Z');
export const HOUR = 3600_000;
export type Handler = (req: { url: string; headers: Headers; redirect: RequestRedirect }) => Response | Promise<Response>;

export interface Signer {
  key: CryptoKey;
  keyId: string;
}
export async function newSigner(): Promise<Signer> {
  const pair = (await webcrypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as unknown as CryptoKeyPair;
  return { key: pair.privateKey, keyId: await keyIdOf(pair.publicKey) };
}

let dbCount = 0;

/** One reader (database, service, sync with a fake clock) and one publisher site on a fake network. */
export async function world(origin = 'https://publisher.example') {
  const clock = { now: T0 };
  const routes = new Map<string, Handler>();
  const requests: string[] = [];
  const realFetch = globalThis.fetch;
  const fakeFetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    let url = String(input);
    for (let hops = 0; hops < 5; hops++) {
      requests.push(url);
      const handler = routes.get(url);
      const res = handler
        ? await handler({ url, headers: new Headers(init.headers), redirect: init.redirect ?? 'follow' })
        : new Response('not found', { status: 404 });
      const location = res.headers.get('location');
      if (!location || res.status < 300 || res.status >= 400 || init.redirect === 'manual') return withUrl(res, url);
      if (init.redirect === 'error') throw new TypeError('redirect refused');
      url = new URL(location, url).href;
    }
    throw new TypeError('too many redirects');
  };
  globalThis.fetch = fakeFetch as typeof fetch;
  const db = new BackstoryDatabase(`sync-test-${process.pid}-${++dbCount}`);
  const service = new PackService(db, () => 'unused');
  const scheduled: (number | null)[] = [];
  let rand = 0.5;
  const makeSync = () =>
    new PackSync(service, {
      schedule: (when) => void scheduled.push(when),
      now: () => clock.now,
      random: () => rand,
      say: (key, site) => `${key} @ ${site}`,
    });
  const signer = await newSigner();
  const site = scratchDir('sync-site');
  const indexUrl = `${origin}/river/index.json`;
  const indexes = new Map<number, string>();

  /** Serve every file of the site folder under `${origin}/river/`, with ETags and 304s. */
  const serveFile = (rel: string) => {
    routes.set(`${origin}/river/${rel}`, ({ headers }) => {
      const body = readFileSync(path.join(site, rel));
      const etag = `"${body.length}-${body[body.length >> 1]}-${body.subarray(-40).toString('hex')}"`;
      if (headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers: { etag } });
      return new Response(body, { status: 200, headers: { etag, 'content-length': String(body.length) } });
    });
  };

  const w = {
    clock,
    routes,
    requests,
    db,
    service,
    sync: makeSync(),
    makeSync,
    scheduled,
    signer,
    site,
    origin,
    indexUrl,
    indexes,
    setRandom: (r: number) => {
      rand = r;
    },
    /** Publish `version` of the river pack with the CLI's own publisher, at the fake clock's time. */
    async publish(version: number, names = ['Multan', 'Skardu'], opts: { signer?: Signer; rotations?: Rotation[] } = {}) {
      const s = opts.signer ?? signer;
      const r = await publishVersion(riverPack(version, names) as Pack, { ...s, site, now: new Date(clock.now), rotations: opts.rotations });
      for (const f of r.files) serveFile(f.path);
      indexes.set(version, readFileSync(path.join(site, 'index.json'), 'utf8'));
      return r.index;
    },
    /** Serve a hand-made index document (signed by whoever the test chooses). */
    serveIndex(doc: IndexDocument | string) {
      const body = typeof doc === 'string' ? doc : JSON.stringify(doc);
      routes.set(indexUrl, () => new Response(body, { status: 200 }));
    },
    restoreIndex: () => serveFile('index.json'),
    /** Re-sign the current index with changes (the publisher's key, or another). */
    async resign(patch: Partial<SignedIndex>, by: Signer = signer) {
      const doc = JSON.parse(readFileSync(path.join(site, 'index.json'), 'utf8')) as IndexDocument;
      return signIndex({ ...doc.signed, ...patch }, by.key);
    },
    writeSiteFile(rel: string, data: string | Uint8Array) {
      writeFileSync(path.join(site, rel), data);
      serveFile(rel);
    },
    async record() {
      const r = await db.subscriptions.get(indexUrl);
      if (!r) throw new Error('no subscription record');
      return r;
    },
    async installed() {
      const p = await db.packs.get('river-desk');
      return p ? { version: p.meta.version, subscription: p.subscription?.url } : null;
    },
    async cardText(name: string) {
      const merged = await service.part('merged');
      void merged;
      const exported = await service.exportPack('river-desk');
      if (!exported.ok) return null;
      const pack = JSON.parse(exported.value.json) as Pack;
      return pack.entities.find((e) => e.name === name)?.description ?? null;
    },
    close() {
      globalThis.fetch = realFetch;
      db.close();
    },
  };
  return w;
}

function withUrl(res: Response, url: string): Response {
  Object.defineProperty(res, 'url', { value: url });
  return res;
}

/** A response body that sends `head` and then hangs until `release()` (a worker killed mid-download). */
export function hangingBody(head: Uint8Array) {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      c.enqueue(head);
    },
  });
  return { stream, release: () => controller.error(new Error('connection reset')) };
}
