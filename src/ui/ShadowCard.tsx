/**
 * The real hover card (src/content/HoverCard.tsx) on one of Backstory's own pages, in an open
 * shadow root with the card's own stylesheet, so the card's element selectors and the page's
 * styles cannot affect each other.
 */
import { render } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import cardCss from '../content/card.css?inline';
import { HoverCard, type HoverCardProps } from '../content/HoverCard';

export function ShadowCard({ extraCss = '', ...card }: HoverCardProps & { extraCss?: string }) {
  const hostRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<ShadowRoot | null>(null);

  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    if (!rootRef.current) rootRef.current = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    render(
      <>
        <style>{cardCss}</style>
        {extraCss && <style>{extraCss}</style>}
        <HoverCard {...card} />
      </>,
      rootRef.current,
    );
  });

  useEffect(
    () => () => {
      if (rootRef.current) render(null, rootRef.current);
    },
    [],
  );

  return <div ref={hostRef} class="card-host" />;
}
