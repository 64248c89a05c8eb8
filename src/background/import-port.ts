import * as v from 'valibot';
import { LIMITS } from '../core/pack-format';
import type { Runtime } from '../shared/browser';
import { ImportPortMessage, type ImportProgress } from '../shared/messages';
import { type PackService, summaryOf } from './pack-service';

/** Receive one pack file over a port in text chunks, import it, report progress and the outcome. */
export function acceptImportPort(port: Runtime.Port, service: PackService): void {
  const chunks: string[] = [];
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
  port.onDisconnect.addListener(() => abort.abort());
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
      return;
    }
    if (!started) return;
    if (msg.type === 'chunk') {
      received += msg.data.length;
      if (received > LIMITS.fileBytes) {
        post({ type: 'error', error: 'The file is too large; nothing was changed.' });
        return port.disconnect();
      }
      chunks.push(msg.data);
      post({ type: 'progress', phase: 'receiving', done: received, total: expected });
      return;
    }
    finished = true;
    const text = chunks.join('');
    chunks.length = 0;
    const r = await service.import(text, { signal: abort.signal, onProgress: post });
    if (r.ok) post({ type: 'done', pack: summaryOf(r.value.record), replaced: r.value.replaced });
    else post({ type: 'error', error: r.error });
  });
}
