import { findBadLine } from './text-lines';
import type { FileProblem } from './types';

/**
 * First record of a CSV/TSV file with the wrong number of fields or bytes that are not UTF-8.
 * Quote-aware for CSV: a quoted cell may hold commas, doubled quotes and line breaks.
 */
export function checkCsvRecords(file: string, delimiter: string): Promise<FileProblem | undefined> {
  let expected = 0;
  let fields = 1;
  let inQuotes = false;
  let startLine = 1;
  return findBadLine(file, (line, n) => {
    if (!inQuotes) {
      fields = 1;
      startLine = n;
      if (line === '') return undefined;
    }
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (delimiter !== '\t' && ch === '"') {
        if (inQuotes && line[i + 1] === '"') i++;
        else inQuotes = !inQuotes;
      } else if (ch === delimiter && !inQuotes) fields++;
    }
    if (inQuotes) return undefined;
    if (startLine === 1) {
      expected = fields;
      return undefined;
    }
    return fields === expected ? undefined : `expected ${expected} columns as in the header, found ${fields} (record starting on line ${startLine})`;
  }).then((p) => p ?? (inQuotes ? { file, line: startLine, message: 'a quoted cell is never closed' } : undefined));
}
