/**
 * A publisher key a person can compare by eye: the SHA-256 of the raw key, first 16 bytes, in
 * eight groups of four hex digits ("3F2A 9C01 …"). Hashing first means two keys that share a
 * prefix still look different.
 */
import { fromBase64Url, sha256Hex } from './bytes';

export async function keyFingerprint(keyId: string): Promise<string | null> {
  const raw = fromBase64Url(keyId);
  if (raw?.length !== 32) return null;
  const hex = (await sha256Hex(raw)).slice(0, 32).toUpperCase();
  return hex.match(/.{4}/g)?.join(' ') ?? null;
}
