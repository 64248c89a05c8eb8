/**
 * The pack gallery: the built-in pack (switch it off or on), the world pack shipped in the
 * extension (one click, never installed until asked), a publisher's site ("From a link", with a
 * confirmation first) and a file ("From a file").
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { clip, isolateBidi } from '../core/safe-text';
import { type ImportEvent, type ImportSession, startImport } from '../options/import-session';
import { PackImport } from '../options/PackImport';
import type { PackSummary } from '../shared/card-data';
import { send } from '../shared/messaging';
import { fmtInt } from '../ui/dates';
import { ErrorNotice } from '../ui/ErrorNotice';
import { t } from '../ui/i18n';
import { importError, type PlainError } from '../ui/plain-error';
import { SubscribeFlow } from '../ui/SubscribeFlow';
import { worldPackFile, worldPackShipped } from './world-pack';

const txt = (s: string | undefined, max = 200) => (s ? isolateBidi(clip(s, max)) : '');

export function PackGallery() {
  const [packs, setPacks] = useState<PackSummary[] | null>(null);
  const refresh = async () => {
    const r = await send('listPacks', {});
    if (r.ok) setPacks(r.value);
  };
  useEffect(() => {
    void refresh();
  }, []);
  const builtIn = packs?.find((p) => p.bundled);

  return (
    <div class="gallery">
      <article class="gallery-item" aria-labelledby="g-builtin">
        <h3 id="g-builtin">{t('galleryBuiltInTitle')}</h3>
        {builtIn ? (
          <>
            <p class="gallery-pack" dir="auto">
              <strong>{txt(builtIn.title)}</strong>
              {builtIn.description && ` — ${txt(builtIn.description, 300)}`}
            </p>
            <p class="hint">{t('galleryCounts', fmtInt(builtIn.counts.entities), fmtInt(builtIn.counts.statements), fmtInt(builtIn.counts.events))}</p>
            <label class="switch">
              <input
                type="checkbox"
                checked={builtIn.enabled}
                onChange={async (e) => {
                  const r = await send('setPackEnabled', { id: builtIn.id, enabled: (e.currentTarget as HTMLInputElement).checked });
                  if (r.ok) setPacks(r.value);
                }}
              />
              <span class="switch-label">{t('galleryBuiltInOn')}</span>
            </label>
          </>
        ) : (
          <p class="hint">{t('galleryLoading')}</p>
        )}
      </article>
      <WorldPack onInstalled={refresh} />
      <article class="gallery-item" aria-labelledby="g-link">
        <h3 id="g-link">{t('galleryLinkTitle')}</h3>
        <p class="hint">{t('galleryLinkHint')}</p>
        <SubscribeFlow idPrefix="welcome-sub" onSubscribed={refresh} />
      </article>
      <article class="gallery-item" aria-labelledby="g-file">
        <h3 id="g-file">{t('galleryFileTitle')}</h3>
        <p class="hint">{t('galleryFileHint')}</p>
        <PackImport onImported={() => void refresh()} />
      </article>
    </div>
  );
}

type WorldState =
  | { kind: 'absent' }
  | { kind: 'ready' }
  | { kind: 'running'; done: number; total: number; phase: string }
  | { kind: 'done'; title: string }
  | { kind: 'error'; error: PlainError };

function WorldPack({ onInstalled }: { onInstalled: () => void }) {
  const [state, setState] = useState<WorldState>({ kind: 'absent' });
  const session = useRef<ImportSession | null>(null);
  useEffect(() => {
    void worldPackShipped().then((yes) => setState(yes ? { kind: 'ready' } : { kind: 'absent' }));
    return () => session.current?.cancel();
  }, []);
  if (state.kind === 'absent') return null;

  const install = async () => {
    setState({ kind: 'running', done: 0, total: 0, phase: 'reading' });
    let file: File;
    try {
      file = await worldPackFile();
    } catch (e) {
      setState({ kind: 'error', error: importError('world.json.gz', e instanceof Error ? e.message : String(e)) });
      return;
    }
    session.current = startImport(file, (e: ImportEvent) => {
      if (e.type === 'progress') setState({ kind: 'running', done: e.done, total: e.total, phase: e.phase });
      else if (e.type === 'done') {
        session.current = null;
        setState({ kind: 'done', title: e.pack.title });
        onInstalled();
      } else {
        session.current = null;
        const raw = e.type === 'error' ? e.error : e.type === 'cancelled' ? e.message : t('errInterrupted');
        setState({ kind: 'error', error: importError('world.json.gz', raw) });
      }
    });
  };

  return (
    <article class="gallery-item featured" aria-labelledby="g-world">
      <h3 id="g-world">{t('galleryWorldTitle')}</h3>
      <p class="hint">{t('galleryWorldHint')}</p>
      {(state.kind === 'ready' || state.kind === 'error') && (
        <button type="button" class="button primary" onClick={() => void install()}>
          {t('galleryWorldInstall')}
        </button>
      )}
      {state.kind === 'running' && (
        <div class="progress-box">
          {state.total > 0 && (state.phase === 'writing' || state.phase === 'reading' || state.phase === 'receiving') ? (
            <progress id="world-progress" max={state.total} value={Math.min(state.done, state.total)} aria-label={t('galleryWorldInstalling')} />
          ) : (
            <progress id="world-progress" aria-label={t('galleryWorldInstalling')} />
          )}
          <p class="hint" role="status">
            {t('galleryWorldInstalling')}
          </p>
        </div>
      )}
      {state.kind === 'done' && (
        <p class="note success" role="status">
          {t('galleryWorldDone', txt(state.title))}
        </p>
      )}
      {state.kind === 'error' && <ErrorNotice error={state.error} />}
    </article>
  );
}
