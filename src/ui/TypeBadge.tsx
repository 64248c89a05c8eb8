/**
 * The entity type as a small coloured label, the same on the card, the side panel and the popup.
 * Types come from pack data: only known ones get a class (`.bs-type-<type>` from tokens.css).
 */
import { t } from './i18n';

/** Display order of groups. */
export const TYPE_ORDER = ['person', 'organization', 'place', 'event', 'initiative', 'other'];

export const knownType = (type: string): string => (TYPE_ORDER.includes(type) ? type : 'other');
export const typeLabel = (type: string): string => t(`cardType_${knownType(type)}`);
export const typeGroupLabel = (type: string): string => t(`cardTypeGroup_${knownType(type)}`);

export function TypeBadge({ type }: { type: string }) {
  const known = knownType(type);
  return <span class={`badge bs-type-${known}`}>{typeLabel(known)}</span>;
}
