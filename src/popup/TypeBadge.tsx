/** The entity type as a small coloured label. Types come from pack data: only known ones get a class. */
import { t } from '../ui/i18n';

/** Message keys: `type<Name>` and `type<Name>Many`. */
const LABELS: Record<string, string> = {
  person: 'typePerson',
  organization: 'typeOrganization',
  place: 'typePlace',
  event: 'typeEvent',
  initiative: 'typeInitiative',
  other: 'typeOther',
};

/** Display order of groups. */
export const TYPE_ORDER = ['person', 'organization', 'place', 'event', 'initiative', 'other'];

export const knownType = (type: string): string => (Object.hasOwn(LABELS, type) ? type : 'other');
export const typeLabel = (type: string): string => t(LABELS[knownType(type)]);
export const typeGroupLabel = (type: string): string => t(`${LABELS[knownType(type)]}Many`);

export function TypeBadge({ type }: { type: string }) {
  const known = knownType(type);
  return <span class={`badge t-${known}`}>{typeLabel(known)}</span>;
}
