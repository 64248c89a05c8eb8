/**
 * Staging of one incoming pack, item by item: each item is validated on its own, filed into its
 * hash bucket, and written to IndexedDB in batches under a fresh generation that nothing reads
 * yet. Only small indexes stay in memory (ids, names, references), so the peak does not grow
 * with the pack. `finish()` checks what needs the whole pack (meta, cross-references) and hands
 * back what the switch needs; a failure drops the staging and changes nothing.
 */
import * as v from 'valibot';
import {
  EntitySchema,
  EventSchema,
  LIMITS,
  type PackEntity,
  type PackEvent,
  type PackMeta,
  PackSchema,
  type PackStatement,
  StatementSchema,
} from '../core/pack-format';
import type { ContainerShape, PackItemKind, PackStreamSink } from '../core/pack-stream';
import { type PackProblem, problemsOf } from '../core/pack-validate';
import { err, ok, type Result } from '../core/result';
import type { BackstoryDatabase, BucketPart, NameRecord } from './database';
import { bucketOf } from './entity-buckets';

/**
 * Items held in memory before a batch of parts is written. Items held longer outlive the young
 * generation and linger as old-space garbage into the compile: 20,000 measured 227 MB peak
 * worker heap on the 100k pack, 5,000 193–250 MB, 2,500 185–195 MB (`npm run bench -- --only
 * import`, machine under load). A card still reads one key range, of more, smaller parts.
 */
const ITEMS_PER_FLUSH = 2_500;
const PARTS_PER_WRITE = 64;
const MAX_PROBLEMS = 20;
/** Pack text per bucket when only the size is known up front (about 200 entities). */
const CHARS_PER_BUCKET = 160_000;
const MAX_BUCKETS = 8192;

export const bucketsForChars = (chars: number): number => Math.min(MAX_BUCKETS, Math.max(1, Math.ceil(chars / CHARS_PER_BUCKET)));
export const bucketsForEntities = (entities: number): number => Math.min(MAX_BUCKETS, Math.max(1, Math.ceil(entities / 200)));

const SCHEMAS = { entities: EntitySchema, statements: StatementSchema, events: EventSchema } as const;
const SINGULAR: Record<PackItemKind, string> = { entities: 'entity', statements: 'statement', events: 'event' };
const CAPS: Record<PackItemKind, number> = { entities: LIMITS.entities, statements: LIMITS.statements, events: LIMITS.events };

interface Pending {
  entities: PackEntity[];
  statements: PackStatement[];
  events: PackEvent[];
}

export interface StagedPack {
  meta: PackMeta;
  generation: string;
  buckets: number;
  names: NameRecord;
  counts: { entities: number; statements: number; events: number };
}

export class PackStager implements PackStreamSink {
  readonly generation = `stage-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  private readonly fields: Record<string, unknown> = {};
  private readonly problems: PackProblem[] = [];
  private readonly counts = { entities: 0, statements: 0, events: 0 };
  private readonly ids = { entities: new Set<string>(), statements: new Set<string>(), events: new Set<string>() };
  private readonly names: NameRecord['names'] = [];
  /** Entity id → its index in `names`. */
  private readonly nameIndex = new Map<string, number>();
  /** References to entities not seen yet, checked once every entity is known: [path, entity id]. */
  private readonly deferred: [string, string][] = [];
  /** The entity lists of the staged events, in arrival order: turned into relations at the end. */
  private readonly eventEntities: string[][] = [];
  /** Per bucket: entities whose names its events show. */
  private readonly participants = new Map<number, Set<string>>();
  private pending = new Map<number, Pending>();
  private pendingItems = 0;
  private part = 1;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: BackstoryDatabase,
    readonly buckets: number,
    private readonly itemsPerFlush = ITEMS_PER_FLUSH,
  ) {}

  get entityCount(): number {
    return this.counts.entities;
  }

  meta(field: string, value: unknown): void {
    this.fields[field] = value;
  }

  shape(kinds: Record<PackItemKind, ContainerShape>): void {
    for (const [kind, shape] of Object.entries(kinds)) {
      if (shape === 'other') this.problem(kind, 'expected an array');
      else if (shape === 'missing' && kind === 'entities') this.problem(kind, 'required field is missing');
    }
  }

  item(kind: PackItemKind, raw: unknown, index: number): void {
    const count = ++this.counts[kind];
    if (count > CAPS[kind]) {
      if (count === CAPS[kind] + 1) this.problem(kind, `more than ${CAPS[kind]} ${kind}`);
      return;
    }
    const parsed = v.safeParse(SCHEMAS[kind], raw, { abortPipeEarly: true });
    if (!parsed.success) {
      for (const p of problemsOf(parsed.issues)) this.problem(`${kind}[${index}]${p.path ? `.${p.path}`.replace('.[', '[') : ''}`, p.message);
      return;
    }
    if (this.problems.length) return; // Keep collecting problems; stop staging.
    const item = parsed.output;
    if (this.ids[kind].has(item.id)) {
      this.problem(`${kind}[${index}].id`, `duplicate ${SINGULAR[kind]} id "${item.id}"`);
      return;
    }
    this.ids[kind].add(item.id);
    if (kind === 'entities') this.addEntity(item as PackEntity);
    else if (kind === 'statements') {
      const s = item as PackStatement;
      this.refer(s.entity, () => `statements[${index}].entity`);
      this.file(bucketOf(s.entity, this.buckets)).statements.push(s);
    } else this.addEvent(item as PackEvent, index);
    this.pendingItems++;
  }

  private addEntity(e: PackEntity): void {
    this.nameIndex.set(e.id, this.names.length);
    this.names.push(nameOf(e));
    this.file(bucketOf(e.id, this.buckets)).entities.push(e);
  }

  private addEvent(ev: PackEvent, index: number): void {
    this.eventEntities.push(ev.entities);
    const filed = new Set<number>();
    ev.entities.forEach((id, j) => {
      this.refer(id, () => `events[${index}].entities[${j}]`);
      const n = bucketOf(id, this.buckets);
      if (filed.has(n)) return;
      filed.add(n);
      this.file(n).events.push(ev);
      let who = this.participants.get(n);
      if (!who) this.participants.set(n, (who = new Set()));
      for (const other of ev.entities) who.add(other);
    });
  }

  /** A reference to an entity: checked now when the entity came first (the usual order), else at the end. */
  private refer(id: string, path: () => string): void {
    if (!this.ids.entities.has(id)) this.deferred.push([path(), id]);
  }

  private file(n: number): Pending {
    let p = this.pending.get(n);
    if (!p) this.pending.set(n, (p = { entities: [], statements: [], events: [] }));
    return p;
  }

  private problem(path: string, message: string): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ path, message });
  }

  /** Write the pending batch when it is large enough (call between slices of text). */
  async flushIfFull(): Promise<void> {
    if (this.pendingItems >= this.itemsPerFlush) await this.flush();
    await this.writes;
  }

  private flush(): Promise<void> {
    const parts: BucketPart[] = [];
    for (const [n, p] of this.pending) parts.push({ generation: this.generation, n, part: this.part, ...p });
    this.pending = new Map();
    this.pendingItems = 0;
    this.part++;
    this.writes = this.writes.then(async () => {
      for (let i = 0; i < parts.length; i += PARTS_PER_WRITE) await this.db.parts.bulkPut(parts.slice(i, i + PARTS_PER_WRITE));
    });
    return this.writes;
  }

  /**
   * Each entity's relations: the other entities of its events, in event order, each once. Kept
   * as the events' own lists until now (a Set per entity while streaming cost more than the
   * lists); a Set is made only for an entity related to many.
   */
  private relate(): void {
    const big = new Map<number, Set<string>>();
    for (const list of this.eventEntities) {
      for (const id of list) {
        const at = this.nameIndex.get(id) as number;
        const rel = this.names[at].related;
        const seen = big.get(at);
        for (const other of list) {
          if (other === id || (seen ? seen.has(other) : rel.includes(other))) continue;
          rel.push(other);
          seen?.add(other);
          if (!seen && rel.length > 32) big.set(at, new Set(rel));
        }
      }
    }
    // Grown lists keep spare capacity; exact copies are what the compile holds.
    for (const n of this.names) if (n.related.length) n.related = n.related.slice();
  }

  /** Drop the indexes only staging needs, before the compile (the import's peak) allocates. */
  private release(): void {
    for (const set of Object.values(this.ids)) set.clear();
    this.nameIndex.clear();
    this.eventEntities.length = 0;
    this.participants.clear();
    this.deferred.length = 0;
  }

  /** Everything has arrived: check the whole pack, write the rest, and describe the staging. */
  async finish(): Promise<Result<StagedPack, PackProblem[]>> {
    const metaCheck = v.safeParse(PackSchema, { ...this.fields, entities: [] }, { abortPipeEarly: true });
    if (!metaCheck.success) for (const p of problemsOf(metaCheck.issues)) this.problem(p.path, p.message);
    for (const [path, id] of this.deferred) if (!this.ids.entities.has(id)) this.problem(path, `unknown entity "${id}"`);
    if (this.problems.length || !metaCheck.success) return err(this.problems);

    await this.flush();
    const nameParts: BucketPart[] = [];
    for (const [n, who] of this.participants) {
      const names: [string, string][] = [];
      for (const id of who) names.push([id, this.names[this.nameIndex.get(id) as number]?.name ?? id]);
      nameParts.push({ generation: this.generation, n, part: 0, entities: [], statements: [], events: [], names });
    }
    for (let i = 0; i < nameParts.length; i += PARTS_PER_WRITE) await this.db.parts.bulkPut(nameParts.slice(i, i + PARTS_PER_WRITE));
    this.relate();
    const names: NameRecord = { generation: this.generation, names: this.names };
    await this.db.names.put(names);
    this.release();
    const { entities: _e, ...meta } = metaCheck.output;
    return ok({ meta, generation: this.generation, buckets: this.buckets, names, counts: { ...this.counts } });
  }
}

/** The names record of one entity, before its event links are known. */
export function nameOf(e: PackEntity): NameRecord['names'][number] {
  return {
    id: e.id,
    name: e.name,
    type: e.type,
    aliases: e.aliases,
    description: e.description,
    prominence: e.prominence,
    wikidata: e.wikidata,
    countries: e.countries,
    related: [],
  };
}
