/**
 * The signed index a publisher puts next to a pack (`index.json`), which subscribers poll.
 * Only `signed` is covered by the signature; the signature is over fixed domain-separated bytes
 * (a prefix plus the canonical JSON of `signed`), so whitespace or key order on the wire do not
 * matter and a signature made for another purpose cannot be replayed as an index.
 */
import * as v from 'valibot';
import { fromBase64Url, toBase64Url, utf8 } from './bytes';
import { canonicalJson } from './canonical-json';
import { err, ok, type Result } from './result';

export const INDEX_FORMAT = 'backstory-index';
const SIGNING_PREFIX = 'backstory-index-v1\n';
const ED25519 = { name: 'Ed25519' } as const;

const sha256 = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256'));
const relUrl = v.pipe(v.string(), v.minLength(1), v.maxLength(2048));
const bytes = v.pipe(v.number(), v.integer(), v.minValue(1));
const version = v.pipe(v.number(), v.integer(), v.minValue(1));
const iso = v.pipe(v.string(), v.isoTimestamp());
/** A raw 32-byte Ed25519 public key in base64url: the key is its own id, so `#key=` can pin it. */
export const KeyIdSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/, 'expected a base64url Ed25519 public key'));

export const PayloadRefSchema = v.object({ url: relUrl, bytes, sha256 });
export const DeltaRefSchema = v.object({ from: version, url: relUrl, bytes, sha256 });

export const SignedIndexSchema = v.object({
  packId: v.pipe(v.string(), v.maxLength(120), v.regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/)),
  title: v.optional(v.pipe(v.string(), v.maxLength(200))),
  version,
  published: iso,
  expires: iso,
  keyId: KeyIdSchema,
  /** Digest of the pack's content (see packDigest), checked after a delta is applied. */
  contentSha256: sha256,
  full: PayloadRefSchema,
  deltas: v.pipe(v.array(DeltaRefSchema), v.maxLength(64)),
});

export const IndexSchema = v.object({
  format: v.literal(INDEX_FORMAT),
  formatVersion: v.literal(1),
  signed: v.unknown(),
  signature: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{86}$/, 'expected a base64url Ed25519 signature')),
});

export type SignedIndex = v.InferOutput<typeof SignedIndexSchema>;
export type PayloadRef = v.InferOutput<typeof PayloadRefSchema>;
export type DeltaRef = v.InferOutput<typeof DeltaRefSchema>;
export interface IndexDocument {
  format: typeof INDEX_FORMAT;
  formatVersion: 1;
  signed: SignedIndex;
  signature: string;
}

export const signingBytes = (signed: unknown) => utf8(SIGNING_PREFIX + canonicalJson(signed));

export async function signIndex(signed: SignedIndex, privateKey: CryptoKey): Promise<IndexDocument> {
  const sig = new Uint8Array(await crypto.subtle.sign(ED25519, privateKey, signingBytes(signed)));
  return { format: INDEX_FORMAT, formatVersion: 1, signed, signature: toBase64Url(sig) };
}

export async function keyIdOf(publicKey: CryptoKey): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.exportKey('raw', publicKey)));
}

/**
 * Parse index text and check its signature against `trustedKey` (the pinned key, or on first use
 * the key the index names). The signature is checked over the signed part exactly as received,
 * before its schema, so nothing unsigned is ever interpreted.
 */
export async function openIndex(text: string, trustedKey: string | undefined): Promise<Result<SignedIndex>> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return err('The index is not valid JSON (truncated or not a Backstory index).');
  }
  const doc = v.safeParse(IndexSchema, raw);
  if (!doc.success) return err('This URL does not serve a Backstory index (index.json made by `npm run pack -- publish`).');
  const claimed = (doc.output.signed as { keyId?: unknown } | null)?.keyId;
  if (typeof claimed !== 'string') return err('The index names no signing key.');
  const key = trustedKey ?? claimed;
  if (claimed !== key) {
    return err(
      `The publisher's signing key changed (pinned ${short(key)}, this index names ${short(claimed)}). Nothing was installed. If you trust the new key, unsubscribe and subscribe again.`,
    );
  }
  const rawKey = fromBase64Url(key);
  const sig = fromBase64Url(doc.output.signature);
  if (rawKey?.length !== 32 || !sig) return err('The index has a malformed key or signature.');
  let good = false;
  try {
    const pub = await crypto.subtle.importKey('raw', rawKey as Uint8Array<ArrayBuffer>, ED25519, false, ['verify']);
    good = await crypto.subtle.verify(ED25519, pub, sig as Uint8Array<ArrayBuffer>, signingBytes(doc.output.signed));
  } catch {
    good = false;
  }
  if (!good)
    return err(
      `The index signature does not verify with the publisher key ${short(key)}; it was altered or not signed by that publisher. Nothing was installed.`,
    );
  const signed = v.safeParse(SignedIndexSchema, doc.output.signed);
  if (!signed.success) return err('The signed index is malformed.');
  return ok(signed.output);
}

export const short = (keyId: string) => `${keyId.slice(0, 10)}…`;
