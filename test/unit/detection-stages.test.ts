import { describe, expect, it } from 'vitest';
import { compileCues } from '../../src/core/detection-cues';
import { chooseEntity, type PageFit, withoutTwins } from '../../src/core/entity-choice';
import { countryCodeOf, FLAG, Matcher, type MatcherEntityInput } from '../../src/core/matcher';
import { nameLikelihood, readPageWords } from '../../src/core/name-likelihood';
import { tokenize } from '../../src/core/normalize';
import { zipfOf } from '../../src/core/word-frequency';
import { detect, TEST_ENTITIES } from './detect-helpers';

/** Places as a large open-data pack has them: towns whose names are English words or surnames. */
const town = (id: string, name: string, country: string, prominence: number): MatcherEntityInput => ({
  key: `w:${id}`,
  name,
  type: 'place',
  aliases: [],
  prominence,
  countries: [country],
});
const WORLD: MatcherEntityInput[] = [
  town('police', 'Police', 'PL', 0.28),
  town('congress', 'Congress', 'US', 0.05),
  town('obama', 'Obama', 'JP', 0.27),
  town('post', 'Post', 'US', 0.13),
  town('home', 'Home', 'US', 0.1),
  town('march', 'March', 'GB', 0.35),
  town('will', 'Will', 'DE', 0.1),
  town('we', 'We', 'NC', 0.18),
  town('i', 'I', 'XX', 0.1),
  town('sarah', 'Sarah', 'US', 0.1),
  town('america', 'America', 'NL', 0.05),
  town('white-house', 'White House', 'US', 0.2),
  town('turkey-town', 'Turkey', 'US', 0.05),
  town('kyoto', 'Kyoto', 'JP', 0.6),
  town('osaka', 'Osaka', 'JP', 0.7),
  town('nairobi', 'Nairobi', 'KE', 0.66),
  town('kisumu', 'Kisumu', 'KE', 0.4),
  town('london-gb', 'London', 'GB', 0.7),
  town('london-us', 'London', 'US', 0.16),
  { key: 'w:turkey', name: 'Turkey', type: 'place', aliases: [], prominence: 1, countries: ['TR'] },
  { key: 'w:united-states', name: 'United States', type: 'place', aliases: [{ text: 'America' }, { text: 'USA' }], prominence: 1, countries: ['US'] },
  { key: 'w:kenya', name: 'Kenya', type: 'place', aliases: [{ text: 'Kenyan', standalone: false }], prominence: 1, countries: ['KE'] },
  { key: 'w:pakistan', name: 'Pakistan', type: 'place', aliases: [], prominence: 1, countries: ['PK'] },
];
const BOTH = [...TEST_ENTITIES, ...WORLD];
const UK: MatcherEntityInput[] = [
  { key: 'w:uk', name: 'United Kingdom', type: 'place', aliases: [{ text: 'UK', caseSensitive: true }], prominence: 1, countries: ['GB'] },
];
const cues = compileCues([{ titles: ['Sen.'], demonyms: [{ text: 'Kenyan', country: 'KE' }] }]);

/** Marks as "text=entity" (entity without its pack prefix), through the worker's own pipeline. */
const marks = (text: string, entities = BOTH) => detect(text, [], undefined, Matcher.build(entities, cues)).mentions.map((m) => `${m.text}=${m.entity}`);

describe('word frequency lexicon', () => {
  it('knows everyday words and not names', () => {
    expect(zipfOf('the')).toBeGreaterThan(7);
    expect(zipfOf('police')).toBeGreaterThan(4.5);
    expect(zipfOf('obama')).toBe(0);
    expect(zipfOf('sarah')).toBe(0);
  });
});

describe('name likelihood', () => {
  const p = (text: string, word: string) => {
    const tokens = tokenize(text);
    const k = tokens.findIndex((t) => t.raw === word);
    return nameLikelihood(tokens, k, k + 1, readPageWords(tokens, new Uint8Array(tokens.length)));
  };
  it('an everyday word opening a sentence or a line is a word', () => {
    expect(p('Police said the road was closed.', 'Police')).toBeLessThan(0.5);
    expect(p('Home\nNews\nSport', 'Home')).toBeLessThan(0.5);
    expect(p('Will they come? Most did.', 'Most')).toBeLessThan(0.5);
  });
  it('the same word capitalised mid-sentence is a name', () => {
    expect(p('Talks with Turkey resumed.', 'Turkey')).toBeGreaterThan(0.5);
  });
  it('a page that writes the word in lowercase elsewhere shows it is a word', () => {
    expect(p('Talks with Turkey resumed. We ate turkey.', 'Turkey')).toBeLessThan(0.5);
  });
  it('a page that shows the word as a name elsewhere lifts it at a sentence start', () => {
    const text = 'Police is a town. They drove to Police on Monday.';
    expect(p(text, 'Police')).toBeGreaterThan(0.5);
  });
  it('single letters and two-letter everyday words are not names; rare words are', () => {
    expect(p('Then I left.', 'I')).toBe(0);
    expect(p('Then We left.', 'We')).toBeLessThan(0.5);
    expect(p('He met Obama there.', 'Obama')).toBeGreaterThan(0.8);
  });
  it('a two-letter code alone on a line is a menu item, in a sentence a name', () => {
    expect(p('News\nUK\nWorld', 'UK')).toBeLessThan(0.5);
    expect(p('Talks with the UK resumed.', 'UK')).toBeGreaterThan(0.5);
  });
  it('months are dates', () => {
    expect(p('It happened in March last year.', 'March')).toBeLessThan(0.1);
  });
});

describe('choosing between entities', () => {
  const m = Matcher.build(BOTH, cues);
  const pageFit = (countries: Record<string, number> = {}): PageFit => ({
    onPage: new Set(),
    lastSeen: new Map(),
    countries: new Map(Object.entries(countries).map(([c, n]) => [countryCodeOf(c), n])),
    confident: new Set(),
  });
  const opt = (...keys: string[]) => keys.map((k) => ({ entity: m.indexOfKey(k), flags: FLAG.CANONICAL }));
  it('a small town with no support on the page is not convincing (NIL)', () => {
    expect(chooseEntity(opt('w:obama'), m, pageFit(), null, false)).toBe(-1);
  });
  it('support from its country on the page and a place cue make it convincing', () => {
    expect(chooseEntity(opt('w:obama'), m, pageFit({ JP: 2 }), 'place', false)).toBe(m.indexOfKey('w:obama'));
  });
  it('a prominent entity wins over a namesake; a close call is NIL', () => {
    expect(chooseEntity(opt('w:london-gb', 'w:london-us'), m, pageFit(), null, false)).toBe(m.indexOfKey('w:london-gb'));
    expect(chooseEntity(opt('w:turkey', 'w:turkey-town'), m, pageFit(), null, false)).toBe(m.indexOfKey('w:turkey'));
  });
  it('a person cue counts against a place', () => {
    expect(chooseEntity(opt('t:kabul'), m, pageFit(), 'person', false)).toBe(-1);
  });
  it('the same thing in two packs is one candidate: the earlier pack keeps it', () => {
    const twins = Matcher.build([{ ...WORLD[21], key: 'a:pakistan' }, { ...WORLD[22] }, { ...WORLD[22], key: 'b:pakistan' }]);
    const options = [0, 1, 2].map((entity) => ({ entity, flags: 0 }));
    expect(withoutTwins(options, twins).map((o) => twins.keyOf(o.entity))).toEqual(['a:pakistan', 'w:pakistan']);
  });
});

describe('ordinary words never open a card unless the page shows them as names', () => {
  it('menus, sentence openers and pronouns', () => {
    expect(marks('Home\nShare\nMore\nI think We should go. But Most left. Will it rain?')).toEqual([]);
    expect(marks('Police said the protest in March was calm.')).toEqual([]);
  });
  it('"Congress" and "Obama" with only a places pack: no mark', () => {
    expect(marks('Barack Obama spoke. Congress will vote, Obama said.')).toEqual([]);
  });
  it('bylines: "Sarah" next to a surname the packs do not know', () => {
    expect(marks('By Sarah Miller and Alan Jones')).toEqual([]);
  });
  it('a town in a page about its country is marked', () => {
    expect(marks('Floods hit Kisumu and Nairobi, Kenyan officials said.')).toEqual(['Kisumu=kisumu', 'Nairobi=nairobi']);
  });
});

describe('longer names win', () => {
  it('a known alias inside a longer capitalised name opens nothing', () => {
    const text =
      'She spoke on Good Morning America. The Washington Post reported it. Trade with Latin America grew. ' +
      'He visited Trump Tower on Wall Street. Melania Trump waved. The Bush Administration agreed.';
    const extra: MatcherEntityInput[] = [
      { key: 't:trump', name: 'Donald Trump', type: 'person', aliases: [{ text: 'Trump' }], prominence: 0.9 },
      { key: 't:bush', name: 'George W. Bush', type: 'person', aliases: [{ text: 'Bush' }], prominence: 0.9 },
      { key: 't:wall', name: 'Wall', type: 'place', aliases: [], prominence: 0.9 },
    ];
    expect(marks(text, [...BOTH, ...extra])).toEqual([]);
  });
  it('a place followed by an office ("US Trade Representative") is the place; "Turkey Trade Talks" is no office', () => {
    expect(marks('Next week the US Trade Representative Jane Doe and the UK Home Secretary met in London.', [...BOTH, ...UK])).toEqual([
      'US=us',
      'UK=uk',
      'London=london-gb',
    ]);
    expect(marks('The USA Trade Fair opened, and the USA Home Office Building too.')).toEqual([]);
    expect(marks('The UK High Commissioner arrived.', [...BOTH, ...UK])).toEqual(['UK=uk']);
  });
  it('an everyday-word phrase known only as a small town is not convincing', () => {
    expect(marks('Aides at the White House denied it.')).toEqual([]);
  });
  it('titles and generic words around a name keep it', () => {
    expect(marks('Talks in Pakistan resumed as Pakistan officials met Sen. Khalilzad.')).toEqual([
      'Pakistan=pakistan',
      'Pakistan=pakistan',
      'Khalilzad=zalmay-khalilzad',
    ]);
  });
});

describe('pack cues', () => {
  it('merges titles word by word and demonyms by fold', () => {
    const c = compileCues([{ titles: ['Field Marshal'], demonyms: [{ text: 'Kenyan', country: 'KE' }] }, undefined]);
    expect(c.titles.sort()).toEqual(['field', 'marshal']);
    expect(c.demonyms).toEqual({ kenyan: 'KE' });
  });
  it('a pack title introduces a person and does not count as an unknown name', () => {
    const entities: MatcherEntityInput[] = [{ key: 'k:odinga', name: 'Raila Odinga', type: 'person', aliases: [{ text: 'Odinga' }] }];
    const withCue = Matcher.build(entities, compileCues([{ titles: ['Jaramogi'] }]));
    const without = Matcher.build(entities);
    const text = 'Then Jaramogi Odinga spoke.';
    expect(detect(text, [], undefined, withCue).mentions).toHaveLength(1);
    expect(detect(text, [], undefined, without).mentions).toHaveLength(0);
  });
  it('countries and cues survive a snapshot', () => {
    const m = Matcher.build(WORLD, cues);
    const back = Matcher.fromSnapshot(m.toSnapshot());
    expect(back?.cues).toEqual(cues);
    const e = m.indexOfKey('w:kisumu');
    expect([...(back?.countriesOf(e) ?? [])]).toEqual([countryCodeOf('KE')]);
    expect(back?.sameName(m.indexOfKey('w:london-gb'), m.indexOfKey('w:london-us'))).toBe(true);
  });
});

describe('a place named by the text beats a larger place that has it only as an alias', () => {
  // A hand-written pack without countries (its "China" knows "Beijing" as a metonym) beside an
  // open-data pack that places everything.
  const hand: MatcherEntityInput[] = [
    { key: 'h:china', name: 'China', type: 'place', aliases: [{ text: 'Beijing' }], prominence: 0.9 },
    { key: 'h:us', name: 'United States', type: 'place', aliases: [{ text: 'Washington' }, { text: 'America' }], prominence: 0.95 },
    { key: 'h:dc', name: 'Washington, D.C.', type: 'place', aliases: [{ text: 'Washington' }], prominence: 0.4 },
  ];
  const open: MatcherEntityInput[] = [
    { key: 'w:china', name: 'China', type: 'place', aliases: [], prominence: 1, countries: ['CN'] },
    { key: 'w:us', name: 'United States', type: 'place', aliases: [], prominence: 1, countries: ['US'] },
    town('beijing', 'Beijing', 'CN', 0.73),
    town('dc', 'Washington, D.C.', 'US', 0.5),
    town('america', 'America', 'NL', 0.05),
    town('tiny-beijing', 'Shanghai', 'CN', 0.2),
  ];
  const m = Matcher.build([...hand, ...open]);
  it('an entity without countries takes its twin’s, to place it, not as page evidence', () => {
    expect(m.placedIn(m.indexOfKey('h:china'))).toEqual([countryCodeOf('CN')]);
    expect([...m.countriesOf(m.indexOfKey('h:china'))]).toEqual([]);
    expect(m.placedIn(m.indexOfKey('w:beijing'))).toEqual([countryCodeOf('CN')]);
    const back = Matcher.fromSnapshot(m.toSnapshot());
    expect(back?.placedIn(m.indexOfKey('h:us'))).toEqual([countryCodeOf('US')]);
  });
  it('"Beijing" is the city, not China', () => {
    expect(marks('A third Beijing resident fell ill.', [...hand, ...open])).toEqual(['Beijing=beijing']);
    // Without the open pack the metonym stands.
    expect(marks('A third Beijing resident fell ill.', hand)).toEqual(['Beijing=china']);
  });
  it('the name before a comma is the name: "Washington" is the city of "Washington, D.C."', () => {
    const dc = m.indexOfKey('h:dc');
    const [cand] = m.scan(tokenize('Washington'));
    expect(cand.entries.find((x) => x.entity === dc)?.flags ?? 0).toBe(FLAG.CANONICAL);
  });
  it('a named place elsewhere (America, NL) does not take the larger place’s alias', () => {
    expect(marks('He flew to America on Monday.', [...hand, ...open])).toEqual(['America=us']);
  });
});

describe('parts of longer names, by how the page writes them', () => {
  const more: MatcherEntityInput[] = [
    town('porto', 'Porto', 'PT', 0.5),
    town('porto-real', 'Porto Real', 'BR', 0.3),
    town('madrid', 'Madrid', 'ES', 0.63),
    town('granollers', 'Granollers', 'ES', 0.5),
    { key: 'w:mongolia', name: 'Mongolia', type: 'place', aliases: [], prominence: 1, countries: ['MN'] },
    { key: 'w:vietnam', name: 'Vietnam', type: 'place', aliases: [], prominence: 1, countries: ['VN'] },
    {
      key: 'w:uae',
      name: 'United Arab Emirates',
      type: 'place',
      aliases: [{ text: 'Emirates', caseSensitive: true }, { text: 'UAE' }],
      prominence: 1,
      countries: ['AE'],
    },
  ];
  const all = [...BOTH, ...more];
  it('a list’s comma separates names ("Porto, Real Madrid" is no "Porto Real"); "Washington, D.C." stays one', () => {
    expect(tokenize('Porto, Real')[1].breakBefore).toBe(true);
    expect(tokenize('Washington, D.C.')[1].breakBefore).toBe(false);
    expect(marks('He managed Porto, Real Madrid and others.', all)).toEqual(['Porto=porto']);
  });
  it('a name in a web address’s slug is not prose', () => {
    expect(marks('See news/article/Esper-says-US-providing-Vietnam-with-coast-guard-1484.php for more.', all)).toEqual([]);
    expect(marks('The Vietnam-based group met.', all)).toEqual(['Vietnam=vietnam']);
  });
  it('a pair the page writes mid-sentence is a longer name at a sentence start too', () => {
    expect(marks('Officials in Inner Mongolia said so. Inner Mongolia health authority reported a case.', all)).toEqual([]);
    // Without that evidence a sentence's everyday first word proves nothing either way.
    expect(marks('Inner Mongolia health authority reported a case. Mongolia said so.', all)).toEqual(['Mongolia=mongolia', 'Mongolia=mongolia']);
  });
  it('a fragment of a name that the page also writes inside a longer name stands for that name', () => {
    expect(marks('Emirates Airline ordered jets. Later Emirates said the order was firm.', all)).toEqual([]);
    expect(marks('Talks with Emirates officials began. Later Emirates said the order was firm.', all)).toEqual(['Emirates=uae', 'Emirates=uae']);
    // The full name is no fragment: "Vietnam" after "Vietnam War" is still the country.
    expect(marks('The Vietnam War ended. Later Vietnam grew.', all)).toEqual(['Vietnam=vietnam']);
  });
  it('both carry over to the page’s later texts through the context', () => {
    const m = Matcher.build(all, cues);
    const first = detect('Emirates Airline ordered jets from Marcel Granollers.', all, undefined, m);
    const later = detect('Later Emirates said the order was firm, and Granollers agreed.', all, first.context, m);
    expect(later.mentions).toEqual([]);
    expect(detect('Later Emirates said the order was firm, and Granollers agreed.', all, undefined, m).mentions).toHaveLength(2);
  });
  it('the last word of a longer name alone on the page is that name, not the place', () => {
    expect(marks('Spain won when Marcel Granollers served. Later, Granollers and Lopez won.', all)).toEqual([]);
    expect(marks('He managed FC Porto for years. He left Porto in May.', all)).toEqual([]);
    // An everyday first word ("Inner", "New") is a modifier, and a sentence's first word proves nothing.
    expect(marks('Officials in Inner Mongolia said so. Later Mongolia agreed.', all)).toEqual(['Mongolia=mongolia']);
  });
});
