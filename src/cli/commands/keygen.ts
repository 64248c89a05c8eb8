import { generatePublisherKeys } from '../publisher-keys';
import type { Command } from './index';

export const keygen: Command = {
  summary: 'keygen --out DIR — create an Ed25519 publisher key pair (DIR/publisher.key, DIR/publisher.pub)',
  async run(args) {
    const i = args.indexOf('--out');
    const dir = i >= 0 ? args[i + 1] : undefined;
    if (!dir) throw new Error('usage: keygen --out DIR');
    const { keyFile, pubFile, keyId } = generatePublisherKeys(dir);
    console.log(`private key  ${keyFile}  (keep it secret; it signs every version you publish)`);
    console.log(`public key   ${pubFile}`);
    console.log(`key id       ${keyId}`);
    console.log(`Readers can pin it by subscribing to https://…/index.json#key=${keyId}`);
    return 0;
  },
};
