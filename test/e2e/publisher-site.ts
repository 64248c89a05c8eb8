/**
 * A publisher's static site on 127.0.0.1 for subscription tests: files from a folder with ETags
 * and 304s like a real static host, plus per-path overrides through which tests inject faults.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { publishVersion } from '../../src/cli/site-publisher';
import type { IndexDocument } from '../../src/core/sync-index';
import { scratchDir } from '../shared/scratch';

export interface Site {
  url: string;
  dir: string;
  /** Paths requested so far (without the leading slash), in order. */
  hits: string[];
  override(p: string, handler: http.RequestListener | null): void;
  close(): void;
}

export function serveSite(dir = scratchDir('site')): Promise<Site> {
  const overrides = new Map<string, http.RequestListener>();
  const hits: string[] = [];
  const srv = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    hits.push(rel);
    const custom = overrides.get(rel);
    if (custom) return custom(req, res);
    const file = path.join(dir, rel);
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.statusCode = 404;
      return res.end('not found');
    }
    const body = readFileSync(file);
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 20)}"`;
    res.setHeader('etag', etag);
    res.setHeader('content-type', 'application/json');
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304;
      return res.end();
    }
    res.setHeader('content-length', body.length);
    res.end(body);
  });
  return new Promise((ok) =>
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      ok({
        url: `http://127.0.0.1:${port}`,
        dir,
        hits,
        override: (p, h) => (h ? overrides.set(p, h) : overrides.delete(p)),
        close: () => {
          srv.closeAllConnections();
          srv.close();
        },
      });
    }),
  );
}

/** A pack about river towns; `filler` unrelated entities make it large enough for deltas to pay. */
export function riverPack(version: number, names: string[], filler = 60) {
  const entities: unknown[] = names.map((name) => ({
    id: name.toLowerCase(),
    type: 'place',
    name,
    description: `River town (river pack v${version})`,
    sources: [{ title: name, url: `https://en.wikipedia.org/wiki/${name}` }],
  }));
  for (let i = 0; i < filler; i++) {
    entities.push({
      id: `gauge-${i}`,
      type: 'place',
      name: `Gauge station ${i}`,
      description: `A water gauge used only to give the test pack some size (number ${i}).`,
      sources: [{ url: `https://example.org/gauges/${i}` }],
    });
  }
  return { format: 'backstory-pack', formatVersion: 1, id: 'river-desk', version, title: 'River desk', publisher: { name: 'Test desk' }, entities };
}

/** Flip one byte in the middle of a file, keeping its length (what a bad disk or proxy does). */
export function corrupt(file: string): void {
  const b = readFileSync(file);
  const i = Math.floor(b.length / 2);
  b[i] = b[i] === 0x61 ? 0x62 : 0x61;
  writeFileSync(file, b);
}

/** The river pack's publisher on a site: publishes each next version signed, and keeps every signed index (for replays). */
export class RiverPublisher {
  version = 0;
  readonly indexes = new Map<number, string>();
  constructor(
    readonly site: Site,
    private readonly signer: { key: CryptoKey; keyId: string },
  ) {}

  async publishNext(): Promise<number> {
    this.version++;
    await publishVersion(riverPack(this.version, ['Multan', 'Skardu']) as never, { ...this.signer, site: this.site.dir });
    this.indexes.set(this.version, readFileSync(path.join(this.site.dir, 'index.json'), 'utf8'));
    return this.version;
  }

  /** The signed part of the latest index. */
  signed(): IndexDocument['signed'] {
    return (JSON.parse(this.indexes.get(this.version) as string) as IndexDocument).signed;
  }

  /** The files a sync from `from` to `to` may download: the delta and the full payload. */
  payloadPaths = (from: number, to: number): string[] => [`deltas/${from}-${to}.json`, `v${to}/pack.json`];

  fileOf = (p: string): Buffer => readFileSync(path.join(this.site.dir, p));
}

/** A handler that answers with this JSON text. */
export const jsonBody =
  (body: string): http.RequestListener =>
  (_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(body);
  };
