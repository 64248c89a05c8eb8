/**
 * One entity inside the popup: the full backstory, the same component as the side panel's,
 * rendered in a shadow root with its own stylesheet so that its element selectors (h2, h3,
 * blockquote…) and the popup's styles cannot affect each other.
 */
import { render } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { CardData } from '../shared/card-data';
import { send } from '../shared/messaging';
import cardCss from '../ui/card.css?inline';
import { FullBackstory } from '../ui/FullBackstory';
import { BackIcon } from '../ui/icons';
import { shown } from '../ui/safe-text';
import tokensCss from '../ui/tokens.css?inline';

/** Popup-specific adjustments on top of the card's own stylesheet. */
const POPUP_CARD_CSS = `
:host { display: block; }
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
    <section class="detail" aria-label={`Backstory: ${shown(name, 120)}`}>
      <div class="detail-bar">
        <button ref={backRef} type="button" class="back" onClick={onClose}>
          <BackIcon />
          Back
        </button>
        <span class="detail-hint" aria-hidden="true">
          Esc
        </span>
      </div>

      {state.status === 'loading' && (
        <p class="status" role="status">
          Loading <span dir="auto">{shown(name, 120)}</span>…
        </p>
      )}
      {state.status === 'error' && (
        <p class="error" role="alert">
          {shown(state.error)}
        </p>
      )}
      {state.status === 'missing' && (
        <div class="empty">
          <p class="empty-title">Not available</p>
          <p class="empty-hint">This entry is no longer in your enabled packs.</p>
        </div>
      )}
      {state.status === 'ready' && <ShadowCard data={state.data} />}
    </section>
  );
}

/** Renders the hover card into an open shadow root on a host element. */
function ShadowCard({ data }: { data: CardData }) {
  const hostRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<ShadowRoot | null>(null);

  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    if (!rootRef.current) rootRef.current = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    render(
      <>
        <style>{tokensCss}</style>
        <style>{cardCss}</style>
        <style>{POPUP_CARD_CSS}</style>
        <FullBackstory data={data} headingId={HEADING_ID} />
      </>,
      rootRef.current,
    );
  }, [data]);

  useEffect(
    () => () => {
      if (rootRef.current) render(null, rootRef.current);
    },
    [],
  );

  return <div ref={hostRef} class="card-host" />;
}
