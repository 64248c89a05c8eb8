/**
 * A GET with a byte cap and a deadline that never leaves the subscription's site: redirects are
 * not followed (a publisher serves its index and payloads at their final URLs), so a host that is
 * taken over cannot send the worker to another origin or into the reader's private network. A
 * server that sends too much, too slowly or forever costs at most `maxBytes` and `deadlineMs`.
 */
import { ok, type Result } from '../core/result';
import { checkFetchUrl, problem, type SyncProblem } from '../core/sync-policy';

export interface Fetched {
  status: number;
  url: string;
  headers: Headers;
  bytes: Uint8Array;
}

export interface BoundedFetchOptions {
  maxBytes: number;
  deadlineMs: number;
  /** The subscription's URL: the request must stay on its origin. */
  subscription: string;
  headers?: Record<string, string>;
  /** Called while bytes arrive, so the caller can keep a service worker awake. */
  onProgress?: (received: number) => void;
}

export async function fetchBounded(url: string, opts: BoundedFetchOptions): Promise<Result<Fetched, SyncProblem>> {
  const first = checkFetchUrl(url, opts.subscription);
  if (!first.ok) return problem('Address', first.error);
  const where = first.value.host;
  if (first.value.origin !== new URL(opts.subscription).origin)
    return problem('OtherOrigin', `${where} is not the subscription's site (${new URL(opts.subscription).host}); nothing was downloaded.`);
  if (opts.deadlineMs <= 0) return problem('Unreachable', `The sync used up its time budget before downloading from ${where}; nothing was downloaded.`);
  const abort = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, opts.deadlineMs);
  try {
    const res = await fetch(first.value.href, {
      headers: opts.headers,
      cache: 'no-store',
      credentials: 'omit',
      // Browsers hide a redirect's target ("opaqueredirect"); it is refused either way.
      redirect: 'manual',
      referrerPolicy: 'no-referrer',
      signal: abort.signal,
    });
    if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400 && res.status !== 304)) {
      abort.abort();
      const to = res.headers.get('location');
      return problem(
        'Redirect',
        `${where} redirected the request${to ? ` to ${to.slice(0, 200)}` : ''}; Backstory does not follow redirects, so a pack is only ever downloaded from the site you subscribed to. Nothing was downloaded.`,
      );
    }
    if (res.status !== 200) {
      await res.body?.cancel().catch(() => {});
      return ok({ status: res.status, url: first.value.href, headers: res.headers, bytes: new Uint8Array() });
    }
    const announced = Number(res.headers.get('content-length') ?? Number.NaN);
    if (announced > opts.maxBytes) {
      abort.abort();
      return problem('TooBig', `${where} announced ${announced} bytes, more than the expected ${opts.maxBytes}.`);
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
        return problem('TooBig', `${where} sent more than the expected ${opts.maxBytes} bytes; the download was stopped.`);
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
    return ok({ status: res.status, url: first.value.href, headers: res.headers, bytes });
  } catch (e) {
    if (timedOut) return problem('Unreachable', `${where} did not finish sending within ${Math.round(opts.deadlineMs / 1000)} s; the download was stopped.`);
    return problem('Unreachable', `Could not download from ${where}: ${e instanceof Error ? e.message : String(e)} (the connection failed or was cut).`);
  } finally {
    clearTimeout(timer);
  }
}
