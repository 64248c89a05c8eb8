/** "Installed packs": one card per pack with its facts and controls (enable, export, remove). */
import { useEffect, useRef, useState } from 'preact/hooks';
import { safeHttpUrl } from '../core/safe-text';
import type { PackSummary } from '../shared/card-data';
import { send } from '../shared/messaging';
import { fmtDate } from '../ui/dates';
import { t } from '../ui/i18n';
import { fmtDateTime, plural, untrusted } from './format';

interface Props {
  packs: PackSummary[] | null;
  loadError: string | null;
  onPacks: (packs: PackSummary[]) => void;
  /** Id of a pack just imported, briefly highlighted. */
  highlight: string | null;
  onRetry: () => void;
}

export function PackList({ packs, loadError, onPacks, highlight, onRetry }: Props) {
  return (
    <div class="packs">
      <div class="list-head">
        <h3 id="installed-heading">{t('packsInstalled')}</h3>
        {packs && packs.length > 0 && <span class="count-pill">{t('packsOnCount', packs.filter((p) => p.enabled).length, packs.length)}</span>}
      </div>
      {loadError && (
        <div role="alert" class="note error">
          <p class="pre" dir="auto">
            {untrusted(loadError, 4000)}
          </p>
          <button type="button" class="button small" onClick={onRetry}>
            {t('packsRetry')}
          </button>
        </div>
      )}
      {!packs && !loadError && <p class="muted loading">{t('packsLoading')}</p>}
      {packs && packs.length === 0 && <p class="empty">{t('packsNone')}</p>}
      {packs && packs.length > 0 && (
        <ul class="pack-list" aria-labelledby="installed-heading">
          {packs.map((p) => (
            <PackRow key={p.id} pack={p} onPacks={onPacks} fresh={p.id === highlight} />
          ))}
        </ul>
      )}
    </div>
  );
}

function PackRow({ pack, onPacks, fresh }: { pack: PackSummary; onPacks: (p: PackSummary[]) => void; fresh: boolean }) {
  const [busy, setBusy] = useState<null | 'toggle' | 'export' | 'remove'>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** The switch's new position while the worker confirms it (so it does not flick back). */
  const [pendingEnabled, setPendingEnabled] = useState<boolean | null>(null);
  const keepButton = useRef<HTMLButtonElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  const base = `pack-${pack.id}`;
  const titleId = `${base}-title`;
  const title = untrusted(pack.title, 200);
  const publisherUrl = safeHttpUrl(pack.publisher?.url);
  const subUrl = pack.subscription?.url;
  const subHref = safeHttpUrl(subUrl);

  useEffect(() => {
    if (confirming) keepButton.current?.focus();
    else if (wasConfirming.current) removeButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const toggle = async (enabled: boolean) => {
    setBusy('toggle');
    setPendingEnabled(enabled);
    setError(null);
    const r = await send('setPackEnabled', { id: pack.id, enabled });
    setBusy(null);
    setPendingEnabled(null);
    if (r.ok) onPacks(r.value);
    else setError(r.error);
  };

  const exportPack = async () => {
    setBusy('export');
    setError(null);
    const r = await send('exportPack', { id: pack.id });
    setBusy(null);
    if (!r.ok) return setError(r.error);
    download(r.value.filename, r.value.json);
  };

  const remove = async () => {
    setBusy('remove');
    setError(null);
    const r = await send('removePack', { id: pack.id });
    setBusy(null);
    if (r.ok) onPacks(r.value);
    else {
      setConfirming(false);
      setError(r.error);
    }
  };

  return (
    <li class={`pack${pack.enabled ? '' : ' off'}${fresh ? ' fresh' : ''}`} aria-labelledby={titleId}>
      <div class="pack-body">
        <div class="pack-title-row">
          <h4 id={titleId} class="pack-title" dir="auto">
            {title}
          </h4>
          <span class="version">v{pack.version}</span>
          {pack.bundled && <span class="badge">{t('packBuiltIn')}</span>}
          {subUrl && <span class="badge sub">{t('packSubscribed')}</span>}
          {!pack.enabled && <span class="badge muted-badge">{t('packOff')}</span>}
        </div>
        {pack.description && (
          <p class="pack-desc" dir="auto">
            {untrusted(pack.description, 400)}
          </p>
        )}
        <p class="counts">
          <span>{plural(pack.counts.entities, t('packEntityOne'), t('packEntityMany'))}</span>
          <span>{plural(pack.counts.statements, t('packStatementOne'), t('packStatementMany'))}</span>
          <span>{plural(pack.counts.events, t('packEventOne'), t('packEventMany'))}</span>
        </p>
        <dl class="facts">
          {pack.publisher?.name && (
            <div>
              <dt>{t('subscribeFieldPublisher')}</dt>
              <dd dir="auto">
                {publisherUrl ? (
                  <a href={publisherUrl} target="_blank" rel="noopener noreferrer">
                    {untrusted(pack.publisher.name, 200)}
                  </a>
                ) : (
                  untrusted(pack.publisher.name, 200)
                )}
              </dd>
            </div>
          )}
          {pack.published && (
            <div>
              <dt>{t('packPublished')}</dt>
              <dd>{fmtDate(untrusted(pack.published, 40))}</dd>
            </div>
          )}
          {pack.installed && (
            <div>
              <dt>{pack.bundled ? t('packInstalledAt') : t('packImportedAt')}</dt>
              <dd>{fmtDateTime(pack.installed) ?? untrusted(pack.installed, 40)}</dd>
            </div>
          )}
          {pack.license && (
            <div>
              <dt>{t('packLicense')}</dt>
              <dd dir="auto">{untrusted(pack.license, 120)}</dd>
            </div>
          )}
          {subUrl && (
            <div class="wide">
              <dt>{t('packUpdatesFrom')}</dt>
              <dd class="url">
                {subHref ? (
                  <a href={subHref} target="_blank" rel="noopener noreferrer">
                    {untrusted(subUrl, 300)}
                  </a>
                ) : (
                  untrusted(subUrl, 300)
                )}
              </dd>
            </div>
          )}
        </dl>
      </div>

      <div class="pack-controls">
        <label class="switch">
          <input
            type="checkbox"
            checked={pendingEnabled ?? pack.enabled}
            disabled={busy !== null}
            onChange={(e) => toggle((e.currentTarget as HTMLInputElement).checked)}
          />
          <span class="switch-label">{t('packEnabled')}</span>
        </label>
        {!confirming && (
          <div class="pack-buttons">
            <button type="button" class="button small" onClick={exportPack} disabled={busy !== null}>
              {busy === 'export' ? t('packExporting') : t('packExport')}
            </button>
            {!pack.bundled && (
              <button ref={removeButton} type="button" class="button small danger-outline" onClick={() => setConfirming(true)} disabled={busy !== null}>
                {t('packRemove')}
              </button>
            )}
          </div>
        )}
      </div>

      {confirming && (
        <div class="confirm">
          <p dir="auto">
            {t('packRemoveConfirm', title, plural(pack.counts.entities, t('packEntityOne'), t('packEntityMany')))}
            {subUrl && ` ${t('packRemoveSubPaused')}`}
          </p>
          <div class="confirm-buttons">
            <button type="button" class="button small danger" onClick={remove} disabled={busy !== null}>
              {busy === 'remove' ? t('packRemoving') : t('packRemoveConfirmButton')}
            </button>
            <button ref={keepButton} type="button" class="button small" onClick={() => setConfirming(false)} disabled={busy === 'remove'}>
              {t('packKeep')}
            </button>
          </div>
        </div>
      )}

      {error && (
        <div role="alert" class="note error row-error">
          <p class="pre" dir="auto">
            {untrusted(error, 4000)}
          </p>
        </div>
      )}
    </li>
  );
}

/** Save text as a file via a temporary object URL. */
export function download(filename: string, text: string): void {
  const safeName = filename.replace(/[^\w.-]+/g, '-').slice(0, 150) || 'backstory-pack.json';
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = safeName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
