import { describe, expect, it } from 'vitest';
import type { SignedIndex } from '../../src/core/sync-index';
import {
  backoffMs,
  checkFetchUrl,
  decide,
  isPrivateAddress,
  parseRetryAfter,
  parseSubscriptionUrl,
  payloadUrl,
  retryDelayMs,
  SYNC_LIMITS,
} from '../../src/core/sync-policy';

const NOW = Date.parse('2025-01-10T00:00:00Z');
const index = (patch: Partial<SignedIndex> = {}): SignedIndex => ({
  packId: 'river-desk',
  version: 3,
  published: '2025-01-09T00:00:00.000Z',
  expires: '2025-02-01T00:00:00.000Z',
  keyId: 'k'.repeat(43),
  contentSha256: 'a'.repeat(64),
  full: { url: 'v3/pack.json', bytes: 100, sha256: 'b'.repeat(64) },
  deltas: [
    { from: 2, url: 'deltas/2-3.json', bytes: 10, sha256: 'c'.repeat(64) },
    { from: 1, url: 'deltas/1-3.json', bytes: 20, sha256: 'd'.repeat(64) },
  ],
  ...patch,
});
const what = (r: ReturnType<typeof decide>) => (r.ok ? (r.value.action === 'up-to-date' ? 'up-to-date' : `${r.value.kind}:${r.value.ref.url}`) : r.error.text);

describe('what to do with a verified index', () => {
  it('takes the delta from the installed version, else the full payload', () => {
    expect(what(decide(index(), { packId: 'river-desk', installedVersion: 2, now: NOW }))).toBe('delta:deltas/2-3.json');
    expect(what(decide(index(), { packId: 'river-desk', installedVersion: 1, now: NOW }))).toBe('delta:deltas/1-3.json');
    expect(what(decide(index({ version: 4 }), { packId: 'river-desk', installedVersion: 3, now: NOW }))).toBe('full:v3/pack.json');
    expect(what(decide(index(), { now: NOW }))).toBe('full:v3/pack.json');
  });
  it('does nothing for the installed version and refuses an older one', () => {
    expect(what(decide(index(), { packId: 'river-desk', installedVersion: 3, now: NOW }))).toBe('up-to-date');
    expect(what(decide(index(), { packId: 'river-desk', installedVersion: 4, now: NOW }))).toMatch(/rollback refused/);
  });
  it('refuses an expired index (a frozen mirror), even for the installed version', () => {
    expect(what(decide(index({ expires: '2025-01-09T23:59:59.000Z' }), { installedVersion: 3, now: NOW }))).toMatch(/expired/);
  });
  it('refuses an index for another pack', () => {
    expect(what(decide(index({ packId: 'other' }), { packId: 'river-desk', installedVersion: 2, now: NOW }))).toMatch(/pack "other"/);
  });
});

describe('which URLs are fetched', () => {
  it('allows HTTPS anywhere and plain HTTP only on loopback', () => {
    for (const ok of ['https://example.org/i.json', 'http://127.0.0.1:8080/i.json', 'http://127.9.0.1/i.json', 'http://localhost/i', 'http://[::1]:9/i']) {
      expect(checkFetchUrl(ok).ok, ok).toBe(true);
    }
    for (const bad of [
      'http://example.org/i.json',
      'http://10.0.0.1/i',
      'ftp://example.org/',
      'file:///etc/passwd',
      'https://user:pw@example.org/',
      'http://127.0.0.1.example.org/',
    ]) {
      expect(checkFetchUrl(bad).ok, bad).toBe(false);
    }
  });
  it('refuses private, link-local and loopback addresses, however they are written', () => {
    for (const bad of [
      'https://10.0.0.1/',
      'https://172.16.5.4/',
      'https://192.168.0.1/',
      'https://169.254.169.254/',
      'https://100.64.0.1/',
      'https://0.0.0.0/',
      'https://[fd12::1]/',
      'https://[fe80::1]/',
      'https://[::ffff:192.168.0.1]/',
      'https://0x7f.1/',
      'https://a.localhost/',
    ]) {
      expect(isPrivateAddress(new URL(bad).hostname), bad).toBe(true);
      expect(checkFetchUrl(bad, 'https://publisher.example/index.json').ok, bad).toBe(false);
    }
    for (const ok of ['https://8.8.8.8/', 'https://172.32.0.1/', 'https://[2001:db8::1]/', 'https://example.org/'])
      expect(isPrivateAddress(new URL(ok).hostname), ok).toBe(false);
    expect(checkFetchUrl('http://127.0.0.1:9/i', 'http://127.0.0.1:9/index.json').ok).toBe(true);
    expect(checkFetchUrl('http://127.0.0.1:9/i', 'https://publisher.example/index.json').ok).toBe(false);
  });
  it('keeps payload URLs on the index origin', () => {
    const idx = 'https://publisher.example/river/index.json';
    expect(payloadUrl('v2/pack.json', idx)).toEqual({ ok: true, value: 'https://publisher.example/river/v2/pack.json' });
    expect(payloadUrl('/other/v2.json', idx).ok).toBe(true);
    for (const bad of ['https://cdn.example/v2.json', '//cdn.example/v2.json', 'http://publisher.example/v2.json', 'https://publisher.example:444/v2.json'])
      expect(payloadUrl(bad, idx).ok, bad).toBe(false);
  });
  it('reads a pinned key from #key= and drops the fragment', () => {
    const key = 'gWfcZ-L7kIEKOAZ-xKONVL8iywVMoPX-a3vUkfQEdLI';
    const r = parseSubscriptionUrl(`https://example.org/p/index.json#key=${key}`);
    expect(r.ok && r.value).toEqual({ url: 'https://example.org/p/index.json', key });
    expect(parseSubscriptionUrl('https://example.org/p/index.json#key=short').ok).toBe(false);
  });
});

describe('retry timing', () => {
  it('doubles per failure, stays within [d/2, d] and under the cap', () => {
    const base = SYNC_LIMITS.backoffBaseMs;
    expect(backoffMs(1, 0, 6 * 3600_000)).toBe(base / 2);
    expect(backoffMs(1, 0.999999, 6 * 3600_000)).toBe(base);
    expect(backoffMs(3, 0, 6 * 3600_000)).toBe(2 * base);
    expect(backoffMs(30, 0.5, 6 * 3600_000)).toBeLessThanOrEqual(6 * 3600_000);
    expect(backoffMs(30, 0, 6 * 3600_000)).toBe(3 * 3600_000);
  });
  it('reads Retry-After as seconds or a date, and never retries before it', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000);
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter(null, NOW)).toBeNull();
    expect(parseRetryAfter('99999999', NOW)).toBe(SYNC_LIMITS.retryAfterCapMs);
    expect(retryDelayMs(1, 600_000, 0.5, 6)).toBe(600_000);
    expect(retryDelayMs(1, 1_000, 0.5, 6)).toBe(backoffMs(1, 0.5, 6 * 3600_000));
  });
});
