/**
 * Deltas between two versions of a pack: whole items (entities, statements, events) put or
 * removed by id, plus the new version's metadata. Item-level rather than byte-level, so a delta
 * applies to a pack rebuilt from storage in any order; the result is checked against the
 * publisher's content digest before it is installed.
 */
import * as v from 'valibot';
import { canonicalJson } from './canonical-json';
import type { Pack, PackMeta } from './pack-format';
import { err, ok, type Result } from './result';

export const DELTA_FORMAT = 'backstory-delta';
const COLLECTIONS = ['entities', 'statements', 'events'] as const;
type Collection = (typeof COLLECTIONS)[number];
type Item = { id: string } & Record<string, unknown>;

const idList = v.pipe(v.array(v.pipe(v.string(), v.maxLength(120))), v.maxLength(500_000));
// Items are only shape-checked here; the applied pack goes through the full pack validator.
const changes = v.object({ put: v.pipe(v.array(v.looseObject({ id: v.pipe(v.string(), v.maxLength(120)) })), v.maxLength(500_000)), remove: idList });

export const DeltaSchema = v.object({
  format: v.literal(DELTA_FORMAT),
  formatVersion: v.literal(1),
  packId: v.string(),
  from: v.pipe(v.number(), v.integer(), v.minValue(1)),
  to: v.pipe(v.number(), v.integer(), v.minValue(2)),
  meta: v.looseObject({}),
  entities: changes,
  statements: changes,
  events: changes,
});
export type PackDelta = v.InferOutput<typeof DeltaSchema>;

const metaOf = (p: Pack): PackMeta => {
  const { entities: _e, statements: _s, events: _v, ...meta } = p;
  return meta;
};

export function diffPacks(base: Pack, target: Pack): PackDelta {
  const part = (c: Collection) => {
    const before = new Map(((base[c] ?? []) as Item[]).map((i) => [i.id, canonicalJson(i)]));
    const after = (target[c] ?? []) as Item[];
    const keep = new Set(after.map((i) => i.id));
    return {
      put: after.filter((i) => before.get(i.id) !== canonicalJson(i)),
      remove: [...before.keys()].filter((id) => !keep.has(id)),
    };
  };
  return {
    format: DELTA_FORMAT,
    formatVersion: 1,
    packId: target.id,
    from: base.version,
    to: target.version,
    meta: metaOf(target),
    entities: part('entities'),
    statements: part('statements'),
    events: part('events'),
  };
}

/** The target pack (unvalidated: the caller validates and checks its digest). */
export function applyDelta(base: Pack, raw: unknown): Result<Record<string, unknown>> {
  const parsed = v.safeParse(DeltaSchema, raw);
  if (!parsed.success) return err('The delta file is malformed.');
  const d = parsed.output;
  if (d.packId !== base.id || d.from !== base.version) return err(`The delta is for ${d.packId} v${d.from}, but v${base.version} of ${base.id} is installed.`);
  if (d.meta.id !== base.id || d.meta.version !== d.to) return err('The delta describes a different pack or version than it claims.');
  const out: Record<string, unknown> = { ...d.meta };
  for (const c of COLLECTIONS) {
    const items = new Map(((base[c] ?? []) as Item[]).map((i) => [i.id, i]));
    for (const id of d[c].remove) items.delete(id);
    for (const item of d[c].put) items.set(item.id, item as Item);
    out[c] = [...items.values()];
  }
  return ok(out);
}
