-- Facts come through a property map; item values are shown by their label.
WITH props(property, label, ord) AS (
  VALUES ('P569', 'Born', 1), ('P39', 'Position held', 2), ('P571', 'Founded', 3), ('P159', 'Headquarters', 4), ('P17', 'Country', 5)
),
facts AS (
  SELECT c.qid, list(json_object('label', p.label, 'value', coalesce(l.label, c.value)) ORDER BY p.ord, coalesce(l.label, c.value)) AS facts
  FROM wd_claims c JOIN props p USING (property) LEFT JOIN wd l ON l.qid = c.value
  WHERE c.qid IN (SELECT qid FROM selected)
  GROUP BY c.qid
)
SELECT json_object(
  'id', 'wd-' || lower(s.qid),
  'type', s.type,
  'name', s.label,
  'aliases', list_sort(s.aliases),
  'description', s.description,
  'facts', f.facts,
  'wikidata', s.qid,
  -- Sitelinks (how many Wikipedias have an article) rank prominence.
  'prominence', round(least(1, ln(1 + s.sitelinks) / ln(1 + 300)), 4),
  'countries', s.countries,
  'sources', [json_object('title', 'Wikidata: ' || s.label, 'url', 'https://www.wikidata.org/wiki/' || s.qid, 'publisher', 'Wikidata')]
) AS item
FROM selected s LEFT JOIN facts f USING (qid)
