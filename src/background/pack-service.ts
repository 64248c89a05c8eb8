/** The worker's state: database, compiled index (lazily reloaded), settings, default pack. */
import { err, ok, type Result } from '../core/result';
import { DEFAULT_SETTINGS, type PackSummary, type Settings, type WorkerProblem } from '../shared/card-data';
import { loadPart, type Part, type PartValue } from './compiled-index';
import { type BackstoryDatabase, type PackRecord, SETTINGS_KEY } from './database';
import {
  dropGeneration,
  type ImportOptions,
  type ImportOutcome,
  importPackText,
  type StreamingImport,
  storageError,
  streamImport,
  sweepOrphans,
  withPackLock,
} from './pack-importer';

export class PackService {
  private parts: { [P in Part]?: Promise<PartValue[P]> } = {};
  private started: Promise<void> | null = null;
  /** What went wrong with the database or the built-in pack, for the options page (`workerStatus`). */
  lastError: WorkerProblem | null = null;

  constructor(
    readonly db: BackstoryDatabase,
    private readonly defaultPackUrl: () => string,
  ) {}

  /** Open the database and sweep staging left by a killed import; runs once, before any import. */
  ready(): Promise<void> {
    this.started ??= (async () => {
      try {
        await this.db.open();
        await sweepOrphans(this.db);
      } catch (e) {
        this.lastError = { code: 'database', details: `Backstory's database could not be opened: ${storageError(e)}` };
      }
    })();
    return this.started;
  }

  /** One part of the compiled view, loaded on first use after the worker starts. */
  async part<P extends Part>(part: P): Promise<PartValue[P]> {
    await this.ready();
    const cached = this.parts[part] as Promise<PartValue[P]> | undefined;
    if (cached) return cached;
    const loading = loadPart(this.db, part).catch((e) => {
      delete this.parts[part];
      throw e;
    });
    (this.parts as Record<Part, unknown>)[part] = loading;
    return loading;
  }

  invalidate(): void {
    this.parts = {};
  }

  async import(text: string, opts: ImportOptions = {}): Promise<Result<ImportOutcome>> {
    await this.ready();
    const r = await importPackText(this.db, text, { ...opts, onSwitched: () => this.invalidate() });
    return r;
  }

  /** An import that arrives in slices (the options page's port); see `streamImport`. */
  async beginImport(expectedChars: number, opts: ImportOptions = {}): Promise<StreamingImport> {
    await this.ready();
    return streamImport(this.db, expectedChars, { ...opts, onSwitched: () => this.invalidate() });
  }

  private defaultInstall: Promise<void> | null = null;

  /** Import the bundled pack when it is missing or older than the one shipped. */
  ensureDefaultPack(): Promise<void> {
    this.defaultInstall ??= (async () => {
      try {
        await this.ready();
        const res = await fetch(this.defaultPackUrl());
        if (!res.ok) throw new Error(`HTTP ${res.status} for ${this.defaultPackUrl()}`);
        const text = await res.text();
        const shipped = JSON.parse(text) as { id: string; version: number };
        const installed = await this.db.packs.get(shipped.id);
        if (!installed || installed.meta.version < shipped.version) {
          const r = await importPackText(this.db, text, { bundled: true, onSwitched: () => this.invalidate() });
          if (!r.ok) throw new Error(r.error);
        }
        if (this.lastError?.code === 'defaultPack') this.lastError = null;
      } catch (e) {
        // A database that did not open says more than the install that failed because of it.
        if (this.lastError?.code !== 'database')
          this.lastError = { code: 'defaultPack', details: `The default pack could not be installed: ${storageError(e)}` };
      } finally {
        this.defaultInstall = null;
      }
    })();
    return this.defaultInstall;
  }

  /** The problem to show the reader, once a default-pack install under way has finished. */
  async problem(): Promise<WorkerProblem | null> {
    await this.ready();
    await this.defaultInstall;
    return this.lastError;
  }

  async listPacks(): Promise<PackSummary[]> {
    await this.ready();
    const packs = await this.db.packs.toArray();
    return packs.sort((a, b) => Number(b.bundled) - Number(a.bundled) || a.meta.title.localeCompare(b.meta.title)).map(summaryOf);
  }

  async setEnabled(id: string, enabled: boolean): Promise<PackSummary[]> {
    await this.ready();
    await withPackLock(async () => {
      const changed = await this.db.packs.update(id, { enabled });
      if (!changed && !(await this.db.packs.get(id))) throw new Error(`No pack "${id}" is installed.`);
      this.invalidate();
    });
    return this.listPacks();
  }

  async remove(id: string): Promise<PackSummary[]> {
    await this.ready();
    await withPackLock(async () => {
      const pack = await this.db.packs.get(id);
      if (!pack) throw new Error(`No pack "${id}" is installed.`);
      // It would come back at the next start; switching it off is the way to stop using it.
      if (pack.bundled) throw new Error('The built-in pack cannot be removed; switch it off instead. Nothing was changed.');
      await this.db.transaction('rw', this.db.packs, this.db.subscriptions, async () => {
        await this.db.packs.delete(id);
        // Its subscription pauses (keeping its rollback floor) instead of installing it again.
        if (pack.subscription) await this.db.subscriptions.update(pack.subscription.url, { paused: true });
      });
      this.invalidate();
      await dropGeneration(this.db, pack.generation).catch(() => {});
    });
    return this.listPacks();
  }

  async exportPack(id: string): Promise<Result<{ filename: string; json: string }>> {
    await this.ready();
    const pack = await this.db.packs.get(id);
    if (!pack) return err(`No pack "${id}" is installed.`);
    const parts = await this.db.parts.where('generation').equals(pack.generation).toArray();
    const entities = [];
    const statements = [];
    const events = new Map<string, unknown>();
    for (const part of parts) {
      entities.push(...part.entities);
      statements.push(...part.statements);
      for (const ev of part.events) events.set(ev.id, ev);
    }
    const doc = { ...pack.meta, entities, statements, events: [...events.values()] };
    return ok({ filename: `${pack.id}-v${pack.meta.version}.json`, json: JSON.stringify(doc, null, 1) });
  }

  async settings(): Promise<Settings> {
    await this.ready();
    const row = await this.db.kv.get(SETTINGS_KEY);
    const { underline, ...stored } = (row?.value as Partial<Settings> & { underline?: boolean }) ?? {};
    // Settings saved before underline modes had an on/off switch: off means no underlines.
    const legacy: Partial<Settings> = underline === false && !stored.underlines ? { underlines: 'none' } : {};
    return { ...DEFAULT_SETTINGS, ...legacy, ...stored };
  }

  async updateSettings(patch: Partial<Settings>): Promise<Settings> {
    const next = { ...(await this.settings()), ...patch };
    await this.db.kv.put({ key: SETTINGS_KEY, value: next });
    return next;
  }
}

export function summaryOf(p: PackRecord): PackSummary {
  return {
    id: p.id,
    title: p.meta.title,
    version: p.meta.version,
    description: p.meta.description,
    publisher: p.meta.publisher,
    license: p.meta.license,
    published: p.meta.published,
    installed: p.installed,
    enabled: p.enabled,
    counts: p.counts,
    bundled: p.bundled,
    subscription: p.subscription,
  };
}
