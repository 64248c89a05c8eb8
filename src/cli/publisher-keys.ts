/** Publisher keys on disk: PKCS#8 PEM private key, and the public key as its base64url key id. */
import { createPrivateKey, createPublicKey, generateKeyPairSync, webcrypto } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function generatePublisherKeys(dir: string): { keyFile: string; pubFile: string; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const keyId = publicKey.export({ format: 'jwk' }).x as string;
  mkdirSync(dir, { recursive: true });
  const keyFile = path.join(dir, 'publisher.key');
  const pubFile = path.join(dir, 'publisher.pub');
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  writeFileSync(pubFile, `${keyId}\n`);
  return { keyFile, pubFile, keyId };
}

/** The signing key as a Web Crypto key (the same API the extension verifies with) and its id. */
export async function loadPublisherKey(file: string): Promise<{ key: CryptoKey; keyId: string }> {
  const priv = createPrivateKey(readFileSync(file));
  if (priv.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 private key`);
  const keyId = createPublicKey(priv).export({ format: 'jwk' }).x as string;
  const der = priv.export({ type: 'pkcs8', format: 'der' });
  const key = await webcrypto.subtle.importKey('pkcs8', der, { name: 'Ed25519' }, false, ['sign']);
  return { key: key as CryptoKey, keyId };
}
