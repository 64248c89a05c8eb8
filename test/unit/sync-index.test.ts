import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/core/canonical-json';
import { keyIdOf, openIndex, type SignedIndex, signIndex } from '../../src/core/sync-index';

const keys = async () => (await webcrypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as unknown as CryptoKeyPair;

async function signedIndex(pair: CryptoKeyPair, patch: Partial<SignedIndex> = {}) {
  const signed: SignedIndex = {
    packId: 'river-desk',
    version: 2,
    published: '2025-01-01T00:00:00.000Z',
    expires: '2025-02-01T00:00:00.000Z',
    keyId: await keyIdOf(pair.publicKey),
    contentSha256: 'a'.repeat(64),
    full: { url: 'v2/pack.json', bytes: 100, sha256: 'b'.repeat(64) },
    deltas: [{ from: 1, url: 'deltas/1-2.json', bytes: 10, sha256: 'c'.repeat(64) }],
    ...patch,
  };
  return signIndex(signed, pair.privateKey);
}

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: undefined }], c: 'x' } })).toBe('{"a":{"c":"x","d":[1,{"f":2}]},"b":1}');
  });
  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
  });
});

describe('signed index', () => {
  it('opens with the key it names on first use, and with the pinned key later', async () => {
    const pair = await keys();
    const doc = await signedIndex(pair);
    const text = JSON.stringify(doc, null, 2);
    const first = await openIndex(text, undefined);
    expect(first.ok && first.value.version).toBe(2);
    const pinned = await openIndex(text, doc.signed.keyId);
    expect(pinned.ok).toBe(true);
  });

  it('ignores key order and whitespace on the wire', async () => {
    const pair = await keys();
    const doc = await signedIndex(pair);
    const reordered = { signature: doc.signature, signed: JSON.parse(canonicalJson(doc.signed)), formatVersion: 1, format: doc.format };
    expect((await openIndex(JSON.stringify(reordered), doc.signed.keyId)).ok).toBe(true);
  });

  it('refuses any change to the signed part', async () => {
    const pair = await keys();
    const doc = await signedIndex(pair);
    for (const tamper of [{ version: 3 }, { expires: '2099-01-01T00:00:00.000Z' }, { deltas: [] }]) {
      const r = await openIndex(JSON.stringify({ ...doc, signed: { ...doc.signed, ...tamper } }), doc.signed.keyId);
      expect(r.ok ? 'accepted' : r.error.text).toMatch(/signature does not verify/);
    }
  });

  it('refuses an index signed by another key than the pinned one', async () => {
    const a = await keys();
    const b = await keys();
    const fromB = await signedIndex(b);
    const r = await openIndex(JSON.stringify(fromB), await keyIdOf(a.publicKey));
    expect(r.ok ? 'accepted' : r.error.text).toMatch(/signing key changed/);
  });

  it('refuses an index that claims the pinned key but was signed by another', async () => {
    const a = await keys();
    const b = await keys();
    const forged = await signedIndex(b, { keyId: await keyIdOf(a.publicKey) });
    const r = await openIndex(JSON.stringify(forged), await keyIdOf(a.publicKey));
    expect(r.ok ? 'accepted' : r.error.text).toMatch(/signature does not verify/);
  });

  it('refuses truncated text and documents of another kind', async () => {
    const pair = await keys();
    const text = JSON.stringify(await signedIndex(pair));
    expect((await openIndex(text.slice(0, text.length - 20), undefined)).ok).toBe(false);
    expect((await openIndex(JSON.stringify({ format: 'backstory-pack' }), undefined)).ok).toBe(false);
  });
});
