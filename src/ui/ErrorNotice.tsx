/**
 * The one error component of Backstory's pages: a plain sentence first; the technical text behind
 * "Details", with a Copy button for reporting it.
 */
import { useState } from 'preact/hooks';
import { clip, isolateBidi } from '../core/safe-text';
import { t } from './i18n';
import type { PlainError } from './plain-error';

export function ErrorNotice({ error, id }: { error: PlainError; id?: string }) {
  const [copied, setCopied] = useState(false);
  const details = isolateBidi(clip(error.details, 20_000));
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(details);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div class="bs-error" role="alert" id={id}>
      <p class="bs-error-summary" dir="auto">
        {isolateBidi(error.summary)}
      </p>
      {details && (
        <details class="bs-error-details">
          <summary>{t('errDetails')}</summary>
          <pre dir="auto">{details}</pre>
          <button type="button" class="bs-error-copy" onClick={() => void copy()}>
            {copied ? t('errCopied') : t('errCopy')}
          </button>
        </details>
      )}
    </div>
  );
}
