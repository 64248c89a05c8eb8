/**
 * "From a link": the reader pastes a publisher's pack address; Backstory reads the signed index
 * and shows what would be installed (title, publisher, size, update schedule, key fingerprint).
 * Nothing is installed until the reader confirms; the confirmed key is pinned.
 */
import { useEffect, useState } from 'preact/hooks';
import { clip, isolateBidi, safeHttpUrl } from '../core/safe-text';
import { keyFingerprint } from '../core/sync-index';
import browser from '../shared/browser';
import { send } from '../shared/messaging';
import type { SubscriptionPreview, SubscriptionView } from '../shared/subscription-view';
import { fmtDate, fmtSize } from './dates';
import { ErrorNotice } from './ErrorNotice';
import { t } from './i18n';
import { type PlainError, subscribeError } from './plain-error';

const txt = (s: string | undefined, max = 200) => (s ? isolateBidi(clip(s, max)) : '');
const siteOf = (raw: string) => {
  try {
    return new URL(raw).host || raw;
  } catch {
    return clip(raw, 80);
  }
};

/** `onSubscribed` may return a promise: the "Subscribed" note waits for it (the page shows the new pack first). */
export function SubscribeFlow({ onSubscribed, idPrefix = 'sub' }: { onSubscribed: (subs: SubscriptionView[]) => void | Promise<void>; idPrefix?: string }) {
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState<null | 'preview' | 'subscribe'>(null);
  const [preview, setPreview] = useState<SubscriptionPreview | null>(null);
  const [error, setError] = useState<PlainError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const check = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setDone(null);
    setPreview(null);
    const raw = url.trim();
    const href = safeHttpUrl(raw);
    if (!href) return setError({ summary: t('errLinkNotWeb'), details: raw });
    // Host access must be asked for inside the click (a user gesture), so before any message.
    if (!(await mayFetchFrom(href))) return setError({ summary: t('errNoPermission', siteOf(href)), details: href });
    setBusy('preview');
    const r = await send('previewSubscription', { url: href });
    setBusy(null);
    if (r.ok) setPreview(r.value);
    else setError(subscribeError(siteOf(href), r.error));
  };

  const confirm = async () => {
    if (!preview) return;
    setBusy('subscribe');
    const r = await send('subscribe', { url: preview.url });
    if (!r.ok) {
      setBusy(null);
      setError(subscribeError(preview.site, r.error));
      setPreview(null);
      return;
    }
    await onSubscribed(r.value);
    setBusy(null);
    setDone(t('subscribeDone', txt(preview.title ?? preview.packId), preview.site));
    setPreview(null);
    setUrl('');
  };

  return (
    <div class="subscribe-flow">
      <form class="subscribe-form" onSubmit={check} noValidate>
        <div class="field grow">
          <label for={`${idPrefix}-url`}>{t('subscribeUrlLabel')}</label>
          <input
            id={`${idPrefix}-url`}
            type="url"
            inputMode="url"
            autoComplete="off"
            spellcheck={false}
            placeholder={t('subscribeUrlPlaceholder')}
            value={url}
            maxLength={2048}
            onInput={(e) => setUrl((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <button type="submit" class="button primary" disabled={busy !== null}>
          {busy === 'preview' ? t('subscribeChecking') : t('subscribeCheck')}
        </button>
      </form>
      {error && <ErrorNotice error={error} />}
      <div role="status" class="sub-status">
        {done && <p class="note success">{done}</p>}
      </div>
      {preview && (
        <section class="sub-confirm" aria-labelledby={`${idPrefix}-confirm-title`}>
          <h4 id={`${idPrefix}-confirm-title`}>{t('subscribeConfirmTitle')}</h4>
          <dl class="facts">
            <div>
              <dt>{t('subscribeFieldTitle')}</dt>
              <dd dir="auto">{txt(preview.title ?? preview.packId)}</dd>
            </div>
            <div>
              <dt>{t('subscribeFieldPublisher')}</dt>
              <dd dir="auto">{preview.site}</dd>
            </div>
            <div>
              <dt>{t('subscribeFieldSize')}</dt>
              <dd>{t('subscribeSizeVersion', fmtSize(preview.bytes), String(preview.version), fmtDate(preview.published))}</dd>
            </div>
            <div>
              <dt>{t('subscribeFieldSchedule')}</dt>
              <dd>{t('subscribeSchedule', String(preview.syncHours))}</dd>
            </div>
            <div class="wide">
              <dt>{t('subscribeFieldKey')}</dt>
              <dd class="mono fingerprint">{preview.fingerprint}</dd>
            </div>
          </dl>
          <p class="hint">{t('subscribeKeyHint')}</p>
          <div class="confirm-buttons">
            <button type="button" class="button primary" onClick={() => void confirm()} disabled={busy !== null}>
              {busy === 'subscribe' ? t('subscribeInstalling') : t('subscribeConfirm')}
            </button>
            <button type="button" class="button" onClick={() => setPreview(null)} disabled={busy !== null}>
              {t('subscribeCancel')}
            </button>
          </div>
        </section>
      )}
    </div>
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

/** A publisher key shown as its readable fingerprint (the same groups the confirmation showed). */
export function Fingerprint({ keyId }: { keyId: string }) {
  const [fp, setFp] = useState('');
  useEffect(() => {
    void keyFingerprint(keyId).then(setFp, () => setFp(''));
  }, [keyId]);
  return <>{fp}</>;
}
