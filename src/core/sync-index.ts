/**
 * The signed index a publisher puts next to a pack (`index.json`), which subscribers poll.
 * Only `signed` is covered by the signature; the signature is over fixed domain-separated bytes
 * (a prefix plus the canonical JSON of `signed`), so whitespace or key order on the wire do not
 * matter and a signature made for another purpose cannot be replayed as an index.
 */
import * as v from 'valibot';
import { fromBase64Url, sha256Hex, toBase64Url, utf8 } from './bytes';
import { canonicalJson } from './canonical-json';
import { ok, type Result } from './result';
import { parseStrictJson } from './strict-json';
import { problem, SYNC_LIMITS, type SyncProblem } from './sync-policy';

export const INDEX_FORMAT = 'backstory-index';
const SIGNING_PREFIX = 'backstory-index-v1\n';
const ROTATION_PREFIX = 'backstory-key-rotation-v1\n';
/** Longest chain of rotations an index may carry (older links can be dropped by the publisher). */
export const MAX_ROTATIONS = 8;
const ED25519 = { name: 'Ed25519' } as const;

const sha256 = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256'));
const relUrl = v.pipe(v.string(), v.minLength(1), v.maxLength(2048));
const bytes = v.pipe(v.number(), v.integer(), v.minValue(1));
const version = v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(SYNC_LIMITS.maxVersion));
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

const SignatureSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{86}$/, 'expected a base64url Ed25519 signature'));

/** "Key `from` hands over to key `to`", signed by `from`: how a publisher changes keys. */
export const RotationSchema = v.object({ from: KeyIdSchema, to: KeyIdSchema, signature: SignatureSchema });

export const IndexSchema = v.object({
  format: v.literal(INDEX_FORMAT),
  formatVersion: v.literal(1),
  signed: v.unknown(),
  signature: SignatureSchema,
  /** Each link is signed by its own `from` key, so the list needs no signature of its own. */
  rotations: v.optional(v.pipe(v.array(RotationSchema), v.maxLength(MAX_ROTATIONS))),
});

export type SignedIndex = v.InferOutput<typeof SignedIndexSchema>;
export type PayloadRef = v.InferOutput<typeof PayloadRefSchema>;
export type DeltaRef = v.InferOutput<typeof DeltaRefSchema>;
export type Rotation = v.InferOutput<typeof RotationSchema>;
export interface IndexDocument {
  format: typeof INDEX_FORMAT;
  formatVersion: 1;
  signed: SignedIndex;
  signature: string;
  rotations?: Rotation[];
}

export const signingBytes = (signed: unknown) => utf8(SIGNING_PREFIX + canonicalJson(signed));

const rotationBytes = (from: string, to: string) => utf8(ROTATION_PREFIX + canonicalJson({ from, to }));

export async function signIndex(signed: SignedIndex, privateKey: CryptoKey, rotations?: Rotation[]): Promise<IndexDocument> {
  const sig = new Uint8Array(await crypto.subtle.sign(ED25519, privateKey, signingBytes(signed)));
  return { format: INDEX_FORMAT, formatVersion: 1, signed, signature: toBase64Url(sig), ...(rotations?.length ? { rotations } : {}) };
}

/** The current key (`fromKey`, whose id is `from`) vouches for the next key `to`. */
export async function signRotation(from: string, fromKey: CryptoKey, to: string): Promise<Rotation> {
  const sig = new Uint8Array(await crypto.subtle.sign(ED25519, fromKey, rotationBytes(from, to)));
  return { from, to, signature: toBase64Url(sig) };
}

async function verifyWith(keyId: string, signature: string, data: Uint8Array<ArrayBuffer>): Promise<boolean> {
  const rawKey = fromBase64Url(keyId);
  const sig = fromBase64Url(signature);
  if (rawKey?.length !== 32 || !sig) return false;
  try {
    const pub = await crypto.subtle.importKey('raw', rawKey as Uint8Array<ArrayBuffer>, ED25519, false, ['verify']);
    return await crypto.subtle.verify(ED25519, pub, sig as Uint8Array<ArrayBuffer>, data);
  } catch {
    return false;
  }
}

/** Follow signed rotations from the pinned key; true when they lead to `target`. */
export async function rotatesTo(pinned: string, target: string, rotations: Rotation[]): Promise<boolean> {
  let current = pinned;
  for (let step = 0; step < MAX_ROTATIONS && current !== target; step++) {
    const link = rotations.find((r) => r.from === current);
    if (!link || !(await verifyWith(link.from, link.signature, rotationBytes(link.from, link.to)))) return false;
    current = link.to;
  }
  return current === target;
}

/**
 * A key's fingerprint for people to compare: the first 160 bits of its SHA-256 in base32, in
 * eight groups of four (e.g. "K7QD 2MXA …"). The CLI prints the same for publishers.
 */
export async function keyFingerprint(keyId: string): Promise<string> {
  const raw = fromBase64Url(keyId) ?? new Uint8Array();
  const hex = await sha256Hex(raw);
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (let i = 0; i < 40; i += 2)
    bits += Number.parseInt(hex.slice(i, i + 2), 16)
      .toString(2)
      .padStart(8, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += ALPHABET[Number.parseInt(bits.slice(i, i + 5), 2)];
  return out.match(/.{4}/g)?.join(' ') ?? out;
}

export async function keyIdOf(publicKey: CryptoKey): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.exportKey('raw', publicKey)));
}

/**
 * Parse index text and check its signature against `trustedKey` (the pinned key, or on first use
 * the key the index names). An index signed by another key is accepted only through a chain of
 * signed rotations starting at the pinned key. The signature is checked over the signed part
 * exactly as received, before its schema, so nothing unsigned is ever interpreted; JSON with a
 * repeated key is refused, since parsers disagree about which copy counts.
 */
export async function openIndex(text: string, trustedKey: string | undefined): Promise<Result<SignedIndex, SyncProblem>> {
  const raw = parseStrictJson(text);
  if (!raw.ok) return problem('NotIndex', `The index is not valid JSON: ${raw.error} (truncated, tampered with or not a Backstory index).`);
  const doc = v.safeParse(IndexSchema, raw.value);
  if (!doc.success) return problem('NotIndex', 'This URL does not serve a Backstory index (index.json made by `npm run pack -- publish`).');
  const claimed = (doc.output.signed as { keyId?: unknown } | null)?.keyId;
  if (typeof claimed !== 'string') return problem('NotIndex', 'The index names no signing key.');
  const key = trustedKey ?? claimed;
  if (claimed !== key && !(await rotatesTo(key, claimed, doc.output.rotations ?? []))) {
    return problem(
      'KeyChanged',
      `The publisher's signing key changed (pinned ${short(key)}, this index names ${short(claimed)}) without a rotation signed by the pinned key. Nothing was installed. If the publisher really changed keys, get the new key from them directly and subscribe again with …index.json#key=<new key>.`,
    );
  }
  if (!(await verifyWith(claimed, doc.output.signature, signingBytes(doc.output.signed))))
    return problem(
      'Signature',
      `The index signature does not verify with the publisher key ${short(claimed)}; it was altered or not signed by that publisher. Nothing was installed.`,
    );
  const signed = v.safeParse(SignedIndexSchema, doc.output.signed);
  if (!signed.success) return problem('Invalid', `The signed index is malformed: ${describeIssue(signed.issues[0])}`);
  return ok(signed.output);
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  const where = (issue.path ?? []).map((p) => String((p as { key: unknown }).key)).join('.');
  return `${where || 'index'}: ${issue.message}`;
}

export const short = (keyId: string) => `${keyId.slice(0, 10)}…`;
