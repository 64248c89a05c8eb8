import { describe, expect, it } from 'vitest';
import { applyDelta, diffPacks } from '../../src/core/pack-delta';
import { packDigest } from '../../src/core/pack-digest';
import type { Pack } from '../../src/core/pack-format';
import { validatePack } from '../../src/core/pack-validate';

function pack(version: number, ids: string[], note = ''): Pack {
  const r = validatePack({
    format: 'backstory-pack',
    formatVersion: 1,
    id: 'towns',
    version,
    title: 'Towns',
    entities: ids.map((id) => ({ id, type: 'place', name: id.toUpperCase(), description: `${id}${note}`, sources: [{ url: `https://example.org/${id}` }] })),
    statements: ids.map((id) => ({ id: `s-${id}`, entity: id, date: '2024', text: `About ${id}${note}`, source: { url: 'https://example.org/s' } })),
    events: [{ id: 'ev', date: '2024-05', title: `Meeting${note}`, entities: ids.slice(0, 2), source: { url: 'https://example.org/e' } }],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

const shuffled = (p: Pack): Pack => ({ ...p, entities: [...p.entities].reverse(), statements: [...(p.statements ?? [])].reverse() });

describe('pack deltas', () => {
  it('carry only what changed, and applied to the base give the target content', async () => {
    const v1 = pack(1, ['aa', 'bb', 'cc', 'dd']);
    const v2 = {
      ...pack(2, ['aa', 'bb', 'cc', 'ee']),
      entities: pack(2, ['aa', 'bb', 'cc', 'ee']).entities.map((e) => (e.id === 'bb' ? { ...e, description: 'changed' } : e)),
    };
    const d = diffPacks(v1, v2);
    expect(d.entities.put.map((e) => e.id).sort()).toEqual(['bb', 'ee']);
    expect(d.entities.remove).toEqual(['dd']);
    expect(d.statements.remove).toEqual(['s-dd']);
    const applied = applyDelta(shuffled(v1), JSON.parse(JSON.stringify(d)));
    expect(applied.ok).toBe(true);
    const valid = validatePack(applied.ok ? applied.value : null);
    expect(valid.ok).toBe(true);
    expect(valid.ok && (await packDigest(valid.value))).toBe(await packDigest(v2));
  });

  it('digests ignore item order but not content', async () => {
    const v1 = pack(1, ['aa', 'bb']);
    expect(await packDigest(shuffled(v1))).toBe(await packDigest(v1));
    expect(await packDigest(pack(1, ['aa', 'bb'], '!'))).not.toBe(await packDigest(v1));
  });

  it('refuse a base of another version or pack', () => {
    const d = diffPacks(pack(1, ['aa']), pack(2, ['aa', 'bb']));
    expect(applyDelta(pack(3, ['aa']), d).ok).toBe(false);
    expect(applyDelta({ ...pack(1, ['aa']), id: 'other' }, d).ok).toBe(false);
    expect(applyDelta(pack(1, ['aa']), { ...d, format: 'x' }).ok).toBe(false);
  });
});
