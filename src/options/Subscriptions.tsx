/** Pack subscriptions: add a pack URL, see each subscription's sync state, sync or unsubscribe. */
import { useEffect, useState } from 'preact/hooks';
import type { Result } from '../core/result';
import { safeHttpUrl } from '../core/safe-text';
import browser from '../shared/browser';
import { send } from '../shared/messaging';
import type { SubscriptionPreview, SubscriptionView } from '../shared/subscription-view';
import { t } from '../ui/i18n';
import { untrusted } from './format';
import { Time } from './Time';

type Busy = null | 'subscribe' | 'sync-all' | { sync: string } | { unsubscribe: string };

/** The worker's refusals carry a plain sentence, a blank line, then the technical details. */
function splitError(error: string): { message: string; details?: string } {
  const at = error.indexOf('\n\n');
  return at < 0 ? { message: error } : { message: error.slice(0, at), details: error.slice(at + 2) };
}

/** One plain sentence, with the technical details folded away beneath it. */
function ErrorNote({ message, details, heading }: { message: string; details?: string; heading?: string }) {
  return (
    <div role="alert" class="note error">
      {heading && <strong>{heading}</strong>}
      <p class="pre" dir="auto">
        {untrusted(message, 1000)}
      </p>
      {details && (
        <details class="error-details">
          <summary>{t('syncDetails')}</summary>
          <p class="pre mono" dir="auto">
            {untrusted(details, 4000)}
          </p>
        </details>
      )}
    </div>
  );
}

/** `packs`: the installed packs as last listed; when they change (a pack removed, say), the list is read again. */
export function Subscriptions({ onPacksChanged, packs }: { onPacksChanged: () => void; packs?: unknown }) {
  const [subs, setSubs] = useState<SubscriptionView[] | null>(null);
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [status, setStatus] = useState('');
  /** An index fetched and verified, waiting for the reader to confirm its key's fingerprint. */
  const [pending, setPending] = useState<SubscriptionPreview | null>(null);

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
    setBusy(null);
    if (!r.ok) {
      setError(r.error);
      return false;
    }
    setSubs(r.value);
    if (done) setStatus(done(r.value));
    onPacksChanged();
    return true;
  };

  const subscribe = async (e: Event) => {
    e.preventDefault();
    const raw = url.trim();
    if (!raw) return setError('Enter the URL of a pack file (https://…).');
    const href = safeHttpUrl(raw);
    if (!href) return setError('The pack URL must start with https:// (or http://).');
    if (href.length > 2048) return setError('The pack URL is too long (at most 2048 characters).');
    // Host access must be asked for inside the click (a user gesture), so before any message.
    if (!(await mayFetchFrom(href))) return setError(`Backstory needs your permission to download from ${new URL(href).host}; nothing was subscribed.`);
    setPending(null);
    if (/[#&]key=/.test(new URL(href).hash)) return finish(href);
    // No key in the URL: show the key's fingerprint and pin nothing until the reader confirms it.
    setBusy('subscribe');
    setError(null);
    setStatus('');
    const preview = await send('previewSubscription', { url: href });
    setBusy(null);
    if (!preview.ok) return setError(preview.error);
    setPending(preview.value);
  };

  const finish = async (href: string, key?: string) => {
    const okd = await run(
      'subscribe',
      () => send('subscribe', { url: href, key }),
      () => 'Subscribed. The pack is installed and will be kept up to date.',
    );
    setPending(null);
    if (okd) setUrl('');
  };

  const isBusy = busy !== null;
  const list = subs ?? [];

  return (
    <section class="panel" aria-labelledby="subs-heading">
      <div class="panel-head">
        <h2 id="subs-heading">Subscriptions</h2>
        <p class="panel-lede">Subscribe to a pack published on the web and Backstory keeps it up to date on its own.</p>
      </div>

      <form class="subscribe-form" onSubmit={subscribe} noValidate>
        <div class="field grow">
          <label for="sub-url">Pack URL</label>
          <input
            id="sub-url"
            type="url"
            inputMode="url"
            autoComplete="off"
            spellcheck={false}
            placeholder="https://example.org/packs/news/index.json"
            value={url}
            maxLength={2048}
            onInput={(e) => setUrl((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <button type="submit" class="button primary" disabled={isBusy}>
          {busy === 'subscribe' && !pending ? t('syncChecking') : 'Subscribe'}
        </button>
      </form>

      {pending && (
        <section class="confirm key-confirm" aria-labelledby="key-confirm-heading">
          <h3 id="key-confirm-heading">{t('syncConfirmTitle')}</h3>
          <p dir="auto">{t('syncConfirmLede', untrusted(pending.site, 200), untrusted(pending.title ?? pending.packId, 200))}</p>
          <dl class="facts">
            <div>
              <dt>{t('syncConfirmFingerprint')}</dt>
              <dd class="mono fingerprint">{pending.fingerprint}</dd>
            </div>
          </dl>
          <div class="confirm-buttons">
            <button type="button" class="button small primary" disabled={isBusy} onClick={() => finish(pending.url, pending.keyId)}>
              {busy === 'subscribe' ? 'Subscribing…' : t('syncConfirmButton')}
            </button>
            <button type="button" class="button small" disabled={isBusy} onClick={() => setPending(null)}>
              {t('syncConfirmCancel')}
            </button>
          </div>
        </section>
      )}

      {error && <ErrorNote {...splitError(error)} />}
      <div role="status" class="sub-status">
        {status && <p class="note success">{status}</p>}
      </div>

      <div class="list-head">
        <h3 id="subs-list-heading">Your subscriptions</h3>
        {list.length > 0 && (
          <button
            type="button"
            class="button small"
            disabled={isBusy}
            onClick={() =>
              run(
                'sync-all',
                () => send('syncNow', {}),
                () => 'All subscriptions were checked.',
              )
            }
          >
            {busy === 'sync-all' ? 'Syncing all…' : 'Sync all now'}
          </button>
        )}
      </div>

      {subs === null && !error && <p class="muted loading">Loading subscriptions…</p>}
      {subs !== null && list.length === 0 && <p class="empty">No subscriptions yet.</p>}
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
                      {s.title ? untrusted(s.title, 200) : 'Pack not installed yet'}
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
                      <dt>Last successful sync</dt>
                      <dd>
                        <Time iso={s.lastSuccess} fallback="Never" />
                      </dd>
                    </div>
                    {s.lastAttempt && s.lastAttempt !== s.lastSuccess && (
                      <div>
                        <dt>Last attempt</dt>
                        <dd>
                          <Time iso={s.lastAttempt} />
                        </dd>
                      </div>
                    )}
                    <div>
                      <dt>Next sync</dt>
                      <dd>
                        <Time iso={s.nextSync} fallback="Not scheduled" />
                      </dd>
                    </div>
                    {s.fingerprint && (
                      <div>
                        <dt>{t('syncFingerprint')}</dt>
                        <dd class="mono fingerprint" title={s.keyId}>
                          {s.fingerprint}
                        </dd>
                      </div>
                    )}
                  </dl>
                  {s.paused && <p class="note">{t('syncPaused')}</p>}
                  {s.lastError && !s.paused && (
                    <ErrorNote heading="Last sync failed" message={s.error?.message ?? s.lastError} details={s.error ? s.error.details : undefined} />
                  )}
                </div>
                <div class="sub-buttons">
                  <button type="button" class="button small" disabled={isBusy} onClick={() => run({ sync: s.url }, () => send('syncNow', { url: s.url }))}>
                    {syncing ? 'Syncing…' : s.paused ? t('syncResume') : 'Sync now'}
                  </button>
                  <button
                    type="button"
                    class="button small danger-outline"
                    disabled={isBusy}
                    onClick={() => run({ unsubscribe: s.url }, () => send('unsubscribe', { url: s.url }))}
                  >
                    {leaving ? 'Unsubscribing…' : 'Unsubscribe'}
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

/** Ask for host access to the publisher (already held when the manifest grants it: no prompt then). */
async function mayFetchFrom(href: string): Promise<boolean> {
  const u = new URL(href);
  const origins = [`${u.protocol}//${u.hostname}/*`];
  try {
    // Chromium shows a prompt even for hosts already granted, so ask only when access is missing.
    if (await browser.permissions.contains({ origins })) return true;
    return await browser.permissions.request({ origins });
  } catch {
    // Not a host the manifest can grant (e.g. plain http elsewhere): the worker refuses it with a reason.
    return true;
  }
}
