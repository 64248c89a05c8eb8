/**
 * A GET with a byte cap and a deadline, whose final URL (after redirects) must pass the sync URL
 * policy before any of the body is read. A server that sends too much, too slowly or forever
 * costs at most `maxBytes` and `deadlineMs`.
 */
import { err, ok, type Result } from '../core/result';
import { checkFetchUrl } from '../core/sync-policy';

export interface Fetched {
  status: number;
  url: string;
  headers: Headers;
  bytes: Uint8Array;
}

export interface BoundedFetchOptions {
  maxBytes: number;
  deadlineMs: number;
  headers?: Record<string, string>;
  /** Called while bytes arrive, so the caller can keep a service worker awake. */
  onProgress?: (received: number) => void;
}

export async function fetchBounded(url: string, opts: BoundedFetchOptions): Promise<Result<Fetched>> {
  const first = checkFetchUrl(url);
  if (!first.ok) return first;
  const abort = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, opts.deadlineMs);
  const where = first.value.host;
  try {
    const res = await fetch(first.value.href, {
      headers: opts.headers,
      cache: 'no-store',
      credentials: 'omit',
      redirect: 'follow',
      referrerPolicy: 'no-referrer',
      signal: abort.signal,
    });
    const final = checkFetchUrl(res.url || first.value.href);
    if (!final.ok) {
      abort.abort();
      return err(`${where} redirected to an address Backstory does not fetch from. ${final.error}`);
    }
    if (res.status !== 200) {
      await res.body?.cancel().catch(() => {});
      return ok({ status: res.status, url: res.url, headers: res.headers, bytes: new Uint8Array() });
    }
    const announced = Number(res.headers.get('content-length') ?? Number.NaN);
    if (announced > opts.maxBytes) {
      abort.abort();
      return err(`${where} announced ${announced} bytes, more than the expected ${opts.maxBytes}.`);
    }
    const chunks: Uint8Array[] = [];
    let received = 0;
    const reader = res.body?.getReader();
    for (;;) {
      const step = reader ? await reader.read() : { done: true as const, value: undefined };
      if (step.done) break;
      received += step.value.length;
      if (received > opts.maxBytes) {
        abort.abort();
        return err(`${where} sent more than the expected ${opts.maxBytes} bytes; the download was stopped.`);
      }
      chunks.push(step.value);
      opts.onProgress?.(received);
    }
    const bytes = new Uint8Array(received);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.length;
    }
    return ok({ status: res.status, url: res.url, headers: res.headers, bytes });
  } catch (e) {
    if (timedOut) return err(`${where} did not finish sending within ${Math.round(opts.deadlineMs / 1000)} s; the download was stopped.`);
    return err(`Could not download from ${where}: ${e instanceof Error ? e.message : String(e)} (the connection failed or was cut).`);
  } finally {
    clearTimeout(timer);
  }
}
