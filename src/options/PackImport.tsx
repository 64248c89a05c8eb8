/**
 * "Import a pack file": a file picker plus drop-anywhere. The import starts as soon as a file is
 * chosen; progress, the outcome and any error (as plain text) are shown here.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PackSummary } from '../shared/card-data';
import { ErrorNotice } from '../ui/ErrorNotice';
import { t } from '../ui/i18n';
import { UploadIcon } from '../ui/icons';
import { importError } from '../ui/plain-error';
import { fmtInt, fmtMB, untrusted } from './format';
import { type ImportEvent, type ImportPhase, type ImportSession, interruptedMessage, startImport } from './import-session';

type State =
  | { kind: 'idle' }
  | { kind: 'running'; file: string; phase: ImportPhase; done: number; total: number; entities?: number; cancelling: boolean }
  | { kind: 'done'; pack: PackSummary; replaced?: number }
  | { kind: 'error'; message: string; file: string }
  | { kind: 'cancelled'; message: string };

const PHASES: ImportPhase[] = ['reading', 'receiving', 'parsing', 'validating', 'writing', 'compiling'];

function phaseText(s: Extract<State, { kind: 'running' }>): string {
  switch (s.phase) {
    case 'reading':
      return s.total > 0 ? t('importReadingOf', fmtMB(s.done), fmtMB(s.total)) : t('importReading');
    case 'receiving':
      return t('importReceiving', percent(s.done, s.total));
    case 'parsing':
      return t('importParsing');
    case 'validating':
      return t('importValidating');
    case 'writing':
      // The pack is saved while it arrives, so the total is not known yet: count, and share of the file.
      return t('importSaving', fmtInt(s.entities ?? 0), percent(s.done, s.total));
    case 'compiling':
      return t('importCompiling');
  }
}

const percent = (done: number, total: number) => (total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0);

/** Phases that report real counts get a determinate bar; the others are indeterminate. */
const determinate = (p: ImportPhase) => p === 'reading' || p === 'receiving' || p === 'writing';

export function successText(pack: PackSummary, replaced?: number): string {
  const title = untrusted(pack.title, 200);
  return replaced === undefined ? t('importInstalled', title, pack.version) : t('importUpdated', title, replaced, pack.version);
}

export function PackImport({ onImported }: { onImported: (pack: PackSummary) => void }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);
  const session = useRef<ImportSession | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const onImportedRef = useRef(onImported);
  onImportedRef.current = onImported;

  const running = state.kind === 'running';
  const runningRef = useRef(running);
  runningRef.current = running;

  const begin = (file: File) => {
    if (session.current) return;
    setState({ kind: 'running', file: file.name, phase: 'reading', done: 0, total: file.size, cancelling: false });
    session.current = startImport(file, (e: ImportEvent) => {
      switch (e.type) {
        case 'progress':
          setState((s) => (s.kind === 'running' ? { ...s, phase: e.phase, done: e.done, total: e.total, entities: e.entities } : s));
          return;
        case 'done':
          session.current = null;
          setState({ kind: 'done', pack: e.pack, replaced: e.replaced });
          onImportedRef.current(e.pack);
          return;
        case 'error':
          session.current = null;
          setState({ kind: 'error', message: e.error, file: file.name });
          return;
        case 'cancelled':
          session.current = null;
          setState({ kind: 'cancelled', message: e.message });
          return;
        case 'interrupted':
          session.current = null;
          setState({ kind: 'error', message: interruptedMessage(), file: file.name });
          return;
      }
    });
  };
  const beginRef = useRef(begin);
  beginRef.current = begin;

  // Drop a file anywhere on the page.
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = runningRef.current ? 'none' : 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const file = e.dataTransfer?.files?.[0];
      if (file && !runningRef.current) beginRef.current(file);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);

  // Leaving the page mid-import drops the port; the worker then discards the partial import.
  useEffect(() => () => session.current?.cancel(), []);

  const onPick = (e: Event) => {
    const el = e.currentTarget as HTMLInputElement;
    const file = el.files?.[0];
    el.value = ''; // Choosing the same file again should import again.
    if (file) begin(file);
  };

  const cancel = () => {
    if (!session.current || state.kind !== 'running' || state.cancelling) return;
    setState({ ...state, cancelling: true });
    session.current.cancel();
  };

  useEffect(() => {
    if (running) cancelButton.current?.focus({ preventScroll: true });
  }, [running]);

  const phaseIndex = state.kind === 'running' ? PHASES.indexOf(state.phase) + 1 : 0;

  return (
    <div class="import">
      <div class={`dropzone${running ? ' busy' : ''}`}>
        <UploadIcon class="dz-icon" />
        <div class="dz-text">
          <input
            ref={input}
            id="pack-file"
            class="visually-hidden"
            type="file"
            accept=".json,.gz,application/json,application/gzip"
            disabled={running}
            onChange={onPick}
          />
          <label class={`button primary${running ? ' disabled' : ''}`} for="pack-file">
            {t('importButton')}
          </label>
          <p class="hint">{t('importDropHint')}</p>
        </div>
      </div>

      <div role="status" class="import-status" aria-live="polite">
        {state.kind === 'running' && <span class="visually-hidden">{t('importImporting', untrusted(state.file, 120))}</span>}
        {state.kind === 'done' && (
          <p class="note success">
            <CheckIcon />
            <span dir="auto">{successText(state.pack, state.replaced)}</span>
          </p>
        )}
        {state.kind === 'cancelled' && (
          <p class="note neutral">
            <span dir="auto">{state.message}</span>
          </p>
        )}
      </div>

      {state.kind === 'running' && (
        <div class="progress-box">
          <div class="progress-line">
            <span class="progress-file" dir="auto" title={untrusted(state.file)}>
              {untrusted(state.file, 80)}
            </span>
            <span class="progress-step">{t('importStep', phaseIndex, PHASES.length)}</span>
          </div>
          {determinate(state.phase) ? (
            <progress id="import-progress" max={Math.max(1, state.total)} value={Math.min(state.done, state.total)} aria-describedby="import-phase" />
          ) : (
            <progress id="import-progress" aria-describedby="import-phase" />
          )}
          <div class="progress-line">
            <span id="import-phase" class="progress-phase">
              {state.cancelling ? t('importCancelling') : `${phaseText(state)}…`}
            </span>
            <button ref={cancelButton} type="button" class="button small" onClick={cancel} disabled={state.cancelling}>
              {t('subscribeCancel')}
            </button>
          </div>
        </div>
      )}

      {state.kind === 'error' && <ErrorNotice id="import-error" error={importError(untrusted(state.file, 120), state.message)} />}

      {dragging && (
        <div class="drop-overlay" aria-hidden="true">
          <div class="drop-card">{running ? t('importWait') : t('importDrop')}</div>
        </div>
      )}
    </div>
  );
}

export function CheckIcon() {
  return (
    <svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d="M3.5 8.5l3 3 6-7" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}
