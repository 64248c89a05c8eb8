/** Pack subscriptions: add a pack URL, see each subscription's sync state, sync or unsubscribe. */
import { useEffect, useState } from 'preact/hooks';
import type { Result } from '../core/result';
import { safeHttpUrl } from '../core/safe-text';
import { send } from '../shared/messaging';
import type { SubscriptionView } from '../shared/subscription-view';
import { ErrorNotice } from '../ui/ErrorNotice';
import { subscribeError, syncError } from '../ui/plain-error';
import { Fingerprint, SubscribeFlow } from '../ui/SubscribeFlow';
import { untrusted } from './format';

const siteOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

import { t } from '../ui/i18n';
import { Time } from './Time';

type Busy = null | 'subscribe' | 'sync-all' | { sync: string } | { unsubscribe: string };

/**
 * `packs`: the installed packs as last listed; when they change (a pack removed, say), the list is
 * read again. `onPacksChanged`: read the packs again; it resolves once the pack list above shows
 * them, and only then do this section's own changes show (a new row, a button enabled again), so
 * nothing moves under the reader's pointer after they appear.
 */
export function Subscriptions({ onPacksChanged, packs }: { onPacksChanged: () => Promise<void>; packs?: unknown }) {
  const [subs, setSubs] = useState<SubscriptionView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [status, setStatus] = useState('');

  useEffect(() => {
    void (async () => {
      const r = await send('listSubscriptions', {});
      if (r.ok) setSubs(r.value);
      else setError(r.error);
    })();
  }, [packs]);

  const run = async (what: Exclude<Busy, null>, call: () => Promise<Result<SubscriptionView[]>>, done?: (v: SubscriptionView[]) => string) => {
    setBusy(what);
    setError(null);
    setStatus('');
    const r = await call();
    if (r.ok) await onPacksChanged();
    setBusy(null);
    if (!r.ok) {
      setError(r.error);
      return false;
    }
    setSubs(r.value);
    if (done) setStatus(done(r.value));
    return true;
  };

  const isBusy = busy !== null;
  const list = subs ?? [];

  return (
    <section class="panel" aria-labelledby="subs-heading">
      <div class="panel-head">
        <h2 id="subs-heading">{t('subsTitle')}</h2>
        <p class="panel-lede">{t('subsLede')}</p>
      </div>

      <SubscribeFlow
        onSubscribed={async (v) => {
          await onPacksChanged();
          setSubs(v);
        }}
      />
      {error && <ErrorNotice error={subscribeError('', error)} />}
      <div role="status" class="sub-status">
        {status && <p class="note success">{status}</p>}
      </div>

      <div class="list-head">
        <h3 id="subs-list-heading">{t('subsYours')}</h3>
        {list.length > 0 && (
          <button
            type="button"
            class="button small"
            disabled={isBusy}
            onClick={() =>
              run(
                'sync-all',
                () => send('syncNow', {}),
                () => t('subsAllChecked'),
              )
            }
          >
            {busy === 'sync-all' ? t('subsSyncingAll') : t('subsSyncAll')}
          </button>
        )}
      </div>

      {subs === null && !error && <p class="muted loading">{t('subsLoading')}</p>}
      {subs !== null && list.length === 0 && <p class="empty">{t('subsNone')}</p>}
      {list.length > 0 && (
        <ul class="sub-list" aria-labelledby="subs-list-heading">
          {list.map((s, i) => {
            const href = safeHttpUrl(s.url);
            const titleId = `sub-${i}-title`;
            const syncing = (typeof busy === 'object' && busy && 'sync' in busy && busy.sync === s.url) || busy === 'sync-all';
            const leaving = typeof busy === 'object' && busy && 'unsubscribe' in busy && busy.unsubscribe === s.url;
            return (
              <li key={s.url} class="sub" aria-labelledby={titleId}>
                <div class="sub-body">
                  <div class="pack-title-row">
                    <h4 id={titleId} class="pack-title" dir="auto">
                      {s.title ? untrusted(s.title, 200) : t('subsNotInstalled')}
                    </h4>
                    {s.version !== undefined && <span class="version">v{s.version}</span>}
                  </div>
                  <p class="url">
                    {href ? (
                      <a href={href} target="_blank" rel="noopener noreferrer">
                        {untrusted(s.url, 300)}
                      </a>
                    ) : (
                      untrusted(s.url, 300)
                    )}
                  </p>
                  <dl class="facts">
                    <div>
                      <dt>{t('subsLastSuccess')}</dt>
                      <dd>
                        <Time iso={s.lastSuccess} fallback={t('subsNever')} />
                      </dd>
                    </div>
                    {s.lastAttempt && s.lastAttempt !== s.lastSuccess && (
                      <div>
                        <dt>{t('subsLastAttempt')}</dt>
                        <dd>
                          <Time iso={s.lastAttempt} />
                        </dd>
                      </div>
                    )}
                    <div>
                      <dt>{t('subsNextSync')}</dt>
                      <dd>
                        <Time iso={s.nextSync} fallback={t('subsNotScheduled')} />
                      </dd>
                    </div>
                    {s.keyId && (
                      <div>
                        <dt>{t('subscribeFieldKey')}</dt>
                        <dd class="mono fingerprint">
                          <Fingerprint keyId={s.keyId} />
                        </dd>
                      </div>
                    )}
                  </dl>
                  {s.paused && <p class="note">{t('syncPaused')}</p>}
                  {s.lastError && !s.paused && (
                    <ErrorNotice error={s.error ? { summary: s.error.message, details: s.error.details } : syncError(siteOf(s.url), s.lastError)} />
                  )}
                </div>
                <div class="sub-buttons">
                  <button type="button" class="button small" disabled={isBusy} onClick={() => run({ sync: s.url }, () => send('syncNow', { url: s.url }))}>
                    {syncing ? t('subscribeChecking') : s.paused ? t('syncResume') : t('subsSyncNow')}
                  </button>
                  <button
                    type="button"
                    class="button small danger-outline"
                    disabled={isBusy}
                    onClick={() => run({ unsubscribe: s.url }, () => send('unsubscribe', { url: s.url }))}
                  >
                    {leaving ? t('subsUnsubscribing') : t('subsUnsubscribe')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
