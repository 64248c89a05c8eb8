/**
 * The hover card: everything Backstory knows about one entity, laid out for a glance at the top
 * and for depth further down (the body scrolls). Rendered inside a closed shadow root.
 *
 * Every string in `data` is untrusted pack text. It is only ever rendered as JSX text or
 * attribute values (never as HTML), passed through `isolateBidi`, and links are only made from
 * URLs that `safeHttpUrl` accepts.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ageInWords, compareDatesDesc, formatDate, isAfter } from '../core/dates';
import type { EntityType, Source } from '../core/pack-format';
import { clip, isolateBidi, safeHttpUrl } from '../core/safe-text';
import type { CardData, CardEvent, CardStatement } from '../shared/card-data';

export interface HoverCardProps {
  data: CardData;
  /** Publication date of the article (ISO date or timestamp); items dated after it get a badge. */
  articleDate?: string;
  /** Called by the close button and by Escape pressed inside the card. */
  onClose: () => void;
  /** Id for the card's <h2>, which labels the dialog. Must be unique within the shadow root. */
  headingId: string;
  /** Clock for the pack's age (tests and screenshots). Defaults to the current time. */
  now?: Date;
  /** One small action at the card's foot (on pages: "Turn off on this site"). */
  footerAction?: { label: string; onClick: () => void };
}

/** Items shown before "Show all N". */
export const INITIAL_STATEMENTS = 4;
export const INITIAL_EVENTS = 6;
const MAX_WITH_NAMES = 4;
/** A longer summary is shortened to about this many characters, with a "More" button. */
const SUMMARY_GLANCE = 280;

const TYPE_LABELS: Partial<Record<EntityType, string>> = {
  person: 'Person',
  organization: 'Organization',
  place: 'Place',
  event: 'Event',
  initiative: 'Initiative',
};

/** Untrusted text, made safe to display: bidi controls removed, optionally clipped. */
const t = (s: string, max?: number): string => isolateBidi(max === undefined ? s : clip(s, max));

function hostOf(href: string): string {
  try {
    return new URL(href).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

function ExternalIcon() {
  return (
    <svg class="ext" viewBox="0 0 12 12" width="10" height="10" aria-hidden="true" focusable="false">
      <path
        d="M4.5 2.5h-2v7h7v-2M7 2.5h2.5V5M9.5 2.5 5.5 6.5"
        fill="none"
        stroke="currentColor"
        stroke-width="1.3"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
    </svg>
  );
}

/** A link when the URL is http(s), otherwise the same label as plain text. */
function ExtLink({ url, label, title }: { url?: string; label: string; title?: string }) {
  const href = safeHttpUrl(url);
  return (
    <span class="ref">
      {href ? (
        <a class="src" href={href} target="_blank" rel="noopener noreferrer" title={title}>
          {label}
          <ExternalIcon />
        </a>
      ) : (
        <span class="src" title={title}>
          {label}
        </span>
      )}
    </span>
  );
}

function SourceRef({ source }: { source: Source }) {
  const href = safeHttpUrl(source.url);
  const raw = source.publisher || source.title || (href ? hostOf(href) : source.url) || 'Source';
  const label = t(raw, 60);
  const tip = source.title && source.title !== raw ? t(source.title, 300) : undefined;
  return <ExtLink url={source.url} label={label} title={tip} />;
}

function DateText({ date }: { date: string }) {
  return (
    <time class="date" dateTime={date.replace('~', '')}>
      {t(formatDate(date))}
    </time>
  );
}

function AfterBadge() {
  return (
    <span class="after" title="Dated after this article was published">
      after this article
    </span>
  );
}

function ShowAll({ open, total, noun, onToggle, controls }: { open: boolean; total: number; noun: string; onToggle: () => void; controls: string }) {
  return (
    <button type="button" class="more" aria-expanded={open} aria-controls={controls} onClick={onToggle}>
      {open ? 'Show fewer' : `Show all ${total} ${noun}`}
    </button>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="sec" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

function Statement({ s, after }: { s: CardStatement; after: boolean }) {
  return (
    <li class="quote">
      <blockquote dir="auto">{t(s.text)}</blockquote>
      <div class="meta">
        <DateText date={s.date} />
        {after && <AfterBadge />}
        {s.context && (
          <span class="ctx" dir="auto">
            {t(s.context)}
          </span>
        )}
        <SourceRef source={s.source} />
      </div>
    </li>
  );
}

function withText(names: string[]): string {
  const shown = names.slice(0, MAX_WITH_NAMES).map((n) => t(n, 80));
  const rest = names.length - shown.length;
  if (rest > 0) return `with ${shown.join(', ')} and ${rest} more`;
  if (shown.length > 1) return `with ${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
  return `with ${shown[0]}`;
}

function TimelineItem({ e, after }: { e: CardEvent; after: boolean }) {
  return (
    <li class="event">
      <div class="meta">
        <DateText date={e.date} />
        {after && <AfterBadge />}
      </div>
      <p class="ev-title" dir="auto">
        {t(e.title)}
      </p>
      {e.summary && (
        <p class="ev-sum" dir="auto">
          {t(e.summary)}
        </p>
      )}
      <div class="meta">
        {e.with.length > 0 && (
          <span class="with" dir="auto">
            {withText(e.with)}
          </span>
        )}
        <SourceRef source={e.source} />
      </div>
    </li>
  );
}

export function HoverCard({ data, articleDate, onClose, headingId, now, footerAction }: HoverCardProps) {
  // Expansion is remembered per entity, so a card reused for another entity starts collapsed.
  const [openStatements, setOpenStatements] = useState<string | null>(null);
  const [openEvents, setOpenEvents] = useState<string | null>(null);
  const [openSummary, setOpenSummary] = useState<string | null>(null);
  const fullSummary = openSummary === data.key;
  const longSummary = (data.summary?.length ?? 0) > SUMMARY_GLANCE + 40;
  const allStatements = openStatements === data.key;
  const allEvents = openEvents === data.key;

  const statements = [...data.statements].sort((a, b) => compareDatesDesc(a.date, b.date));
  const events = [...data.events].sort((a, b) => compareDatesDesc(a.date, b.date));
  const shownStatements = allStatements ? statements : statements.slice(0, INITIAL_STATEMENTS);
  const shownEvents = allEvents ? events : events.slice(0, INITIAL_EVENTS);
  const after = (d: string) => Boolean(articleDate) && isAfter(d, articleDate as string);

  const typeLabel = TYPE_LABELS[data.type];
  const id = (s: string) => `${headingId}-${s}`;
  const clock = now ?? new Date();
  const wikidata = data.wikidata && /^Q[1-9]\d{0,11}$/.test(data.wikidata) ? data.wikidata : undefined;
  const hasBackground = Boolean(data.summary) || data.facts.length > 0;
  const hasFooter = data.packs.length > 0 || data.sources.length > 0 || wikidata;

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
    }
  };

  return (
    <div class="card" role="dialog" aria-labelledby={headingId} aria-modal="false" onKeyDown={onKeyDown}>
      <header class="head">
        <div class="head-text">
          {typeLabel && <span class={`type type-${data.type}`}>{typeLabel}</span>}
          <h2 id={headingId} dir="auto">
            {t(data.name)}
          </h2>
          {data.description && (
            <p class="desc" dir="auto">
              {t(data.description)}
            </p>
          )}
        </div>
        <button type="button" class="close" aria-label="Close" onClick={onClose}>
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
            <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
          </svg>
        </button>
      </header>

      <div class="body">
        {hasBackground && (
          <Section id={id('bg')} title="Background">
            {data.summary ? (
              <p class="summary" dir="auto" id={id('sum')}>
                {longSummary && !fullSummary ? t(data.summary, SUMMARY_GLANCE) : t(data.summary)}
                {longSummary ? (
                  <>
                    {' '}
                    <button
                      type="button"
                      class="more inline"
                      aria-expanded={fullSummary}
                      aria-controls={id('sum')}
                      onClick={() => setOpenSummary(fullSummary ? null : data.key)}
                    >
                      {fullSummary ? 'Less' : 'More'}
                    </button>
                  </>
                ) : null}
              </p>
            ) : null}
            {data.facts.length > 0 ? (
              <dl class="facts">
                {data.facts.map((f, i) => (
                  <div class="fact" key={i}>
                    <dt dir="auto">{t(f.label)}</dt>
                    <dd dir="auto">{t(f.value)}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
          </Section>
        )}

        {statements.length > 0 && (
          <Section id={id('st')} title="Past statements">
            <ul class="quotes" id={id('st-list')}>
              {shownStatements.map((s) => (
                <Statement key={s.id} s={s} after={after(s.date)} />
              ))}
            </ul>
            {statements.length > INITIAL_STATEMENTS ? (
              <ShowAll
                open={allStatements}
                total={statements.length}
                noun="statements"
                controls={id('st-list')}
                onToggle={() => setOpenStatements(allStatements ? null : data.key)}
              />
            ) : null}
          </Section>
        )}

        {events.length > 0 && (
          <Section id={id('tl')} title="Timeline">
            <ol class="timeline" id={id('tl-list')}>
              {shownEvents.map((e) => (
                <TimelineItem key={e.id} e={e} after={after(e.date)} />
              ))}
            </ol>
            {events.length > INITIAL_EVENTS ? (
              <ShowAll
                open={allEvents}
                total={events.length}
                noun="events"
                controls={id('tl-list')}
                onToggle={() => setOpenEvents(allEvents ? null : data.key)}
              />
            ) : null}
          </Section>
        )}

        {data.relatedOnPage.length > 0 && (
          <Section id={id('rel')} title="Related on this page">
            <ul class="related">
              {data.relatedOnPage.map((r) => (
                <li key={`${r.key}:${r.event}`} dir="auto">
                  <span class="rel-name">{t(r.name, 120)}</span>
                  {` — ${t(r.event, 200)}, `}
                  <DateText date={r.date} />
                </li>
              ))}
            </ul>
          </Section>
        )}

        {hasFooter && (
          <footer class="foot">
            {data.packs.map((p) => {
              const age = p.published ? ageInWords(p.published, clock) : '';
              return (
                <p class="fresh" key={p.id}>
                  <span class="pack" dir="auto">
                    {t(p.title, 120)}
                  </span>
                  <span class="ver">v{p.version}</span>
                  {age && (
                    <span class="age" title={t(p.published as string)}>
                      {age}
                    </span>
                  )}
                </p>
              );
            })}
            {(data.sources.length > 0 || wikidata) && (
              <p class="sources">
                <span class="label">Sources</span>
                {data.sources.map((s, i) => (
                  <SourceRef key={i} source={s} />
                ))}
                {wikidata && <ExtLink url={`https://www.wikidata.org/wiki/${wikidata}`} label="Wikidata" title={wikidata} />}
              </p>
            )}
          </footer>
        )}
        {footerAction && (
          <p class="foot-action">
            <button type="button" class="link-button" onClick={footerAction.onClick}>
              {footerAction.label}
            </button>
          </p>
        )}
      </div>
    </div>
  );
}

export default HoverCard;
