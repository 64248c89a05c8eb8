/**
 * One pack import, from the user's file to the worker's verdict: read (and gunzip) the file,
 * stream it over the import port in text chunks, relay progress, and report exactly one outcome.
 * UI-free so the component stays small.
 */
import browser, { type Runtime } from '../shared/browser';
import type { PackSummary } from '../shared/card-data';
import { type ImportPortMessage, type ImportProgress, PORTS } from '../shared/messages';
import { t } from '../ui/i18n';
import { readPackFile } from './read-pack-file';

/**
 * Characters per chunk message (the port accepts up to 8 MB strings). Small enough that a slice
 * dies young in the worker: 4 MB slices were promoted and raised the import's peak heap.
 */
export const CHUNK_CHARS = 1024 * 1024;

export type ImportPhase = 'reading' | Extract<ImportProgress, { type: 'progress' }>['phase'];

export type ImportEvent =
  | { type: 'progress'; phase: ImportPhase; done: number; total: number; entities?: number }
  | { type: 'done'; pack: PackSummary; replaced?: number }
  | { type: 'error'; error: string }
  | { type: 'cancelled'; message: string }
  | { type: 'interrupted' };

export interface ImportSession {
  /** Ask to stop. The outcome still arrives through `onEvent` (the worker may already be past the point of no return). */
  cancel(): void;
}

/** Read when shown (not at load), so the reader's language applies. */
const CANCELLED = () => t('importCancelled');
export const interruptedMessage = () => t('importInterrupted');

/** Text split into chunks of at most `size` characters, never between the halves of a surrogate pair. */
export function* chunksOf(text: string, size = CHUNK_CHARS): Generator<string> {
  let i = 0;
  while (i < text.length) {
    let end = Math.min(text.length, i + size);
    if (end < text.length) {
      const c = text.charCodeAt(end - 1);
      if (c >= 0xd800 && c <= 0xdbff && end - 1 > i) end -= 1;
    }
    yield text.slice(i, end);
    i = end;
  }
}

const nextTask = () => new Promise<void>((r) => setTimeout(r, 0));

export function startImport(file: File, onEvent: (e: ImportEvent) => void): ImportSession {
  let finished = false;
  let cancelRequested = false;
  let port: Runtime.Port | null = null;
  let sending = false;
  /** Characters the worker reports as staged, and the wake-up for the send loop waiting on it. */
  let staged = 0;
  let wake: () => void = () => {};
  const reading = new AbortController();

  const finish = (e: ImportEvent) => {
    if (finished) return;
    finished = true;
    wake();
    onEvent(e);
    try {
      port?.disconnect();
    } catch {
      // Already gone.
    }
  };
  const post = (m: ImportPortMessage): boolean => {
    try {
      port?.postMessage(m);
      return true;
    } catch {
      finish(cancelRequested ? { type: 'cancelled', message: CANCELLED() } : { type: 'interrupted' });
      return false;
    }
  };

  (async () => {
    onEvent({ type: 'progress', phase: 'reading', done: 0, total: file.size });
    let text: string;
    try {
      text = await readPackFile(file, {
        signal: reading.signal,
        onProgress: (done, total) => {
          if (!finished) onEvent({ type: 'progress', phase: 'reading', done, total });
        },
      });
    } catch (e) {
      if (cancelRequested) return finish({ type: 'cancelled', message: CANCELLED() });
      return finish({ type: 'error', error: e instanceof Error ? e.message : String(e) });
    }
    if (cancelRequested || finished) return finish({ type: 'cancelled', message: CANCELLED() });

    try {
      port = browser.runtime.connect({ name: PORTS.import.name });
    } catch (e) {
      return finish({ type: 'error', error: `Backstory's background worker is unreachable: ${e instanceof Error ? e.message : String(e)}` });
    }
    port.onMessage.addListener((raw: unknown) => {
      const m = raw as ImportProgress;
      if (!m || typeof m !== 'object') return;
      if (m.type === 'progress' && m.phase === 'writing' && typeof m.done === 'number') {
        staged = Math.max(staged, m.done);
        wake();
      }
      if (m.type === 'progress') {
        if (!finished && typeof m.done === 'number' && typeof m.total === 'number')
          onEvent({ type: 'progress', phase: m.phase, done: m.done, total: m.total, entities: typeof m.entities === 'number' ? m.entities : undefined });
      } else if (m.type === 'done') {
        finish({ type: 'done', pack: m.pack, replaced: m.replaced });
      } else if (m.type === 'error') {
        const error = typeof m.error === 'string' ? m.error : 'The import failed.';
        finish(cancelRequested ? { type: 'cancelled', message: error } : { type: 'error', error });
      }
    });
    port.onDisconnect.addListener(() => {
      port = null;
      finish(cancelRequested ? { type: 'cancelled', message: CANCELLED() } : { type: 'interrupted' });
    });

    sending = true;
    if (!post({ type: 'begin', name: file.name.slice(0, 500), chars: text.length })) return;
    let sent = 0;
    let previous = 0;
    for (const data of chunksOf(text)) {
      // Flow control: the worker stages each slice before it gets the one after next, so it
      // never holds more than two slices of the file.
      while (!finished && !cancelRequested && staged < previous) await new Promise<void>((r) => (wake = r));
      if (finished) return;
      if (cancelRequested) {
        // The worker has not started importing; dropping the port discards what it received.
        return finish({ type: 'cancelled', message: CANCELLED() });
      }
      if (!post({ type: 'chunk', data })) return;
      previous = sent;
      sent += data.length;
      await nextTask();
    }
    if (finished) return;
    if (cancelRequested) return finish({ type: 'cancelled', message: CANCELLED() });
    sending = false;
    post({ type: 'end' });
  })();

  return {
    cancel() {
      if (finished || cancelRequested) return;
      cancelRequested = true;
      wake();
      if (!port) {
        reading.abort();
        return;
      }
      if (sending) return; // The send loop notices and drops the port.
      post({ type: 'cancel' });
    },
  };
}
