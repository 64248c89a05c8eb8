/**
 * Reads a pack file chosen or dropped by the user into one string. Gzip files (magic bytes 1f 8b)
 * are decompressed with the browser's DecompressionStream; everything is decoded as UTF-8 (a BOM
 * is dropped). The decoded text is capped so a tiny "gzip bomb" cannot exhaust memory.
 */
import { LIMITS } from '../core/pack-format';

export interface ReadOptions {
  /** Bytes of the file consumed so far, of `file.size`. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Most characters of text accepted (defaults to the pack file limit). */
  maxChars?: number;
}

export class PackFileError extends Error {
  override name = 'PackFileError';
}

const GZIP_MAGIC = [0x1f, 0x8b];

export async function isGzip(file: Blob): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  return head.length === 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
}

export async function readPackFile(file: Blob, opts: ReadOptions = {}): Promise<string> {
  const maxChars = opts.maxChars ?? LIMITS.fileBytes;
  const mb = Math.round(maxChars / 1024 / 1024);
  const gzip = await isGzip(file);
  if (!gzip && file.size > maxChars) {
    throw new PackFileError(`The file is larger than ${mb} MB, the most Backstory can import; nothing was changed.`);
  }

  let consumed = 0;
  const total = file.size;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      consumed += chunk.byteLength;
      opts.onProgress?.(consumed, total);
      controller.enqueue(chunk);
    },
  });
  let bytes: ReadableStream<Uint8Array> = file.stream().pipeThrough(counter);
  if (gzip) bytes = bytes.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);

  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parts: string[] = [];
  let chars = 0;
  const reader = bytes.getReader();
  const onAbort = () => void reader.cancel().catch(() => {});
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      if (opts.signal?.aborted) throw new DOMException('The read was cancelled.', 'AbortError');
      let step: ReadableStreamReadResult<Uint8Array>;
      try {
        step = await reader.read();
      } catch (e) {
        if (opts.signal?.aborted) throw new DOMException('The read was cancelled.', 'AbortError');
        if (gzip) throw new PackFileError(`The file looks compressed (gzip) but could not be decompressed: ${messageOf(e)}`);
        throw new PackFileError(`The file could not be read: ${messageOf(e)}`);
      }
      if (step.done) break;
      const text = decodeChunk(decoder, step.value, false);
      chars += text.length;
      if (chars > maxChars) {
        throw new PackFileError(`The pack is larger than ${mb} MB${gzip ? ' once decompressed' : ''}, the most Backstory can import; nothing was changed.`);
      }
      if (text) parts.push(text);
    }
    if (opts.signal?.aborted) throw new DOMException('The read was cancelled.', 'AbortError');
    const rest = decodeChunk(decoder, undefined, true);
    if (rest) parts.push(rest);
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    try {
      reader.releaseLock();
    } catch {
      // Already released or errored.
    }
  }
  return parts.join('');
}

function decodeChunk(decoder: TextDecoder, bytes: Uint8Array | undefined, last: boolean): string {
  try {
    return last ? decoder.decode(bytes) : decoder.decode(bytes, { stream: true });
  } catch {
    throw new PackFileError('The file is not UTF-8 text, so it cannot be a Backstory pack (packs are JSON files, optionally gzipped).');
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
