/**
 * One entity inside the popup: the full backstory, the same component as the side panel's,
 * rendered in a shadow root with its own stylesheet so that its element selectors (h2, h3,
 * blockquote…) and the popup's styles cannot affect each other.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { clip, isolateBidi } from '../core/safe-text';
import type { CardData } from '../shared/card-data';
import { send } from '../shared/messaging';
import { FullBackstory } from '../ui/FullBackstory';
import { t } from '../ui/i18n';
import { BackIcon } from '../ui/icons';
import { InShadow } from '../ui/ShadowCard';
import { shown } from '../ui/safe-text';

/** Popup-specific adjustments on top of the card's own stylesheet. */
const POPUP_CARD_CSS = `
:host { display: block; }
/* One way back: the popup's Back button (and Esc). */
`;

const HEADING_ID = 'popup-card-heading';

type State = { status: 'loading' } | { status: 'ready'; data: CardData } | { status: 'missing' } | { status: 'error'; error: string };

export interface EntityDetailProps {
  entity: string;
  /** Name from the list, shown while the card loads. */
  name: string;
  onClose: () => void;
}

export function EntityDetail({ entity, name, onClose }: EntityDetailProps) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const backRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    void send('card', { entity }).then((reply) => {
      if (!live) return;
      if (!reply.ok) setState({ status: 'error', error: reply.error });
      else if (!reply.value) setState({ status: 'missing' });
      else setState({ status: 'ready', data: reply.value });
    });
    return () => {
      live = false;
    };
  }, [entity]);

  useEffect(() => {
    backRef.current?.focus();
  }, []);

  return (
    <section class="detail" aria-label={t('popupDetailLabel', isolateBidi(clip(name, 120)))}>
      <div class="detail-bar">
        <button ref={backRef} type="button" class="back" onClick={onClose}>
          <BackIcon />
          {t('popupBack')}
        </button>
        <span class="detail-hint" aria-hidden="true">
          {t('popupEscHint')}
        </span>
      </div>

      {state.status === 'loading' && (
        <p class="status" role="status">
          {t('popupLoadingName', isolateBidi(clip(name, 120)))}
        </p>
      )}
      {state.status === 'error' && (
        <p class="error" role="alert">
          {shown(state.error)}
        </p>
      )}
      {state.status === 'missing' && (
        <div class="empty">
          <p class="empty-title">{t('popupMissingTitle')}</p>
          <p class="empty-hint">{t('popupMissingHint')}</p>
        </div>
      )}
      {state.status === 'ready' && (
        <InShadow extraCss={POPUP_CARD_CSS}>
          <FullBackstory data={state.data} headingId={HEADING_ID} />
        </InShadow>
      )}
    </section>
  );
}
