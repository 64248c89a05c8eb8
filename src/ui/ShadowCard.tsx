/**
 * Backstory's card views on its own pages (popup, welcome), in an open shadow root with the
 * tokens and the card's own stylesheet, so the card's element selectors and the page's styles
 * cannot affect each other.
 */
import { type ComponentChildren, render } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { Card, type CardProps } from './Card';
import cardCss from './card.css?inline';
import tokensCss from './tokens.css?inline';

/** Render `children` into an open shadow root with the card stylesheet (plus `extraCss`). */
export function InShadow({ extraCss = '', children }: { extraCss?: string; children: ComponentChildren }) {
  const hostRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<ShadowRoot | null>(null);

  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    if (!rootRef.current) rootRef.current = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    render(
      <>
        <style>{`${tokensCss}\n${cardCss}`}</style>
        {extraCss && <style>{extraCss}</style>}
        {children}
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

/** The real hover card (src/ui/Card.tsx). */
export function ShadowCard({ extraCss, ...card }: CardProps & { extraCss?: string }) {
  return (
    <InShadow extraCss={extraCss}>
      <Card {...card} />
    </InShadow>
  );
}
