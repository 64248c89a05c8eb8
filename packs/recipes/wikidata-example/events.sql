-- Items with a point in time (P585) or a start time (P580) and participants among the
-- selected entities become events.
WITH dated AS (
  SELECT qid, min(value) AS date FROM wd_claims WHERE property IN ('P585', 'P580') AND value IS NOT NULL GROUP BY qid
),
participants AS (
  SELECT c.qid, list(DISTINCT 'wd-' || lower(c.value) ORDER BY 'wd-' || lower(c.value)) AS entities
  FROM wd_claims c JOIN selected s ON s.qid = c.value
  WHERE c.property IN ('P710', 'P1923')
  GROUP BY c.qid
)
SELECT json_object(
  'id', 'wd-' || lower(w.qid),
  'date', d.date,
  'title', w.label,
  'summary', w.description,
  'entities', p.entities,
  'source', json_object('title', 'Wikidata: ' || w.label, 'url', 'https://www.wikidata.org/wiki/' || w.qid, 'publisher', 'Wikidata')
) AS item
FROM wd w JOIN dated d USING (qid) JOIN participants p USING (qid)
WHERE w.label IS NOT NULL
