/**
 * JSON parsing that refuses what `JSON.parse` silently accepts: an object with the same key twice.
 * Two parsers that resolve a duplicate differently (first wins / last wins) would read different
 * data out of the same signed bytes, so signed documents must not contain any.
 */
import { err, ok, type Result } from './result';

export function parseStrictJson(text: string): Result<unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return err(`not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const dup = firstDuplicateKey(text);
  return dup === null ? ok(value) : err(`the key "${dup.slice(0, 80)}" appears twice in one object`);
}

/** The first key that repeats within one object of already-valid JSON text, or null. */
export function firstDuplicateKey(text: string): string | null {
  // One entry per open container: the keys seen so far for an object, null for an array.
  const open: (Set<string> | null)[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */) open.push(new Set());
    else if (c === 0x5b /* [ */) open.push(null);
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) open.pop();
    else if (c === 0x22 /* " */) {
      let j = i + 1;
      while (text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c /* \ */ ? 2 : 1;
      const keys = open[open.length - 1];
      if (keys) {
        let k = j + 1;
        while (k < text.length && /\s/.test(text[k])) k++;
        if (text[k] === ':') {
          const key = JSON.parse(text.slice(i, j + 1)) as string;
          if (keys.has(key)) return key;
          keys.add(key);
        }
      }
      i = j;
    }
  }
  return null;
}
