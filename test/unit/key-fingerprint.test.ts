import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../../src/core/bytes';
import { keyFingerprint } from '../../src/core/key-fingerprint';

describe('keyFingerprint', () => {
  it('shows a key as eight groups of four hex digits, different for keys that share a prefix', async () => {
    const a = new Uint8Array(32);
    const b = new Uint8Array(32);
    b[31] = 1;
    const fa = await keyFingerprint(toBase64Url(a));
    const fb = await keyFingerprint(toBase64Url(b));
    expect(fa).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    expect(fb).not.toBe(fa);
    expect(fa?.slice(0, 4)).not.toBe(fb?.slice(0, 4));
  });
  it('refuses what is not a 32-byte key', async () => {
    expect(await keyFingerprint('abc')).toBeNull();
    expect(await keyFingerprint(toBase64Url(new Uint8Array(31)))).toBeNull();
  });
});
