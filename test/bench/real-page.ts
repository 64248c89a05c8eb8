/**
 * A 3 MB real news page for the page-cost figures. `../shared/realpages` holds saved pages of real
 * sites, the largest about 1.5 MB, so the page is built from real DOMs: the largest saved page as it
 * is, with the <body> content (and <head> styles) of the next largest pages appended in order of size
 * until the markup reaches the target. The merging is done by the browser's own parser (DOMParser,
 * which runs no script). Scripts stay in the markup but are made inert (`type` changed): they would
 * load their code from the live web, which the bench cannot reach, so what they would do is not the
 * real page anyway, and with or without the extension the page must do the same work. JSON-LD stays
 * as it is (article scope reads `articleBody` from it). Images, frames and media lose their remote
 * URLs (kept as `data-bench-*`), so none of them changes size at a moment set by load timing.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ROOT } from '../e2e/server';
import type { BenchBrowser } from './browser';

/** The shared read-only material beside the project (evaluation only; `npm test` never needs it). */
export const REAL_PAGES = path.resolve(ROOT, '../shared/realpages/html');

export interface RealPage {
  file: string;
  bytes: number;
  /** The saved pages it was built from (file names, largest first). */
  sources: string[];
}

/** Bumped when the way the page is built changes, so a cached older page is not used. */
export const REAL_PAGE_VERSION = 2;

/** Build (once) the composite page of at least `targetBytes`; null when ../shared/realpages is absent. */
export async function buildRealPage(b: BenchBrowser, out: string, targetBytes: number): Promise<RealPage | null> {
  if (!existsSync(REAL_PAGES)) return null;
  const meta = `${out}.json`;
  if (existsSync(out) && existsSync(meta)) return JSON.parse(readFileSync(meta, 'utf8')) as RealPage;
  const pages = readdirSync(REAL_PAGES)
    .filter((f) => f.endsWith('.html.gz'))
    .map((f) => ({ f, html: gunzipSync(readFileSync(path.join(REAL_PAGES, f))).toString('utf8') }))
    .sort((x, y) => y.html.length - x.html.length || (x.f < y.f ? -1 : 1));
  const page = await b.context.newPage();
  try {
    const r = await page.evaluate(
      ({ htmls, target }) => {
        const inert = (doc: Document) => {
          for (const s of doc.querySelectorAll('script')) {
            const type = (s.getAttribute('type') ?? '').trim().toLowerCase();
            if (!/json/.test(type)) s.setAttribute('type', 'text/x-bench-inert');
          }
        };
        // Images, frames and media of the live web fail here, each whenever its failure comes back:
        // an image that turns into a broken-image box after the first paint moves the text below
        // it, at a moment that depends on load timing (a layout shift the page would not have
        // online). Without their URLs they are empty boxes from the first layout on.
        const offline = (doc: Document) => {
          for (const el of doc.querySelectorAll('img, source, iframe, video, audio, embed, object, input[type="image"]'))
            for (const attr of ['src', 'srcset', 'data', 'poster'])
              if (/^(https?:)?\/\//i.test(el.getAttribute(attr) ?? '')) {
                el.setAttribute(`data-bench-${attr}`, el.getAttribute(attr) ?? '');
                el.removeAttribute(attr);
              }
        };
        const parse = (html: string) => {
          const doc = new DOMParser().parseFromString(html, 'text/html');
          inert(doc);
          offline(doc);
          return doc;
        };
        const base = parse(htmls[0]);
        const serialize = () => `<!doctype html>\n${base.documentElement.outerHTML}`;
        let used = 1;
        let size = serialize().length;
        while (size < target && used < htmls.length) {
          const doc = parse(htmls[used++]);
          for (const el of doc.head.querySelectorAll('style, link[rel~="stylesheet"]')) base.head.append(base.importNode(el, true));
          for (const n of [...doc.body.childNodes]) base.body.append(base.importNode(n, true));
          size = serialize().length;
        }
        return { html: serialize(), used };
      },
      { htmls: pages.slice(0, 12).map((p) => p.html), target: targetBytes },
    );
    writeFileSync(out, r.html);
    const info: RealPage = { file: out, bytes: statSync(out).size, sources: pages.slice(0, r.used).map((p) => p.f) };
    writeFileSync(meta, JSON.stringify(info));
    return info;
  } finally {
    await page.close();
  }
}
