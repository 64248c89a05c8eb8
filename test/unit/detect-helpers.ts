import { Matcher, type MatcherEntityInput } from '../../src/core/matcher';
import { tokenize } from '../../src/core/normalize';
import { type DetectContext, resolveMentions } from '../../src/core/resolve-references';

/** A small pack written for tests (entity keys use the "t:" pack prefix). */
export const TEST_ENTITIES: MatcherEntityInput[] = [
  { key: 't:zalmay-khalilzad', name: 'Zalmay Khalilzad', type: 'person', aliases: [{ text: 'Khalilzad' }] },
  { key: 't:shehbaz-sharif', name: 'Shehbaz Sharif', type: 'person', aliases: [{ text: 'Sharif' }, { text: 'Shahbaz Sharif' }] },
  { key: 't:nawaz-sharif', name: 'Nawaz Sharif', type: 'person', aliases: [{ text: 'Sharif' }, { text: 'Nawaz' }] },
  { key: 't:imran-khan', name: 'Imran Khan', type: 'person', aliases: [{ text: 'Khan' }, { text: 'Imran' }] },
  { key: 't:asim-munir', name: 'Asim Munir', type: 'person', aliases: [{ text: 'Munir' }] },
  { key: 't:ishaq-dar', name: 'Ishaq Dar', type: 'person', aliases: [{ text: 'Dar', standalone: false }] },
  {
    key: 't:ttp',
    name: 'Tehrik-i-Taliban Pakistan',
    type: 'organization',
    aliases: [{ text: 'TTP' }, { text: 'Pakistani Taliban' }, { text: 'Tehrik-i-Taliban' }],
  },
  { key: 't:taliban', name: 'Taliban', type: 'organization', aliases: [{ text: 'Afghan Taliban' }] },
  { key: 't:ttap', name: 'Tehreek-i-Tahaffuz Ayeen-i-Pakistan', type: 'organization', aliases: [{ text: 'TTAP' }] },
  { key: 't:kp', name: 'Khyber Pakhtunkhwa', type: 'place', aliases: [{ text: 'KP' }] },
  { key: 't:pakistan', name: 'Pakistan', type: 'place', aliases: [], prominence: 0.95 },
  { key: 't:iran', name: 'Iran', type: 'place', aliases: [] },
  { key: 't:us', name: 'United States', type: 'place', aliases: [{ text: 'US' }, { text: 'U.S.' }, { text: 'Washington' }], prominence: 0.95 },
  { key: 't:dc', name: 'Washington, D.C.', type: 'place', aliases: [{ text: 'Washington' }], prominence: 0.4 },
  { key: 't:un', name: 'United Nations', type: 'organization', aliases: [{ text: 'UN' }, { text: 'U.N.' }] },
  { key: 't:kabul', name: 'Kabul', type: 'place', aliases: [] },
  { key: 't:ghulam-khan', name: 'Ghulam Khan', type: 'place', aliases: [] },
  { key: 't:iskp', name: 'Islamic State Khorasan Province', type: 'organization', aliases: [{ text: 'ISIS-K' }, { text: 'ISKP' }] },
  { key: 't:doha', name: 'Doha', type: 'place', aliases: [] },
  { key: 't:doha-agreement', name: 'Doha Agreement', type: 'event', aliases: [{ text: 'Doha accord' }] },
];

export function detect(text: string, entities = TEST_ENTITIES, context: DetectContext = { seen: [], unknown: [] }, built?: Matcher) {
  const matcher = built ?? Matcher.build(entities);
  const tokens = tokenize(text);
  const { mentions, context: next } = resolveMentions(tokens, matcher.scan(tokens), matcher, context);
  return { mentions: mentions.map((m) => ({ text: text.slice(m.start, m.end), entity: m.entity.slice(2) })), context: next };
}

/** The entity (without pack prefix) detected for the nth occurrence of `phrase`, or null. */
export function entityAt(text: string, phrase: string, nth = 1, entities = TEST_ENTITIES): string | null {
  let at = -1;
  for (let i = 0; i < nth; i++) at = text.indexOf(phrase, at + 1);
  if (at < 0) throw new Error(`no ${phrase}#${nth}`);
  const matcher = Matcher.build(entities);
  const tokens = tokenize(text);
  const { mentions } = resolveMentions(tokens, matcher.scan(tokens), matcher, { seen: [], unknown: [] });
  const m = mentions.find((x) => x.start <= at && at < x.end);
  return m ? m.entity.slice(2) : null;
}
