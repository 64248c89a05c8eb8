import * as v from 'valibot';

/** Limits that keep an untrusted pack from exhausting memory or the UI. */
export const LIMITS = {
  fileBytes: 256 * 1024 * 1024,
  entities: 250_000,
  statements: 500_000,
  events: 500_000,
  aliasesPerEntity: 64,
  factsPerEntity: 32,
  sourcesPerItem: 16,
  entitiesPerEvent: 64,
  idLength: 120,
  name: 200,
  shortText: 300,
  longText: 4000,
  url: 2048,
} as const;

export const ENTITY_TYPES = ['person', 'organization', 'place', 'event', 'initiative', 'other'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

const text = (max: number) => v.pipe(v.string(), v.maxLength(max, `longer than ${max} characters`));
const nonEmpty = (max: number) => v.pipe(text(max), v.trim(), v.minLength(1, 'must not be empty'));
const id = v.pipe(
  v.string(),
  v.maxLength(LIMITS.idLength, `longer than ${LIMITS.idLength} characters`),
  v.regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'must be lowercase letters, digits and hyphens'),
);
/** YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by "~" for approximate. */
export const DATE_PATTERN = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?~?$/;
const date = v.pipe(v.string(), v.regex(DATE_PATTERN, 'expected YYYY, YYYY-MM or YYYY-MM-DD (optionally ending in ~)'));
const httpUrl = v.pipe(
  v.string(),
  v.maxLength(LIMITS.url, `longer than ${LIMITS.url} characters`),
  v.check((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'expected an http(s) URL'),
);

const countryCode = v.pipe(v.string(), v.regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code such as "PK"'));
const cueWord = nonEmpty(60);

/**
 * Words a pack teaches the detector for its own region or field, so the engine needs no regional
 * word lists: titles that introduce a person's name ("Gen.", "Senator") and demonyms ("Kenyan"
 * → KE), which are context, never names by themselves.
 */
export const CuesSchema = v.object({
  titles: v.optional(v.pipe(v.array(cueWord), v.maxLength(2000, 'more than 2000 titles'))),
  demonyms: v.optional(v.pipe(v.array(v.object({ text: cueWord, country: countryCode })), v.maxLength(2000, 'more than 2000 demonyms'))),
});

export const SourceSchema = v.pipe(
  v.object({
    title: v.optional(text(LIMITS.shortText)),
    url: v.optional(httpUrl),
    publisher: v.optional(text(LIMITS.name)),
    date: v.optional(date),
  }),
  v.check((s) => Boolean(s.url || (s.publisher && s.date)), 'a source needs a url, or a publisher and a date'),
);

export const AliasSchema = v.union(
  [
    nonEmpty(LIMITS.name),
    v.object({
      text: nonEmpty(LIMITS.name),
      /** May a bare short alias (a surname) open a card with no earlier full mention? Default: yes when unique. */
      standalone: v.optional(v.boolean()),
      /** Match only with this exact capitalisation (acronyms are strict anyway). */
      caseSensitive: v.optional(v.boolean()),
    }),
  ],
  'expected a string or {text, standalone?, caseSensitive?}',
);

export const EntitySchema = v.object({
  id,
  type: v.picklist(ENTITY_TYPES, `expected one of ${ENTITY_TYPES.join(', ')}`),
  name: nonEmpty(LIMITS.name),
  aliases: v.optional(v.pipe(v.array(AliasSchema), v.maxLength(LIMITS.aliasesPerEntity, `more than ${LIMITS.aliasesPerEntity} aliases`))),
  description: v.optional(text(LIMITS.shortText)),
  summary: v.optional(text(LIMITS.longText)),
  facts: v.optional(
    v.pipe(
      v.array(v.object({ label: nonEmpty(LIMITS.name), value: nonEmpty(LIMITS.shortText), source: v.optional(SourceSchema) })),
      v.maxLength(LIMITS.factsPerEntity, `more than ${LIMITS.factsPerEntity} facts`),
    ),
  ),
  wikidata: v.optional(v.pipe(v.string(), v.regex(/^Q[1-9]\d{0,11}$/, 'expected a Wikidata id such as Q42'))),
  /** 0..1, used to rank search results and to break ties between equally plausible entities. */
  prominence: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
  /** ISO 3166-1 alpha-2 codes of the countries the entity belongs to or lies in (page-fit evidence). */
  countries: v.optional(v.pipe(v.array(countryCode), v.maxLength(16, 'more than 16 countries'))),
  sources: v.pipe(
    v.array(SourceSchema),
    v.minLength(1, 'every entity needs at least one source'),
    v.maxLength(LIMITS.sourcesPerItem, `more than ${LIMITS.sourcesPerItem} sources`),
  ),
});

export const StatementSchema = v.object({
  id,
  entity: id,
  date,
  text: nonEmpty(LIMITS.longText),
  context: v.optional(text(LIMITS.shortText)),
  source: SourceSchema,
});

export const EventSchema = v.object({
  id,
  date,
  title: nonEmpty(LIMITS.shortText),
  summary: v.optional(text(LIMITS.longText)),
  entities: v.pipe(v.array(id), v.minLength(1, 'an event needs at least one entity'), v.maxLength(LIMITS.entitiesPerEvent, 'too many entities')),
  source: SourceSchema,
});

export const PackSchema = v.object({
  format: v.literal('backstory-pack', 'expected "backstory-pack"'),
  formatVersion: v.literal(1, 'this version of Backstory reads formatVersion 1'),
  id,
  version: v.pipe(v.number(), v.integer('expected an integer'), v.minValue(1, 'must be at least 1')),
  title: nonEmpty(LIMITS.name),
  description: v.optional(text(LIMITS.longText)),
  language: v.optional(v.pipe(v.string(), v.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a language tag such as "en"'))),
  publisher: v.optional(v.object({ name: nonEmpty(LIMITS.name), url: v.optional(httpUrl) })),
  license: v.optional(text(LIMITS.name)),
  published: v.optional(v.pipe(v.string(), v.isoTimestamp('expected an ISO timestamp such as 2025-09-17T00:00:00Z'))),
  cues: v.optional(CuesSchema),
  entities: v.pipe(v.array(EntitySchema), v.maxLength(LIMITS.entities, `more than ${LIMITS.entities} entities`)),
  statements: v.optional(v.pipe(v.array(StatementSchema), v.maxLength(LIMITS.statements, `more than ${LIMITS.statements} statements`))),
  events: v.optional(v.pipe(v.array(EventSchema), v.maxLength(LIMITS.events, `more than ${LIMITS.events} events`))),
});

export type Source = v.InferOutput<typeof SourceSchema>;
export type Alias = v.InferOutput<typeof AliasSchema>;
export type PackEntity = v.InferOutput<typeof EntitySchema>;
export type PackStatement = v.InferOutput<typeof StatementSchema>;
export type PackEvent = v.InferOutput<typeof EventSchema>;
export type Pack = v.InferOutput<typeof PackSchema>;
export type PackCues = v.InferOutput<typeof CuesSchema>;
export type PackMeta = Omit<Pack, 'entities' | 'statements' | 'events'>;

export const aliasText = (a: Alias): string => (typeof a === 'string' ? a : a.text);
