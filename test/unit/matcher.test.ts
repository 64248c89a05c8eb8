import { describe, expect, it } from 'vitest';
import { Matcher } from '../../src/core/matcher';
import { foldWord, tokenize } from '../../src/core/normalize';
import { detect, entityAt, TEST_ENTITIES } from './detect-helpers';

describe('normalisation', () => {
  it('folds transliteration variants by rule', () => {
    expect(foldWord('tehreek')).toBe(foldWord('tehrik'));
    expect(foldWord('pakhtoonkhwa')).toBe(foldWord('pakhtunkhwa'));
    expect(foldWord('tahaffuz')).toBe(foldWord('tahafuz'));
    expect(foldWord('e')).toBe(foldWord('i'));
    expect(foldWord('kabul')).not.toBe(foldWord('kabil'));
  });
  it('strips possessives and reads periods in acronyms', () => {
    const t = tokenize('Munir’s plan and the U.S. view');
    expect(t.map((x) => x.raw)).toEqual(['Munir', 'plan', 'and', 'the', 'US', 'view']);
  });
  it('treats dashes and hyphens as word separators but not phrase breaks', () => {
    const t = tokenize('Tehrik–e—Taliban');
    expect(t.map((x) => x.raw)).toEqual(['Tehrik', 'e', 'Taliban']);
    expect(t.slice(1).every((x) => !x.breakBefore)).toBe(true);
  });
  it('folds diacritics and NFKC forms', () => {
    expect(tokenize('Ｉｍｒａｎ Khān')[1].fold).toBe('khan');
    expect(tokenize('Ｉｍｒａｎ')[0].raw).toBe('Imran');
  });
});

describe('matching', () => {
  it('matches spelling variants of the same name', () => {
    expect(entityAt('Attacks by the Tehreek-e-Taliban Pakistan rose.', 'Tehreek')).toBe('ttp');
    expect(entityAt('Attacks by Tehrik-e-Taliban rose.', 'Tehrik')).toBe('ttp');
    expect(entityAt('He leads the Tehreek-e-Tahafuz Ayeen-e-Pakistan alliance.', 'Tahafuz')).toBe('ttap');
    expect(entityAt('Violence in Khyber Pakhtoonkhwa grew.', 'Khyber')).toBe('kp');
  });
  it('keeps acronyms strict', () => {
    expect(entityAt('The TTP claimed it.', 'TTP')).toBe('ttp');
    expect(entityAt('Ttp is not an acronym here.', 'Ttp')).toBeNull();
    expect(entityAt('Officials in KP said', 'KP')).toBe('kp');
    expect(entityAt('Let us go.', 'us')).toBeNull();
    expect(entityAt('The U.S. said', 'U.S.')).toBe('us');
    expect(entityAt('The UN said', 'UN')).toBe('un');
  });
  it('lets a capitalised dateline match a place', () => {
    expect(entityAt('KABUL — The talks resumed.', 'KABUL')).toBe('kabul');
  });
  it('respects word boundaries', () => {
    expect(entityAt('Prices in USD rose.', 'USD')).toBeNull();
    expect(entityAt('An Iranian delegation arrived.', 'Iranian')).toBeNull();
    expect(entityAt('Mohammad Sharifullah was arrested.', 'Sharif')).toBeNull();
  });
  it('prefers the longest match, and inner words open the longer entity', () => {
    expect(entityAt('Crossings at Ghulam Khan reopened.', 'Khan')).toBe('ghulam-khan');
    expect(entityAt('Tehrik-i-Taliban Pakistan fighters', 'Pakistan')).toBe('ttp');
    expect(entityAt('Tehrik-i-Taliban Pakistan fighters', 'Taliban')).toBe('ttp');
    expect(entityAt('the 2020 Doha accord was signed', 'Doha')).toBe('doha-agreement');
    expect(entityAt('ISIS-K claimed the attack', 'ISIS')).toBe('iskp');
  });
  it('does not match across sentence punctuation', () => {
    expect(entityAt('They met in Doha. Agreement came later.', 'Doha')).toBe('doha');
  });
  it('round-trips through a snapshot', () => {
    const m = Matcher.build(TEST_ENTITIES);
    const again = Matcher.fromSnapshot(m.toSnapshot());
    expect(again).not.toBeNull();
    const tokens = tokenize('Zalmay Khalilzad met the TTP in Kabul.');
    expect(again?.scan(tokens)).toEqual(m.scan(tokens));
  });
  it('refuses a damaged snapshot', () => {
    const buf = Matcher.build(TEST_ENTITIES).toSnapshot();
    const bytes = new Uint8Array(buf);
    bytes[bytes.length - 5] ^= 0xff;
    expect(Matcher.fromSnapshot(buf)).toBeNull();
    expect(Matcher.fromSnapshot(buf.slice(0, 40))).toBeNull();
  });
});

describe('references back', () => {
  it('a bare surname refers to the most recent full mention', () => {
    const text = 'Nawaz Sharif spoke first. Sharif said no. Later Shehbaz Sharif arrived. Sharif said yes.';
    expect(entityAt(text, 'Sharif', 2)).toBe('nawaz-sharif');
    expect(entityAt(text, 'Sharif', 4)).toBe('shehbaz-sharif');
  });
  it('a shared surname with no earlier full mention opens nothing', () => {
    expect(entityAt('Sharif said the talks failed.', 'Sharif')).toBeNull();
  });
  it('a unique surname may stand alone unless the pack forbids it', () => {
    expect(entityAt('Khalilzad said talks must go on.', 'Khalilzad')).toBe('zalmay-khalilzad');
    expect(entityAt('Dar said talks must go on.', 'Dar')).toBeNull();
    expect(entityAt('Ishaq Dar arrived. Dar said talks must go on.', 'Dar', 2)).toBe('ishaq-dar');
  });
  it('an unknown capitalised name blocks its surname there and later', () => {
    const text = 'Imran Khan was jailed. Gul Khan, a truck driver, waited. Khan said the wait was long.';
    expect(entityAt(text, 'Khan', 1)).toBe('imran-khan');
    expect(entityAt(text, 'Khan', 2)).toBeNull();
    expect(entityAt(text, 'Khan', 3)).toBeNull();
    expect(entityAt('Traffic from Dera Ismail Khan slowed.', 'Khan')).toBeNull();
    expect(entityAt('Shehbaz Sharif met Bibi Sharif.', 'Sharif', 2)).toBeNull();
    expect(entityAt('Protesters named Imran Baloch as leader.', 'Imran')).toBeNull();
  });
  it('titles do not block', () => {
    expect(entityAt('Field Marshal Munir spoke.', 'Munir')).toBe('asim-munir');
    expect(entityAt('Imran Khan spoke. Later PM Khan left.', 'Khan', 2)).toBe('imran-khan');
    expect(entityAt('Shehbaz Sharif spoke. Prime Minister Sharif left.', 'Sharif', 2)).toBe('shehbaz-sharif');
  });
  it('a capitalised sentence opener is not a name when the page uses it in lowercase', () => {
    const text = 'Imran Khan spoke. Meanwhile Khan waited; meanwhile others left.';
    expect(entityAt(text, 'Khan', 2)).toBe('imran-khan');
  });
  it('carries context between calls', () => {
    const first = detect('Nawaz Sharif returned to Lahore.');
    const second = detect('Sharif said little.', undefined, first.context);
    expect(second.mentions).toEqual([{ text: 'Sharif', entity: 'nawaz-sharif' }]);
  });
});

describe('ambiguity', () => {
  it('resolves a shared alias by prominence when clear', () => {
    expect(entityAt('Washington urged restraint.', 'Washington')).toBe('us');
  });
  it('shows nothing on a close call', () => {
    const tied = TEST_ENTITIES.map((e) => (e.key === 't:dc' ? { ...e, prominence: 0.95 } : e));
    expect(entityAt('Washington urged restraint.', 'Washington', 1, tied)).toBeNull();
  });
  it('uses related entities found on the page', () => {
    const withRelations = TEST_ENTITIES.map((e) =>
      e.key === 't:dc' ? { ...e, prominence: 0.95, related: ['t:kabul'] } : e.key === 't:us' ? { ...e, prominence: 0.95 } : e,
    );
    expect(entityAt('Officials from Kabul flew to Washington.', 'Washington', 1, withRelations)).toBe('dc');
  });
});

describe('longer names the packs do not know', () => {
  it('a place or group inside an unknown capitalised name opens nothing', () => {
    expect(entityAt('A petition reached the Kabul High Court on Monday.', 'Kabul')).toBeNull();
    expect(entityAt('The Washington Post reported the talks.', 'Washington')).toBeNull();
  });
  it('generic words after a place keep the place', () => {
    expect(entityAt('US officials met Taliban envoys.', 'US')).toBe('us');
    expect(entityAt('Flights left Kabul airport.', 'Kabul')).toBe('kabul');
    expect(entityAt('The Pakistan Army said little; Pakistan Government sources agreed.', 'Pakistan', 2)).toBe('pakistan');
  });
  it('Title Case headlines do not count as unknown names', () => {
    const text = 'US Official Calls For Border Talks\nThe envoy spoke.';
    expect(entityAt(text, 'US')).toBe('us');
    expect(entityAt('Imran Khan Urges Talks With Kabul\nKhan spoke from jail.', 'Khan', 2)).toBe('imran-khan');
  });
});

describe('possessives end a name', () => {
  it('a possessive place is not part of the following name', () => {
    expect(entityAt('It is a flagship of Iran’s Belt Programme.', 'Iran')).toBe('iran');
    expect(entityAt("Imran Khan spoke. Khan's Party Office was shut.", 'Khan', 2)).toBe('imran-khan');
  });
});

describe('a known full name inside a longer unknown one', () => {
  it('opens nothing for the known person', () => {
    expect(entityAt('Maryam Nawaz Sharif addressed the rally.', 'Nawaz')).toBeNull();
    expect(entityAt('Former prime minister Nawaz Sharif addressed the rally.', 'Nawaz')).toBe('nawaz-sharif');
    expect(entityAt('PM Shehbaz Sharif spoke.', 'Shehbaz')).toBe('shehbaz-sharif');
    expect(entityAt("Pakistan's Shehbaz Sharif spoke.", 'Shehbaz')).toBe('shehbaz-sharif');
  });
});

describe('separators', () => {
  it('a spaced dash after a dateline separates; a hyphen inside a name joins', () => {
    expect(entityAt('LAHORE — Nawaz Sharif returned on Thursday.', 'Nawaz')).toBe('nawaz-sharif');
    expect(entityAt('Fighters of the Tehrik-i-Taliban attacked.', 'Taliban')).toBe('ttp');
  });
  it('a name written with its part in parentheses still matches', () => {
    const withParens = [...TEST_ENTITIES, { key: 't:pml-n', name: 'Pakistan Muslim League (N)', type: 'organization' as const, aliases: [] }];
    expect(entityAt('A spokesman for the Pakistan Muslim League (N) declined.', 'Muslim', 1, withParens)).toBe('pml-n');
  });
});

describe('connectors', () => {
  it('"-e-", "-i-" and a spaced "e" are the same, and so is no connector at all', () => {
    expect(entityAt('The Tehreek-e-Tahafuz-e-Ayeen-e-Pakistan met.', 'Tahafuz')).toBe('ttap');
    expect(entityAt('The Tehreek Tahaffuz Ayeen Pakistan met.', 'Tahaffuz')).toBe('ttap');
    expect(entityAt('Fighters of the Tehreek e Taliban Pakistan attacked.', 'Tehreek')).toBe('ttp');
    expect(entityAt('Fighters of the Tehrik Taliban Pakistan attacked.', 'Tehrik')).toBe('ttp');
  });
  it('a pronoun "I" is not a connector', () => {
    const t = tokenize('Kabul I said');
    expect(t[1].connector).toBeUndefined();
  });
});

describe('context across calls', () => {
  it('orders unknown names and full mentions the same way in one call or several', () => {
    const parts = ['Gul Sharif arrived.', 'Shehbaz Sharif spoke. Kabul. Islamabad.', 'Later Sharif said.'];
    const whole = detect(parts.join(' ')).mentions.filter((m) => m.text === 'Sharif');
    let context = { seen: [] as string[], unknown: [] as string[] };
    const split: { text: string; entity: string }[] = [];
    for (const p of parts) {
      const r = detect(p, undefined, context);
      context = r.context;
      split.push(...r.mentions.filter((m) => m.text === 'Sharif'));
    }
    expect(whole).toEqual([{ text: 'Sharif', entity: 'shehbaz-sharif' }]);
    expect(split).toEqual(whole);
  });
  it('an unknown name after the full mention still blocks across calls', () => {
    const first = detect('Shehbaz Sharif spoke. Then Bibi Sharif spoke.');
    const second = detect('Sharif left.', undefined, first.context);
    expect(second.mentions).toEqual([]);
  });
});

describe('events named with their year', () => {
  it('the year before an event belongs to the mention', () => {
    expect(entityAt('Since the 2020 Doha accord, talks stalled.', '2020')).toBe('doha-agreement');
    expect(entityAt('In 2020 Kabul was calm.', '2020')).toBeNull();
  });
});
