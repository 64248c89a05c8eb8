/**
 * A sample paragraph in our own words, marked the way the content script marks a page: the text
 * goes to the worker's detector, names found become focusable marks, and the card they open is
 * the real card component with the real card data.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DetectedMention } from '../core/resolve-references';
import type { CardData } from '../shared/card-data';
import { send } from '../shared/messaging';
import { t } from '../ui/i18n';
import { ShadowCard } from '../ui/ShadowCard';

const DWELL_MS = 250;
/** The welcome page shows the card in place, not floating. */
const INLINE_CARD_CSS = ':host { display: block; } .card { width: auto; max-width: 420px; animation: none; }';

type Piece = { text: string; mention?: DetectedMention };

function piecesOf(text: string, mentions: DetectedMention[]): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  for (const m of [...mentions].sort((a, b) => a.start - b.start)) {
    if (m.start < at) continue;
    if (m.start > at) out.push({ text: text.slice(at, m.start) });
    out.push({ text: text.slice(m.start, m.end), mention: m });
    at = m.end;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}

export function SampleArticle() {
  const text = t('welcomeSample');
  const [pieces, setPieces] = useState<Piece[]>([{ text }]);
  const [card, setCard] = useState<CardData | null>(null);
  const [failed, setFailed] = useState(false);
  const dwell = useRef<ReturnType<typeof setTimeout> | null>(null);
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    // On a first install this page opens while the built-in pack is still being installed: ask
    // again (for up to half a minute) until the names are known.
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = async (n: number) => {
      const r = await send('detect', { text, context: { seen: [], unknown: [] } });
      if (!live) return;
      if (r.ok && r.value.mentions.length) {
        setFailed(false);
        setPieces(piecesOf(text, r.value.mentions));
      } else if (n < 60) timer = setTimeout(() => void attempt(n + 1), 500);
      else setFailed(true);
    };
    void attempt(0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text]);

  const open = async (entity: string, from: HTMLElement | null) => {
    const r = await send('card', { entity });
    if (r.ok && r.value) {
      opener.current = from;
      setCard(r.value);
    }
  };
  const close = () => {
    setCard(null);
    opener.current?.focus();
  };

  return (
    <div class="sample">
      <figure class="sample-article">
        <p class="sample-kicker">{t('welcomeSampleKicker')}</p>
        <p class="sample-text" dir="auto">
          {pieces.map((p, i) =>
            p.mention ? (
              <button
                key={i}
                type="button"
                class="sample-mark"
                aria-haspopup="dialog"
                onPointerEnter={(e) => {
                  const el = e.currentTarget;
                  const entity = p.mention?.entity ?? '';
                  if (dwell.current) clearTimeout(dwell.current);
                  dwell.current = setTimeout(() => void open(entity, el), DWELL_MS);
                }}
                onPointerLeave={() => {
                  if (dwell.current) clearTimeout(dwell.current);
                }}
                onClick={(e) => void open(p.mention?.entity ?? '', e.currentTarget)}
              >
                {p.text}
              </button>
            ) : (
              <span key={i}>{p.text}</span>
            ),
          )}
        </p>
        <figcaption class="hint">{failed ? t('welcomeSampleUnavailable') : t('welcomeSampleHint')}</figcaption>
      </figure>
      <div class="sample-card" aria-live="polite">
        {card ? (
          <ShadowCard data={card} onClose={close} headingId="welcome-card-heading" extraCss={INLINE_CARD_CSS} />
        ) : (
          <p class="sample-card-empty">{t('welcomeSampleCardEmpty')}</p>
        )}
      </div>
    </div>
  );
}
