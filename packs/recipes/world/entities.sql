-- World pack: populated places of 1,000+ people (GeoNames layout, from `cities`) and countries.
-- Plain SQL over two views, so the same text runs on cities1000.txt or allCountries.txt
-- (swap the `cities` input's adapter to "geonames") or on a distributed engine.
WITH places AS (
  SELECT *
  FROM cities
  WHERE feature_class = 'P'
    AND feature_code NOT IN ('PPLQ', 'PPLH', 'PPLW', 'PPLCH')
    AND (population >= 1000 OR feature_code = 'PPLC')
  -- One place per name and ~10 km cell: GeoNames sometimes lists a city and its centre twice.
  QUALIFY row_number() OVER (
    PARTITION BY name, country_code, admin1_code, round(latitude, 1), round(longitude, 1)
    ORDER BY population DESC, geonameid
  ) = 1
),
located AS (
  -- `regions` (GeoNames admin1 names, when the recipe has them) turns "Town in United States"
  -- into "Town in Arizona, United States".
  SELECT p.*, coalesce(c.common_name, p.country_code) AS country_name,
    coalesce(r.name || ', ', '') || coalesce(c.common_name, p.country_code) AS where_name
  FROM places p
  LEFT JOIN countries c ON c.cca2 = p.country_code
  LEFT JOIN regions r ON r.code = p.country_code || '.' || p.admin1_code
),
place_items AS (
  SELECT json_object(
    'id', 'gn-' || geonameid,
    'type', 'place',
    'name', name,
    'description', CASE
      WHEN feature_code = 'PPLC' THEN 'Capital of ' || country_name
      WHEN feature_code = 'PPLX' THEN 'Locality in ' || where_name
      WHEN population >= 100000 THEN 'City in ' || where_name
      ELSE 'Town in ' || where_name
    END,
    'facts', [
      json_object('label', 'Country', 'value', country_name),
      json_object('label', 'Population', 'value', format('{:,}', population)),
      json_object('label', 'Coordinates', 'value', printf('%.4f° %s, %.4f° %s',
        abs(latitude), CASE WHEN latitude >= 0 THEN 'N' ELSE 'S' END,
        abs(longitude), CASE WHEN longitude >= 0 THEN 'E' ELSE 'W' END))
    ],
    -- Monotonic in population: 1,000 people → 0, 100 million → 0.9 (countries rank above).
    'prominence', round(0.9 * least(1, greatest(0, (log10(greatest(population, 1)) - 3) / 5)), 4),
    'countries', [country_code],
    'sources', [json_object('title', 'GeoNames: ' || name, 'url', 'https://www.geonames.org/' || geonameid, 'publisher', 'GeoNames')]
  ) AS item
  FROM located
),
spellings AS (
  SELECT cca3, common_name, official_name, s AS text
  FROM countries, unnest(list_prepend(official_name, alt_spellings)) AS t(s)
),
kept_spellings AS (
  -- A short capitalised code ("US", "UAE") is kept only when it abbreviates the country's own
  -- name; other codes ("IT", "IN") are ISO codes that read as ordinary words.
  SELECT cca3, text, regexp_matches(text, '^[A-Z]{2,6}$') AS acronym
  FROM spellings
  WHERE lower(text) <> lower(common_name)
    AND (
      (NOT regexp_matches(text, '^[A-Z]{2,6}$') AND length(text) >= 3)
      OR text IN (
        array_to_string(list_transform(list_filter(string_split(replace(common_name, '-', ' '), ' '), w -> regexp_matches(w, '^[A-Z]')), w -> w[1]), ''),
        array_to_string(list_transform(list_filter(string_split(replace(official_name, '-', ' '), ' '), w -> regexp_matches(w, '^[A-Z]')), w -> w[1]), '')
      )
    )
),
demonyms AS (
  SELECT DISTINCT cca3, trim(d) AS text
  FROM countries, unnest(string_split(demonym_m || ', ' || demonym_f, ', ')) AS t(d)
  WHERE trim(d) <> ''
),
aliases AS (
  -- Acronyms and one-word spellings ("Island" for Iceland, "Reunion") match only as written.
  SELECT cca3, text, CASE WHEN acronym OR NOT contains(text, ' ') THEN json_object('text', text, 'caseSensitive', true) ELSE to_json(text) END AS alias
  FROM kept_spellings
  UNION ALL
  -- Demonyms are aliases that never open a card alone ("Polish" is context, not Poland).
  SELECT cca3, text, json_object('text', text, 'standalone', false) AS alias FROM demonyms
),
alias_lists AS (
  SELECT cca3, list(alias ORDER BY lower(text), text) AS aliases
  FROM (SELECT * FROM aliases QUALIFY row_number() OVER (PARTITION BY cca3, lower(text) ORDER BY text, CAST(alias AS VARCHAR)) = 1)
  GROUP BY cca3
),
country_items AS (
  SELECT json_object(
    'id', 'country-' || lower(c.cca3),
    'type', 'place',
    'name', c.common_name,
    'aliases', a.aliases,
    'description', CASE WHEN c.independent THEN 'Country' ELSE 'Territory' END || ' in ' || coalesce(nullif(c.subregion, ''), c.region),
    'facts', list_filter([
      CASE WHEN len(c.capital) > 0 THEN json_object('label', 'Capital', 'value', array_to_string(c.capital, ', ')) END,
      json_object('label', 'Region', 'value', coalesce(nullif(c.subregion, ''), c.region))
    ], f -> f IS NOT NULL),
    'prominence', CASE WHEN c.independent THEN 1 ELSE 0.95 END,
    'countries', [c.cca2],
    'sources', [json_object('title', 'Countries data: ' || c.common_name, 'url', 'https://github.com/mledoze/countries', 'publisher', 'mledoze/countries (ODbL 1.0)')]
  ) AS item
  FROM countries c LEFT JOIN alias_lists a USING (cca3)
)
SELECT item FROM place_items
UNION ALL
SELECT item FROM country_items
