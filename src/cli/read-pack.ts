import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Pack } from '../core/pack-format';
import { isGzip, type PackProblem, parsePackJson, validatePack } from '../core/pack-validate';
import type { Result } from '../core/result';

/** Read a .json or .json.gz pack file and validate it with the extension's own rules. */
export function readPackFile(file: string): Result<Pack, PackProblem[]> {
  const bytes = readFileSync(file);
  const text = (isGzip(bytes) ? gunzipSync(bytes) : bytes).toString('utf8');
  const parsed = parsePackJson(text);
  return parsed.ok ? validatePack(parsed.value) : parsed;
}
