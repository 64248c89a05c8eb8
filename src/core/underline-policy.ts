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

/**
 * For mentions in document order, whether each is underlined, and the (entity, section) pairs that
 * now have their underline. Pass `shown` from an earlier call to continue over mentions found later.
 */
export function chooseUnderlines(
  mentions: readonly MentionPlace[],
  mode: UnderlineMode,
  shown: ReadonlySet<string> = new Set(),
): { visible: boolean[]; shown: Set<string> } {
  const next = new Set(shown);
  const visible = mentions.map((m) => {
    if (mode === 'every') return true;
    if (mode === 'none') return false;
    const key = `${m.section}\u0000${m.entity}`;
    if (next.has(key)) return false;
    next.add(key);
    return true;
  });
  return { visible, shown: next };
}
