-- Which items become entities: people, organisations, countries and cities with a label,
-- tied (by citizenship, country or their own ISO code) to the countries this pack covers.
WITH tied AS (
  SELECT c.qid, iso.cc FROM wd_claims c JOIN iso ON iso.qid = c.value WHERE c.property IN ('P17', 'P27')
  UNION
  SELECT qid, cc FROM iso
),
countries AS (SELECT qid, list(DISTINCT cc ORDER BY cc) AS countries FROM tied GROUP BY qid)
SELECT w.*, c.countries,
  CASE
    WHEN list_contains(w.instance_of, 'Q5') THEN 'person'
    WHEN list_has_any(w.instance_of, ['Q6256', 'Q3624078', 'Q515']) THEN 'place'
    ELSE 'organization'
  END AS type
FROM wd w JOIN countries c USING (qid)
WHERE w.label IS NOT NULL
  AND list_has_any(w.instance_of, ['Q5', 'Q43229', 'Q6256', 'Q3624078', 'Q515'])
  AND list_has_any(c.countries, ['PK', 'AF'])
