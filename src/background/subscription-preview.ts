/**
 * "From a link", step one: read a publisher's signed index and say what subscribing would install
 * (title, publisher, size, schedule, key fingerprint). Nothing is written; the reader confirms
 * first, and the confirmed key is pinned in the URL they then subscribe to.
 */
import { keyFingerprint } from '../core/key-fingerprint';
import { openIndex } from '../core/sync-index';
import { downloadDeadlineMs, parseSubscriptionUrl, SYNC_LIMITS } from '../core/sync-policy';
import type { SubscriptionPreview } from '../shared/messages';
import { fetchBounded } from './bounded-fetch';

export async function previewSubscription(input: string, syncHours: number): Promise<SubscriptionPreview> {
  const parsed = parseSubscriptionUrl(input);
  if (!parsed.ok) throw new Error(parsed.error);
  const { url, key } = parsed.value;
  const res = await fetchBounded(url, { maxBytes: SYNC_LIMITS.indexBytes, deadlineMs: downloadDeadlineMs(SYNC_LIMITS.indexBytes) });
  if (!res.ok) throw new Error(res.error);
  if (res.value.status !== 200) throw new Error(`The index could not be fetched: HTTP ${res.value.status}${res.value.status === 404 ? ' (not found)' : ''}.`);
  const text = new TextDecoder().decode(res.value.bytes);
  const index = await openIndex(text, key);
  if (!index.ok) throw new Error(index.error);
  const signed = index.value;
  const fingerprint = await keyFingerprint(signed.keyId);
  if (!fingerprint) throw new Error('The index has a malformed key.');
  const pinned = new URL(url);
  pinned.hash = `key=${signed.keyId}`;
  return {
    url: pinned.href,
    site: new URL(url).host,
    packId: signed.packId,
    title: signed.title,
    publisher: publisherOf(text),
    version: signed.version,
    published: signed.published,
    bytes: signed.full.bytes,
    syncHours,
    keyId: signed.keyId,
    fingerprint,
  };
}

/** The publisher's name when the signed part names one (newer indexes); the signature was checked above. */
function publisherOf(text: string): string | undefined {
  const p = (JSON.parse(text) as { signed?: { publisher?: unknown } }).signed?.publisher;
  const name = typeof p === 'string' ? p : p && typeof p === 'object' ? (p as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name.trim() ? name.slice(0, 200) : undefined;
}
