/** The options page: packs (import + installed list), subscriptions and settings. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import browser from '../shared/browser';
import type { PackSummary, WorkerProblem } from '../shared/card-data';
import { send } from '../shared/messaging';
import { ErrorNotice } from '../ui/ErrorNotice';
import { t } from '../ui/i18n';
import { privacyUrl } from '../ui/links';
import { workerProblem } from '../ui/plain-error';
import { PackImport } from './PackImport';
import { PackList } from './PackList';
import { SettingsPanel } from './SettingsPanel';
import { Subscriptions } from './Subscriptions';

const galleryUrl = () => browser.runtime.getURL('src/welcome/index.html#packs');

export function App() {
  const [packs, setPacks] = useState<PackSummary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [highlight, setHighlight] = useState<string | null>(null);
  const [problem, setProblem] = useState<WorkerProblem | null>(null);

  /** Read the packs again (and the worker's problem, if any); resolves once both are shown. */
  const refresh = useCallback(async () => {
    // A failed built-in pack install or an unopened database is said here, in plain words. Asked
    // together with the packs, so the notice and the list arrive in one render.
    const [status, r] = await Promise.all([send('workerStatus', {}), send('listPacks', {})]);
    setProblem(status.ok ? status.value.problem : null);
    if (r.ok) {
      setPacks(r.value);
      setLoadError(null);
    } else {
      setLoadError(r.error);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const onImported = useCallback(
    (pack: PackSummary) => {
      setHighlight(pack.id);
      setTimeout(() => setHighlight((h) => (h === pack.id ? null : h)), 3000);
      void refresh();
    },
    [refresh],
  );

  return (
    <div class="page">
      <header class="masthead">
        <img class="logo" src="/icons/icon-48.png" alt="" width="36" height="36" />
        <div>
          <h1>{t('extName')}</h1>
          <p class="tagline">{t('optionsTagline')}</p>
        </div>
      </header>

      <main>
        <section class="panel" aria-labelledby="packs-heading">
          <div class="panel-head">
            <h2 id="packs-heading">{t('welcomePacksTitle')}</h2>
            <p class="panel-lede">
              {t('optionsPacksLede')}{' '}
              <a href={galleryUrl()} target="_blank" rel="noopener">
                {t('optionsGalleryLink')}
              </a>
            </p>
          </div>
          {problem && <ErrorNotice error={workerProblem(problem)} id="worker-problem" />}
          <PackImport onImported={onImported} />
          <PackList packs={packs} loadError={loadError} onPacks={setPacks} highlight={highlight} onRetry={refresh} />
        </section>

        {/* The sections below the pack list wait for its first answer (its packs or its error): shown
            first, they would be pushed down under the reader's pointer when the packs arrive. */}
        {(packs !== null || loadError !== null) && (
          <>
            <Subscriptions onPacksChanged={refresh} packs={packs} />
            <SettingsPanel />
          </>
        )}
      </main>

      <footer class="foot">
        <p>
          {t('optionsFooter')}{' '}
          <a href={privacyUrl()} target="_blank" rel="noopener noreferrer">
            {t('linkPrivacy')}
          </a>
        </p>
      </footer>
    </div>
  );
}
