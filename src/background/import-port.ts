import * as v from 'valibot';
import { LIMITS } from '../core/pack-format';
import type { Runtime } from '../shared/browser';
import { ImportPortMessage, type ImportProgress } from '../shared/messages';
import type { StreamingImport } from './pack-importer';
import { type PackService, summaryOf } from './pack-service';

/**
 * Receive one pack file over a port in text chunks and stage each chunk as it arrives (the
 * worker never holds the whole file), then import it; report progress and the outcome.
 */
export function acceptImportPort(port: Runtime.Port, service: PackService): void {
  let session: Promise<StreamingImport> | null = null;
  let received = 0;
  let expected = 0;
  let started = false;
  let finished = false;
  const abort = new AbortController();
  const post = (m: ImportProgress) => {
    try {
      port.postMessage(m);
    } catch {
      // The page went away; the import goes on or is cancelled below.
    }
  };
  port.onDisconnect.addListener(() => {
    abort.abort();
    if (!finished) void session?.then((s) => s.discard());
  });
  port.onMessage.addListener(async (raw: unknown) => {
    const parsed = v.safeParse(ImportPortMessage, raw);
    if (!parsed.success) {
      post({ type: 'error', error: 'refused: bad import message' });
      return port.disconnect();
    }
    const msg = parsed.output;
    if (msg.type === 'cancel') return abort.abort();
    // One file per port: begin, chunks, end — anything after that is ignored.
    if (finished) return;
    if (msg.type === 'begin') {
      if (started) return port.disconnect();
      started = true;
      expected = msg.chars;
      if (expected > LIMITS.fileBytes) {
        post({ type: 'error', error: `The file is larger than ${LIMITS.fileBytes / 1024 / 1024} MB; nothing was changed.` });
        return port.disconnect();
      }
      session = service.beginImport(expected, { signal: abort.signal, onProgress: post });
      return;
    }
    if (!started) return;
    if (msg.type === 'chunk') {
      received += msg.data.length;
      if (received > LIMITS.fileBytes) {
        post({ type: 'error', error: 'The file is too large; nothing was changed.' });
        void session?.then((s) => s.discard());
        return port.disconnect();
      }
      const current = await session;
      // The 'writing' progress the session posts once a slice is staged is the page's cue to send
      // the next one, so at most two slices are ever in the worker. A failure ends it at once.
      if (!current || !(await current.write(msg.data))) return;
    }
    if (finished) return;
    finished = true;
    const current = await session;
    if (!current) return;
    const r = await current.end();
    if (r.ok) post({ type: 'done', pack: summaryOf(r.value.record), replaced: r.value.replaced });
    else post({ type: 'error', error: r.error });
  });
}
