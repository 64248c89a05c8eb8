/**
 * Bytes transferred and client time for a small change to a large pack: delta vs full payload.
 * Publishes two versions into a temporary site, serves it on 127.0.0.1, and runs the client's
 * verification path (index signature, decision, download, SHA-256, delta apply, validation, content
 * digest) with the extension's own core code. The database write that follows is the same for both
 * paths and is not measured here.
 * Run: node --import tsx test/bench/sync-delta.ts
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generatePublisherKeys, loadPublisherKey } from '../../src/cli/publisher-keys';
import { publishVersion } from '../../src/cli/site-publisher';
import { sha256Hex } from '../../src/core/bytes';
import { applyDelta } from '../../src/core/pack-delta';
import { packDigest } from '../../src/core/pack-digest';
import type { Pack } from '../../src/core/pack-format';
import { validatePack } from '../../src/core/pack-validate';
import { openIndex } from '../../src/core/sync-index';
import { decide } from '../../src/core/sync-policy';

const ENTITIES = 20_000;

function bigPack(version: number): Pack {
  const entities = Array.from({ length: ENTITIES }, (_, i) => ({
    id: `e-${i}`,
    type: 'person' as const,
    name: `Person Number ${i}`,
    aliases: [`P. N. ${i}`],
    description: `A synthetic person used for the sync benchmark (${i}).`,
    sources: [{ url: `https://example.org/people/${i}` }],
  }));
  const statements = entities.map((e, i) => ({
    id: `s-${i}`,
    entity: e.id,
    date: '2024-03',
    text: `Said something on record number ${i}.`,
    source: { url: 'https://example.org/s' },
  }));
  if (version > 1) {
    entities[42] = { ...entities[42], description: 'Changed in version 2.' };
    entities.push({ id: 'e-new', type: 'person', name: 'Newly Added', aliases: [], description: 'Added in v2', sources: [{ url: 'https://example.org/new' }] });
  }
  const r = validatePack({ format: 'backstory-pack', formatVersion: 1, id: 'bench', version, title: 'Bench', entities, statements });
  if (!r.ok) throw new Error('bench pack invalid');
  return r.value;
}

export async function benchSyncDelta(): Promise<Record<string, number | string>> {
  const work = mkdtempSync(path.join(tmpdir(), 'backstory-bench-'));
  const site = path.join(work, 'site');
  generatePublisherKeys(path.join(work, 'keys'));
  const signer = await loadPublisherKey(path.join(work, 'keys/publisher.key'));
  const v1 = bigPack(1);
  await publishVersion(v1, { ...signer, site });
  await publishVersion(bigPack(2), { ...signer, site });

  let served = 0;
  const srv = http.createServer((req, res) => {
    try {
      const body = readFileSync(path.join(site, (req.url ?? '/').slice(1)));
      served += body.length;
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${(srv.address() as { port: number }).port}/`;
  const get = async (u: string) => new Uint8Array(await (await fetch(new URL(u, base))).arrayBuffer());

  const sync = async (mode: 'delta' | 'full') => {
    served = 0;
    const t0 = performance.now();
    const index = await openIndex(new TextDecoder().decode(await get('index.json')), signer.keyId);
    if (!index.ok) throw new Error(index.error.text);
    const d = decide(index.value, { packId: 'bench', installedVersion: mode === 'delta' ? 1 : undefined, now: Date.now() });
    if (!d.ok || d.value.action !== 'download' || d.value.kind !== mode) throw new Error(`expected a ${mode} download`);
    const bytes = await get(d.value.ref.url);
    if ((await sha256Hex(bytes)) !== d.value.ref.sha256) throw new Error('hash mismatch');
    const data = JSON.parse(new TextDecoder().decode(bytes));
    const applied = mode === 'delta' ? applyDelta(v1, data) : { ok: true as const, value: data };
    if (!applied.ok) throw new Error(applied.error);
    const pack = validatePack(applied.value);
    if (!pack.ok) throw new Error('invalid result');
    if (mode === 'delta' && (await packDigest(pack.value)) !== index.value.contentSha256) throw new Error('digest mismatch');
    return { bytes: served, ms: Math.round(performance.now() - t0) };
  };

  try {
    await sync('full'); // warm-up (JIT, sockets)
    const full = await sync('full');
    const delta = await sync('delta');
    return {
      'sync.entities': ENTITIES,
      'sync.full.bytes': full.bytes,
      'sync.full.ms': full.ms,
      'sync.delta.bytes': delta.bytes,
      'sync.delta.ms': delta.ms,
      'sync.delta.byteRatio': Number((delta.bytes / full.bytes).toFixed(5)),
      'sync.note': 'client verify path only (index+download+hash+apply+validate+digest); IndexedDB write excluded, same for both',
    };
  } finally {
    srv.close();
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [k, v] of Object.entries(await benchSyncDelta())) console.log(`${k.padEnd(24)} ${v}`);
}
