/**
 * Adds one pack version to a static site folder: the full payload, deltas from the recent
 * versions already in the folder, and a freshly signed index.json written last (by rename), so a
 * reader never sees an index that points at files not yet written.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sha256Hex, utf8 } from '../core/bytes';
import { diffPacks } from '../core/pack-delta';
import { packDigest } from '../core/pack-digest';
import type { Pack } from '../core/pack-format';
import { describeProblems, parsePackJson, validatePack } from '../core/pack-validate';
import { parseStrictJson } from '../core/strict-json';
import { type DeltaRef, type IndexDocument, MAX_ROTATIONS, type Rotation, rotatesTo, type SignedIndex, signIndex } from '../core/sync-index';
import { SYNC_LIMITS } from '../core/sync-policy';

export interface PublishOptions {
  key: CryptoKey;
  keyId: string;
  site: string;
  /** How long subscribers accept this index without a re-publish (freeze protection). */
  expiresDays?: number;
  /** Deltas are made from this many most recent earlier versions. */
  deltaFrom?: number;
  now?: Date;
  /** New key-rotation links (from `keygen --rotate-from`); earlier ones in the site are kept. */
  rotations?: Rotation[];
}

export interface PublishResult {
  index: IndexDocument;
  files: { path: string; bytes: number }[];
}

const fullPath = (version: number) => `v${version}/pack.json`;
const deltaPath = (from: number, to: number) => `deltas/${from}-${to}.json`;

export async function publishVersion(pack: Pack, opts: PublishOptions): Promise<PublishResult> {
  const site = opts.site;
  const now = opts.now ?? new Date();
  mkdirSync(site, { recursive: true });
  const previous = readIndex(site);
  if (previous) {
    if (previous.signed.packId !== pack.id) throw new Error(`${site} publishes pack "${previous.signed.packId}", not "${pack.id}"`);
    if (pack.version <= previous.signed.version)
      throw new Error(`${pack.id} v${pack.version} is not newer than the published v${previous.signed.version}; bump "version" in the pack`);
  }
  const rotations = mergeRotations(previous?.rotations ?? [], opts.rotations ?? []);
  if (previous && previous.signed.keyId !== opts.keyId && !(await rotatesTo(previous.signed.keyId, opts.keyId, rotations)))
    throw new Error(
      `${site} is signed with another key (${previous.signed.keyId}); subscribers pinned that key and would refuse this one. To change keys, run \`keygen --out NEWDIR --rotate-from OLD.key\` and publish with --rotation NEWDIR/rotation.json`,
    );
  const expiresDays = opts.expiresDays ?? 30;
  if (expiresDays * 86_400_000 > SYNC_LIMITS.maxLifetimeMs) throw new Error(`--expires-days may be at most ${SYNC_LIMITS.maxLifetimeMs / 86_400_000}`);
  if (pack.version > SYNC_LIMITS.maxVersion) throw new Error(`version ${pack.version} is larger than subscribers accept (${SYNC_LIMITS.maxVersion})`);
  if (previous && Date.parse(previous.signed.published) > now.getTime())
    throw new Error(`the published index is dated ${previous.signed.published}, after now; subscribers would refuse an earlier date`);

  const files: PublishResult['files'] = [];
  const write = (rel: string, data: Uint8Array) => {
    const file = path.join(site, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, data);
    files.push({ path: rel, bytes: data.length });
    return data;
  };

  const full = write(fullPath(pack.version), utf8(JSON.stringify(pack)));
  const deltas: DeltaRef[] = [];
  for (const old of earlierVersions(site, pack.version).slice(0, opts.deltaFrom ?? 8)) {
    const base = readPublished(site, old);
    if (!base) continue;
    const bytes = utf8(JSON.stringify(diffPacks(base, pack)));
    // A delta is only worth offering when it is smaller than the full payload.
    if (bytes.length >= full.length) continue;
    write(deltaPath(old, pack.version), bytes);
    deltas.push({ from: old, url: deltaPath(old, pack.version), bytes: bytes.length, sha256: await sha256Hex(bytes) });
  }

  const signed: SignedIndex = {
    packId: pack.id,
    title: pack.title,
    version: pack.version,
    published: now.toISOString(),
    expires: new Date(now.getTime() + expiresDays * 86_400_000).toISOString(),
    keyId: opts.keyId,
    contentSha256: await packDigest(pack),
    full: { url: fullPath(pack.version), bytes: full.length, sha256: await sha256Hex(full) },
    deltas,
  };
  const index = await signIndex(signed, opts.key, rotations);
  const tmp = path.join(site, `.index.json.${process.pid}.tmp`);
  writeFileSync(tmp, `${JSON.stringify(index, null, 1)}\n`);
  renameSync(tmp, path.join(site, 'index.json'));
  files.push({ path: 'index.json', bytes: readFileSync(path.join(site, 'index.json')).length });
  return { index, files };
}

function readIndex(site: string): IndexDocument | null {
  const file = path.join(site, 'index.json');
  if (!existsSync(file)) return null;
  const parsed = parseStrictJson(new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file)));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`);
  return parsed.value as IndexDocument;
}

/** Earlier links first, new ones after, without repeats; only the most recent are kept. */
function mergeRotations(old: Rotation[], added: Rotation[]): Rotation[] {
  const out: Rotation[] = [];
  for (const r of [...old, ...added]) if (!out.some((o) => o.from === r.from && o.to === r.to)) out.push(r);
  return out.slice(-MAX_ROTATIONS);
}

/** Versions with a full payload in the site, newest first. */
function earlierVersions(site: string, below: number): number[] {
  if (!existsSync(site)) return [];
  return readdirSync(site)
    .map((d) => /^v(\d+)$/.exec(d)?.[1])
    .filter((d): d is string => d !== undefined && existsSync(path.join(site, fullPath(Number(d)))))
    .map(Number)
    .filter((n) => n < below)
    .sort((a, b) => b - a);
}

function readPublished(site: string, version: number): Pack | null {
  const parsed = parsePackJson(readFileSync(path.join(site, fullPath(version)), 'utf8'));
  const valid = parsed.ok ? validatePack(parsed.value) : parsed;
  if (!valid.ok) {
    console.warn(`skipping delta from v${version}: ${describeProblems(valid.error)}`);
    return null;
  }
  return valid.value;
}
