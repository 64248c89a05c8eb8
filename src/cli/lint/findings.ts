export type Severity = 'error' | 'warning';

export interface Finding {
  severity: Severity;
  /** Short rule name, e.g. "duplicate-event". */
  rule: string;
  /** JSON path such as `events[3]`, with the item's id when it has one. */
  where: string;
  message: string;
}

/** Loose shapes: lint also runs on packs the validator refuses, so every field may be missing. */
export interface LooseSource {
  title?: unknown;
  url?: unknown;
  publisher?: unknown;
  date?: unknown;
}
export interface LooseEntity {
  id?: unknown;
  name?: unknown;
  description?: unknown;
  aliases?: unknown;
  sources?: unknown;
}
export interface LooseStatement {
  id?: unknown;
  date?: unknown;
  text?: unknown;
  context?: unknown;
  source?: LooseSource;
}
export interface LooseEvent {
  id?: unknown;
  date?: unknown;
  title?: unknown;
  entities?: unknown;
  source?: LooseSource;
}
export interface LoosePack {
  entities?: LooseEntity[];
  statements?: LooseStatement[];
  events?: LooseEvent[];
}

export const at = (section: string, i: number, item: { id?: unknown }) => `${section}[${i}]${typeof item.id === 'string' ? ` (${item.id})` : ''}`;
export const list = <T>(x: unknown): T[] => (Array.isArray(x) ? (x as T[]) : []);
