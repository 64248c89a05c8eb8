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
  /** Exact number of fields per line. */
  columns: number;
  /** Skip the first line (a header checked elsewhere). */
  header?: boolean;
}

/** First line whose field count is wrong or whose bytes are not UTF-8. */
export function checkDelimitedLines(file: string, shape: DelimitedShape): Promise<FileProblem | undefined> {
  return findBadLine(file, (line, n) => {
    if (shape.header && n === 1) return undefined;
    if (line === '') return undefined;
    const fields = line.split(shape.delimiter).length;
    return fields === shape.columns ? undefined : `expected ${shape.columns} ${shape.delimiter === '\t' ? 'tab' : 'comma'}-separated columns, found ${fields}`;
  });
}
