import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import * as v from 'valibot';
import { CuesSchema, EntitySchema, EventSchema, LIMITS, type PackMeta, StatementSchema } from '../../core/pack-format';

/** An error whose message already says what is wrong and where (no need to search the inputs for a bad line). */
export class ExplainedError extends Error {}

export type Section = 'entities' | 'statements' | 'events';
const SCHEMAS = { entities: EntitySchema, statements: StatementSchema, events: EventSchema };
const LIMIT = { entities: LIMITS.entities, statements: LIMITS.statements, events: LIMITS.events };

/** Drop null, empty strings and empty lists, so SQL can say "absent" with NULL. */
export function withoutEmpty(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(withoutEmpty).filter((x) => x !== undefined);
    return items.length ? items : undefined;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(value)) {
      const y = withoutEmpty(x);
      if (y !== undefined) out[k] = y;
    }
    return Object.keys(out).length ? out : undefined;
  }
  if (value === null || value === '') return undefined;
  return value;
}

/**
 * Writes a pack as it streams in, one item a line, fields in the format's order (the schema's),
 * to a temporary file beside the target. Only `commit()` renames it into place, so a failed
 * build leaves no partial pack and the previous file untouched.
 */
export class PackWriter {
  private fd: number;
  private readonly tmp: string;
  private section: Section | undefined;
  private count = 0;
  private lastId = '';
  readonly counts: Record<Section, number> = { entities: 0, statements: 0, events: 0 };

  constructor(private readonly target: string) {
    this.tmp = path.join(path.dirname(path.resolve(target)), `.${path.basename(target)}.${process.pid}.partial`);
    this.fd = openSync(this.tmp, 'w');
  }

  header(meta: PackMeta): void {
    const { id, version, title, description, language, publisher, license, published } = meta;
    // Fixed key order, as in docs/pack-format.md: same recipe and inputs, same bytes.
    const head: Record<string, unknown> = {
      format: 'backstory-pack',
      formatVersion: 1,
      id,
      version,
      title,
      description,
      language,
      publisher,
      license,
      published,
    };
    if (meta.cues) {
      const cues = v.safeParse(CuesSchema, withoutEmpty(meta.cues) ?? {});
      if (!cues.success) throw new ExplainedError(`cues: ${cues.issues[0].message} (at ${v.getDotPath(cues.issues[0]) ?? 'cues'})`);
      head.cues = cues.output;
    }
    const text = JSON.stringify(withoutEmpty(head));
    writeSync(this.fd, `${text.slice(0, -1)}`);
  }

  begin(section: Section): void {
    this.end();
    this.section = section;
    this.count = 0;
    this.lastId = '';
    writeSync(this.fd, `,\n${JSON.stringify(section)}:[`);
  }

  /** Add one item (already ordered by id); returns the normalised item. */
  add(raw: unknown): unknown {
    const section = this.section;
    if (!section) throw new Error('PackWriter.add before begin');
    const item = withoutEmpty(raw);
    const r = v.safeParse(SCHEMAS[section], item);
    const id = (item as { id?: unknown } | undefined)?.id;
    if (!r.success) {
      const where = v.getDotPath(r.issues[0]) ?? '';
      throw new ExplainedError(`${section} item ${JSON.stringify(id ?? null)}${where ? ` field ${where}` : ''}: ${r.issues[0].message}`);
    }
    if (r.output.id === this.lastId)
      throw new ExplainedError(`${section}: two items have the id "${r.output.id}" (add a de-duplication step to the recipe's SQL)`);
    this.lastId = r.output.id;
    if (++this.count > LIMIT[section]) throw new ExplainedError(`${section}: more than ${LIMIT[section]} items, the format's limit`);
    writeSync(this.fd, `${this.count > 1 ? ',' : ''}\n${JSON.stringify(r.output)}`);
    return r.output;
  }

  private end(): void {
    if (!this.section) return;
    this.counts[this.section] = this.count;
    writeSync(this.fd, this.count ? '\n]' : ']');
    this.section = undefined;
  }

  commit(): void {
    this.end();
    writeSync(this.fd, '\n}\n');
    closeSync(this.fd);
    this.fd = -1;
    renameSync(this.tmp, this.target);
  }

  abort(): void {
    if (this.fd !== -1) closeSync(this.fd);
    this.fd = -1;
    rmSync(this.tmp, { force: true });
  }
}
