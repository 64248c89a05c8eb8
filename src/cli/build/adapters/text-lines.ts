import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { FileProblem } from './types';

const utf8 = new TextDecoder('utf-8', { fatal: true });

async function isGzipFile(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/**
 * Stream a text file (.gz or plain) line by line, as bytes, until `check` returns a problem.
 * Finds the first bad line of a file that a query refused, without holding the file in memory.
 */
export async function findBadLine(file: string, check: (line: string, lineNo: number) => string | undefined): Promise<FileProblem | undefined> {
  const source = createReadStream(file);
  const stream = (await isGzipFile(file)) ? source.pipe(createGunzip()) : source;
  let lineNo = 0;
  let rest: Buffer = Buffer.alloc(0);
  const inspect = (bytes: Buffer): string | undefined => {
    lineNo++;
    let line: string;
    try {
      line = utf8.decode(bytes[bytes.length - 1] === 0x0d ? bytes.subarray(0, -1) : bytes);
    } catch {
      return 'not valid UTF-8 text (save the file as UTF-8)';
    }
    return check(line, lineNo);
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let data = rest.length ? Buffer.concat([rest, chunk]) : chunk;
      let nl = data.indexOf(0x0a);
      while (nl !== -1) {
        const message = inspect(data.subarray(0, nl));
        if (message) return { file, line: lineNo, message };
        data = data.subarray(nl + 1);
        nl = data.indexOf(0x0a);
      }
      rest = Buffer.from(data);
    }
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { file, line: lineNo + 1, message: `the compressed file is damaged or truncated (${reason})` };
  } finally {
    source.destroy();
  }
  if (rest.length) {
    const message = inspect(rest);
    if (message) return { file, line: lineNo, message };
  }
  return undefined;
}

export interface DelimitedShape {
  delimiter: string;
  /** Name and SQL type of each field, in order; the count is checked, and the numbers and dates. */
  columns: [string, string][];
}

const TYPE_CHECKS: Record<string, RegExp> = {
  BIGINT: /^-?\d+$/,
  INTEGER: /^-?\d+$/,
  DOUBLE: /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/,
  DATE: /^\d{4}-\d{2}-\d{2}$/,
};

/** First line whose field count or a typed field is wrong, or whose bytes are not UTF-8. */
export function checkDelimitedLines(file: string, shape: DelimitedShape): Promise<FileProblem | undefined> {
  const n = shape.columns.length;
  return findBadLine(file, (line) => {
    if (line === '') return undefined;
    const fields = line.split(shape.delimiter);
    if (fields.length !== n) return `expected ${n} ${shape.delimiter === '\t' ? 'tab' : 'comma'}-separated columns, found ${fields.length}`;
    for (let i = 0; i < n; i++) {
      const [name, type] = shape.columns[i];
      const check = TYPE_CHECKS[type];
      if (check && fields[i] !== '' && !check.test(fields[i]))
        return `column ${i + 1} ("${name}") should be ${type === 'DATE' ? 'a date' : 'a number'}, found "${fields[i].slice(0, 40)}"`;
    }
    return undefined;
  });
}

/**
 * Read a gzip file to its end: DuckDB's reader can stop early at a cut that falls between
 * deflate blocks, which would silently build a smaller pack. Returns the problem, if any.
 */
export function checkGzipComplete(file: string): Promise<FileProblem | undefined> {
  return findBadLine(file, () => undefined);
}

export { isGzipFile };
