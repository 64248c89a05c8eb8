/**
 * Pieces shared by the glance card and the full backstory (side panel, popup): dates, sources,
 * statements, timeline rows. Every string they get is untrusted pack text: it is only rendered as
 * JSX text or attribute values, through `shown`, and links are only made from `safeHttpUrl` URLs.
 */
import type { ComponentChildren } from 'preact';
import { formatDate } from '../core/dates';
import type { Source } from '../core/pack-format';
import type { CardData, CardEvent, CardStatement } from '../shared/card-data';
import { t } from './i18n';
import { ExternalIcon } from './icons';
import { hostOf, safeHttpUrl, shown } from './safe-text';
import { TypeBadge } from './TypeBadge';

const MAX_WITH_NAMES = 4;

/** A link when the URL is http(s), otherwise the same label as plain text. The host is always shown. */
export function ExtLink({ url, label, title }: { url?: string; label: string; title?: string }) {
  const href = safeHttpUrl(url);
  const host = href ? hostOf(href) : '';
  return (
    <span class="ref">
      {href ? (
        <a class="src" href={href} target="_blank" rel="noopener noreferrer" title={title}>
          <span class="src-label">{label}</span>
          {host && host !== label && (
            <>
              {' '}
              <span class="host">{host}</span>
            </>
          )}
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

export function SourceRef({ source }: { source: Source }) {
  const href = safeHttpUrl(source.url);
  const raw = source.publisher || source.title || (href ? hostOf(href) : source.url) || t('cardSource');
  const tip = source.title && source.title !== raw ? shown(source.title, 300) : undefined;
  return <ExtLink url={source.url} label={shown(raw, 60)} title={tip} />;
}

export function DateText({ date }: { date: string }) {
  return (
    <time class="date" dateTime={date.replace('~', '')}>
      {shown(formatDate(date))}
    </time>
  );
}

export function AfterBadge() {
  return (
    <span class="after" title={t('cardAfterArticleHint')}>
      {t('cardAfterArticle')}
    </span>
  );
}

function PackLabel({ pack }: { pack?: string }) {
  return pack ? (
    <span class="from-pack" dir="auto" title={t('cardFromPack')}>
      {shown(pack, 80)}
    </span>
  ) : null;
}

export function Section({ id, title, children, class: cls }: { id: string; title: string; children: ComponentChildren; class?: string }) {
  return (
    <section class={cls ? `sec ${cls}` : 'sec'} aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

/** Where a quote comes from, with the pack's note on it (context, provenance) behind a disclosure. */
function SourceDetails({ context }: { context?: string }) {
  if (!context) return null;
  return (
    <details class="prov">
      <summary>{t('cardAboutSource')}</summary>
      <p dir="auto">{shown(context)}</p>
    </details>
  );
}

/** One statement. `detailed` adds the pack's note on the source (the full backstory only). */
export function Statement({ s, after, detailed }: { s: CardStatement; after: boolean; detailed?: boolean }) {
  return (
    <li class="quote">
      <blockquote dir="auto">{shown(s.text)}</blockquote>
      <div class="meta">
        <DateText date={s.date} />
        {after && <AfterBadge />}
        <SourceRef source={s.source} />
        <PackLabel pack={s.pack} />
      </div>
      {detailed && <SourceDetails context={s.context} />}
    </li>
  );
}

function withText(names: string[]): string {
  const shownNames = names.slice(0, MAX_WITH_NAMES).map((n) => shown(n, 80));
  const rest = names.length - shownNames.length;
  if (rest > 0) return t('cardWithMore', shownNames.join(', '), rest);
  if (shownNames.length > 1) return t('cardWithTwo', shownNames.slice(0, -1).join(', '), shownNames[shownNames.length - 1]);
  return t('cardWithOne', shownNames[0]);
}

/** One event. `detailed` adds its summary and who else took part (the full backstory only). */
export function TimelineItem({ e, after, detailed }: { e: CardEvent; after: boolean; detailed?: boolean }) {
  return (
    <li class="event">
      <div class="meta">
        <DateText date={e.date} />
        {after && <AfterBadge />}
      </div>
      <p class="ev-title" dir="auto">
        {shown(e.title)}
      </p>
      {detailed && e.summary && (
        <p class="ev-sum" dir="auto">
          {shown(e.summary)}
        </p>
      )}
      <div class="meta">
        {detailed && e.with.length > 0 && (
          <span class="with" dir="auto">
            {withText(e.with)}
          </span>
        )}
        <SourceRef source={e.source} />
        <PackLabel pack={e.pack} />
      </div>
    </li>
  );
}

/**
 * What the entity is and its name. The <h2> holds exactly the name: it labels the dialog (or the
 * panel), so a screen reader announces the card by it. `whole` shows the full description; the
 * card shows one line (the rest in its title).
 */
export function EntityHeading({ data, headingId, whole }: { data: CardData; headingId: string; whole?: boolean }) {
  return (
    <div class="head-text">
      <TypeBadge type={data.type} />
      <h2 id={headingId} dir="auto">
        {shown(data.name)}
      </h2>
      {data.description && (
        <p class={whole ? 'desc whole' : 'desc'} dir="auto" title={whole ? undefined : shown(data.description, 300)}>
          {shown(data.description)}
        </p>
      )}
    </div>
  );
}
