/** The options page: packs (import + installed list), subscriptions and settings. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { PackSummary } from '../shared/card-data';
import { send } from '../shared/messaging';
import { PackImport } from './PackImport';
import { PackList } from './PackList';
import { SettingsPanel } from './SettingsPanel';
import { Subscriptions } from './Subscriptions';

export function App() {
  const [packs, setPacks] = useState<PackSummary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [highlight, setHighlight] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const r = await send('listPacks', {});
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
          <h1>Backstory</h1>
          <p class="tagline">Options · Knowledge packs, subscriptions and how cards appear</p>
        </div>
      </header>

      <main>
        <section class="panel" aria-labelledby="packs-heading">
          <div class="panel-head">
            <h2 id="packs-heading">Knowledge packs</h2>
            <p class="panel-lede">Cards are built only from packs installed in this browser. Nothing you read is sent anywhere.</p>
          </div>
          <PackImport onImported={onImported} />
          <PackList packs={packs} loadError={loadError} onPacks={setPacks} highlight={highlight} onRetry={refresh} />
        </section>

        <Subscriptions onPacksChanged={refresh} packs={packs} />

        <SettingsPanel />
      </main>

      <footer class="foot">
        <p>Backstory works offline. Packs and settings stay in this browser profile.</p>
      </footer>
    </div>
  );
}
