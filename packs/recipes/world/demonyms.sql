-- English demonyms of every country ("Polish" → PL): context for the detector, never names.
-- The data joins a few with a comma ("Antiguan, Barbudan"): each is its own demonym.
SELECT DISTINCT trim(d) AS text, cca2 AS country
FROM countries, unnest(string_split(demonym_m || ', ' || demonym_f, ', ')) AS t(d)
WHERE trim(d) <> ''
