/**
 * The card read at a glance: the name, its one-line description, the latest one or two statements
 * dated before the article and the latest event. Everything else is one click away in the full
 * backstory (the browser's side panel). Rendered in the content script's closed shadow root, and
 * on extension pages (welcome).
 *
 * Every string in `data` is untrusted pack text (see card-parts.tsx). The dialog is labelled by the
 * <h2>, whose text is exactly the entity's name.
 */
import type { CardData } from '../shared/card-data';
import { EntityHeading, Section, Statement, TimelineItem } from './card-parts';
import { glanceOf } from './glance';
import { t } from './i18n';
import { CloseIcon, PanelIcon } from './icons';
import { shown } from './safe-text';

export interface CardProps {
  data: CardData;
  /** Publication date of the article (ISO date or timestamp): the card shows what came before it. */
  articleDate?: string;
  /** Called by the close button and by Escape pressed inside the card. */
  onClose: () => void;
  /** Opens everything in the side panel; without it the card has no "Full backstory" button. */
  onFullBackstory?: (e: MouseEvent) => void;
  /** Id for the card's <h2>, which labels the dialog. Must be unique within its root. */
  headingId: string;
  /** A pinned theme; without it the card follows the colour scheme around it. */
  theme?: 'light' | 'dark';
  /** One quiet action at the card's foot (on pages: "Turn off on this site"). */
  footerAction?: { label: string; onClick: () => void };
}

export function Card({ data, articleDate, onClose, onFullBackstory, headingId, theme, footerAction }: CardProps) {
  const glance = glanceOf(data, articleDate);
  const id = (s: string) => `${headingId}-${s}`;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
    }
  };
  const empty = !glance.statements.length && !glance.event;
  return (
    <div class="card" role="dialog" aria-labelledby={headingId} aria-modal="false" data-theme={theme} onKeyDown={onKeyDown}>
      <header class="head">
        <EntityHeading data={data} headingId={headingId} />
        <button type="button" class="close" aria-label={t('cardClose')} onClick={onClose}>
          <CloseIcon />
        </button>
      </header>

      <div class="body scroll-fade">
        {glance.statements.length > 0 && (
          <Section id={id('st')} title={articleDate ? t('cardSaidBefore') : t('cardLatestStatements')}>
            <ul class="quotes glance">
              {glance.statements.map((s) => (
                <Statement key={s.id} s={s} after={false} />
              ))}
            </ul>
          </Section>
        )}
        {glance.event && (
          <Section id={id('ev')} title={t('cardLatestEvent')}>
            <ol class="timeline glance">
              <TimelineItem e={glance.event} after={false} />
            </ol>
          </Section>
        )}
        {empty && data.summary && (
          <p class="summary clamp" dir="auto">
            {shown(data.summary)}
          </p>
        )}
        {glance.newer > 0 && <p class="newer">{t('cardNewer', glance.newer)}</p>}
      </div>

      {(onFullBackstory || footerAction) && (
        <footer class="actions">
          {onFullBackstory && (
            <button type="button" class="full" onClick={onFullBackstory}>
              <PanelIcon />
              {t('cardFullBackstory')}
            </button>
          )}
          {footerAction && (
            <button type="button" class="link-button" onClick={footerAction.onClick}>
              {footerAction.label}
            </button>
          )}
        </footer>
      )}
    </div>
  );
}
