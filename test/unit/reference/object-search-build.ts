/**
 * The search index's former build (an object per form, the vocabulary in a Set and Map), kept
 * only as the oracle for the equivalence test of the typed-array build: both must give the
 * same tables, byte for byte.
 */
import { F_ALIAS, formsOf } from '../../../src/core/search-forms';
import type { SearchEntry } from '../../../src/core/search-index';
import { maskOf, type SearchTables, TYPE_CODES } from '../../../src/core/search-tables';

export function referenceSearchTables(entries: SearchEntry[]): SearchTables {
  const order = entries.map((_, i) => i);
  const prom = entries.map((e) => (Number.isFinite(e.prominence) ? (e.prominence as number) : 0.5));
  order.sort(
    (x, y) =>
      prom[y] - prom[x] || entries[x].name.length - entries[y].name.length || (entries[x].key < entries[y].key ? -1 : entries[x].key > entries[y].key ? 1 : 0),
  );
  const n = entries.length;
  const forms: { entity: number; words: string[]; text: string; flags: number }[] = [];
  const wordSet = new Set<string>();
  for (let r = 0; r < n; r++) {
    formsOf(entries[order[r]], (words, text, flags) => {
      forms.push({ entity: r, words, text, flags });
      for (const w of words) wordSet.add(w);
    });
  }
  const vocab = [...wordSet].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const v = vocab.length;
  const wordId = new Map(vocab.map((w, i) => [w, i]));
  const parts: string[] = [];
  const strOff: number[] = [0];
  const push = (s: string) => {
    parts.push(s);
    strOff.push(strOff[strOff.length - 1] + s.length);
    return strOff.length - 2;
  };
  for (const w of vocab) push(w);
  for (const r of order) push(entries[r].key);
  for (const r of order) push(entries[r].name);
  for (const r of order) push(entries[r].description ?? '');
  const f = forms.length;
  const formWords: number[] = [];
  const formWordStart: number[] = [];
  const formText: number[] = [];
  const postings: number[][] = vocab.map(() => []);
  forms.forEach((fm, i) => {
    formText.push(fm.flags & F_ALIAS ? push(fm.text) : v + n + fm.entity);
    formWordStart.push(formWords.length);
    for (const w of fm.words) formWords.push(wordId.get(w) as number);
    for (const id of new Set(fm.words.map((w) => wordId.get(w) as number))) postings[id].push(i);
  });
  formWordStart.push(formWords.length);
  const postStart = [0];
  for (const p of postings) postStart.push(postStart[postStart.length - 1] + p.length);
  const keyOrder = order
    .map((_, r) => r)
    .sort((x, y) => (entries[order[x]].key < entries[order[y]].key ? -1 : entries[order[x]].key > entries[order[y]].key ? 1 : x - y));
  return {
    strings: parts.join(''),
    a: {
      strOff: Int32Array.from(strOff),
      entType: Uint8Array.from(order.map((i) => (TYPE_CODES.includes(entries[i].type) ? TYPE_CODES.indexOf(entries[i].type) : TYPE_CODES.length - 1))),
      formEntity: Int32Array.from(forms.map((fm) => fm.entity)),
      formText: Int32Array.from(formText),
      formFlags: Uint8Array.from(forms.map((fm) => fm.flags)),
      formWordStart: Int32Array.from(formWordStart),
      formWords: Int32Array.from(formWords),
      postStart: Int32Array.from(postStart),
      postForms: Int32Array.from(postings.flat()),
      wordMask: Uint32Array.from(vocab.map(maskOf)),
      entProminence: Float32Array.from(order.map((i) => prom[i])),
      keyOrder: Int32Array.from(keyOrder),
    },
    n,
    v,
    f,
  };
}
