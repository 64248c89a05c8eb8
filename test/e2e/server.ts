/** The local web server the e2e tests read their pages from, and the repository root. */
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface Server {
  url: string;
  close(): void;
  /** Extra routes for tests (path → handler). */
  route(p: string, handler: http.RequestListener): void;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.gz': 'application/gzip',
};

/** Serve folders on 127.0.0.1: /demo → extension/demo, /pages → test/e2e/pages (nothing from outside the repository). */
export function serve(): Promise<Server> {
  const mounts: Record<string, string> = {
    '/demo/': path.join(ROOT, 'extension/demo'),
    '/pages/': path.join(ROOT, 'test/e2e/pages'),
  };
  const routes = new Map<string, http.RequestListener>();
  const srv = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const custom = routes.get(url.pathname);
    if (custom) return custom(req, res);
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (!url.pathname.startsWith(prefix)) continue;
      let p = path.join(dir, decodeURIComponent(url.pathname.slice(prefix.length)));
      if (existsSync(p) && statSync(p).isDirectory()) p = path.join(p, 'index.html');
      if (!p.startsWith(dir) || !existsSync(p)) break;
      res.setHeader('content-type', TYPES[path.extname(p)] ?? 'application/octet-stream');
      return createReadStream(p).pipe(res);
    }
    res.statusCode = 404;
    res.end('not found');
  });
  return new Promise((ok) =>
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      ok({ url: `http://127.0.0.1:${port}`, close: () => srv.close(), route: (p, h) => routes.set(p, h) });
    }),
  );
}
