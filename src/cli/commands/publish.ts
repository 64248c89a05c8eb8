import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as v from 'valibot';
import { keyFingerprint, RotationSchema } from '../../core/sync-index';
import { loadPublisherKey } from '../publisher-keys';
import { readPackOrSay } from '../read-pack';
import { publishVersion } from '../site-publisher';
import type { Command } from './index';

const USAGE = 'usage: publish PACK.json --key DIR/publisher.key --out SITE [--expires-days 30] [--deltas 8] [--rotation DIR/rotation.json]';

export const publish: Command = {
  summary: 'publish PACK.json --key KEY --out SITE — add a version to a static site: signed index.json, payload, deltas',
  async run(args) {
    const flag = (name: string) => {
      const i = args.indexOf(name);
      return i >= 0 ? args[i + 1] : undefined;
    };
    const file = args.find((a, i) => !a.startsWith('--') && (i === 0 || !args[i - 1].startsWith('--')));
    const keyFile = flag('--key');
    const site = flag('--out');
    if (!file || !keyFile || !site) throw new Error(USAGE);
    const expiresDays = Number(flag('--expires-days') ?? 30);
    const deltaFrom = Number(flag('--deltas') ?? 8);
    if (!(expiresDays > 0) || !(deltaFrom >= 0)) throw new Error(USAGE);
    const pack = readPackOrSay(file);
    if (!pack) return 1;
    const { key, keyId } = await loadPublisherKey(keyFile);
    const rotationFile = flag('--rotation');
    const rotations = rotationFile ? [v.parse(RotationSchema, JSON.parse(readFileSync(rotationFile, 'utf8')))] : undefined;
    const { index, files } = await publishVersion(pack, { key, keyId, site, expiresDays, deltaFrom, rotations });
    for (const f of files) console.log(`${String(f.bytes).padStart(10)}  ${path.join(site, f.path)}`);
    const s = index.signed;
    console.log(`published ${s.packId} v${s.version}, ${s.deltas.length} delta(s), expires ${s.expires}`);
    console.log(`subscribe URL: <where SITE is served>/index.json#key=${keyId}`);
    console.log(`key fingerprint: ${await keyFingerprint(keyId)}`);
    return 0;
  },
};
