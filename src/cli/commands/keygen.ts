import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { keyFingerprint, signRotation } from '../../core/sync-index';
import { generatePublisherKeys, loadPublisherKey } from '../publisher-keys';
import type { Command } from './index';
import { flags } from './synth-words';

export const keygen: Command = {
  summary: 'keygen --out DIR [--rotate-from OLD.key] — create an Ed25519 publisher key pair (and a rotation signed by the old key)',
  async run(args) {
    const f = flags(args);
    const dir = f.out;
    if (!dir) throw new Error('usage: keygen --out DIR [--rotate-from OLD/publisher.key]');
    const old = f['rotate-from'] ? await loadPublisherKey(f['rotate-from']) : null;
    const { keyFile, pubFile, keyId } = generatePublisherKeys(dir);
    console.log(`private key  ${keyFile}  (keep it secret; it signs every version you publish)`);
    console.log(`public key   ${pubFile}`);
    console.log(`key id       ${keyId}`);
    console.log(`fingerprint  ${await keyFingerprint(keyId)}  (readers compare this before subscribing)`);
    if (old) {
      const rotation = await signRotation(old.keyId, old.key, keyId);
      const file = path.join(dir, 'rotation.json');
      writeFileSync(file, `${JSON.stringify(rotation, null, 1)}\n`);
      console.log(`rotation     ${file}  (signed by the old key; publish with --rotation ${file})`);
    }
    console.log(`Readers can pin it by subscribing to https://…/index.json#key=${keyId}`);
    return 0;
  },
};
