/**
 * Which mentions get a visible underline. Every mention stays hoverable; the underline only says
 * "Backstory knows this name". Pure; runs in Node.
 *
 * - `first`: the first mention of each name in each section of the page, so a reader sees once per
 *   section what can be looked up, without a wall of underlines;
 * - `every`: every mention;
 * - `none`: no underline at all.
 */
import type { UnderlineMode } from '../shared/card-data';

export interface MentionPlace {
  /** The entity's key. */
  entity: string;
  /** Which section of the page the mention is in (any stable id). */
  section: string;
}

/** The (section, entity) pairs that have their underline: the entities underlined, by section. */
export type ShownUnderlines = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * For mentions in document order, whether each is underlined, and the (entity, section) pairs that
 * now have their underline. Pass `shown` from an earlier call to continue over mentions found later.
 * The pairs are kept as entity sets per section, not as joined "section + entity" strings: those
 * would be one more copy of every entity key for as long as the page is open.
 */
export function chooseUnderlines(
  mentions: readonly MentionPlace[],
  mode: UnderlineMode,
  shown: ShownUnderlines = new Map(),
): { visible: boolean[]; shown: Map<string, Set<string>> } {
  const next = new Map<string, Set<string>>();
  for (const [section, entities] of shown) next.set(section, new Set(entities));
  const visible = mentions.map((m) => {
    if (mode === 'every') return true;
    if (mode === 'none') return false;
    let entities = next.get(m.section);
    if (!entities) next.set(m.section, (entities = new Set()));
    if (entities.has(m.entity)) return false;
    entities.add(m.entity);
    return true;
  });
  return { visible, shown: next };
}
