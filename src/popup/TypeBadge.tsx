/** The entity type as a small coloured label. Types come from pack data: only known ones get a class. */
const LABELS: Record<string, [singular: string, plural: string]> = {
  person: ['Person', 'People'],
  organization: ['Organization', 'Organizations'],
  place: ['Place', 'Places'],
  event: ['Event', 'Events'],
  initiative: ['Initiative', 'Initiatives'],
  other: ['Other', 'Other'],
};

/** Display order of groups. */
export const TYPE_ORDER = ['person', 'organization', 'place', 'event', 'initiative', 'other'];

export const knownType = (type: string): string => (Object.hasOwn(LABELS, type) ? type : 'other');
export const typeLabel = (type: string): string => LABELS[knownType(type)][0];
export const typeGroupLabel = (type: string): string => LABELS[knownType(type)][1];

export function TypeBadge({ type }: { type: string }) {
  const known = knownType(type);
  return <span class={`badge t-${known}`}>{typeLabel(known)}</span>;
}
