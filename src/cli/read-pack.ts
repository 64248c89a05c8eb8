import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { LIMITS, type Pack } from '../core/pack-format';
import { describeProblems, isGzip, type PackProblem, parsePackJson, validatePack } from '../core/pack-validate';
import { err, type Result } from '../core/result';

/**
 * Read a .json or .json.gz pack file and validate it with the extension's own rules, as strictly
 * as the extension reads it: gunzip output capped at the pack size limit (a small "gzip bomb"
 * cannot exhaust memory) and UTF-8 decoded with errors refused, not replaced.
 */
export function readPackFile(file: string): Result<Pack, PackProblem[]> {
  const raw = readFileSync(file);
  let bytes: Uint8Array = raw;
  if (isGzip(raw)) {
    try {
      bytes = gunzipSync(raw, { maxOutputLength: LIMITS.fileBytes });
    } catch (e) {
      const tooBig = (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || /maxOutputLength|Cannot create a Buffer larger/i.test(String(e));
      return err([
        { path: '', message: tooBig ? `the file unpacks to more than ${LIMITS.fileBytes / 1024 / 1024} MB` : `not a readable gzip file (${String(e)})` },
      ]);
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return err([{ path: '', message: 'the file is not valid UTF-8 text' }]);
  }
  const parsed = parsePackJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  return parsed.ok ? validatePack(parsed.value) : parsed;
}

/** A command's pack file, read and validated; null after saying on stderr why it is invalid (the command then exits 1). */
export function readPackOrSay(file: string): Pack | null {
  const r = readPackFile(file);
  if (r.ok) return r.value;
  console.error(`${file}: invalid\n${describeProblems(r.error)}`);
  return null;
}
