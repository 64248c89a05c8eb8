/**
 * Which parts of a result's name to bold for a query: each word of the name that a query word
 * begins (folded the way search folds, so "kha" marks "Khalilzad" and "Khāled"). Returns
 * [start, end) spans into the name, in order, not overlapping.
 */
import { tokenize } from './normalize';

export function matchSpans(name: string, query: string): [number, number][] {
  const q = tokenize(query.slice(0, 200))
    .map((t) => t.fold)
    .filter(Boolean);
  if (!q.length) return [];
  const spans: [number, number][] = [];
  for (const w of tokenize(name)) {
    const hit = q.filter((x) => w.fold.startsWith(x)).sort((a, b) => b.length - a.length)[0];
    if (!hit) continue;
    // The folded prefix covers about as many written characters (folding keeps length for letters).
    const len = hit.length >= w.fold.length ? w.end - w.start : Math.min(w.end - w.start, hit.length);
    spans.push([w.start, w.start + len]);
  }
  return spans;
}
