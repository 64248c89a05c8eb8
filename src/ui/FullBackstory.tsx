/**
 * Everything Backstory knows about one entity: background, facts, all statements, the timeline,
 * related names on this page grouped by event, sources and the packs it comes from. Shown in the
 * browser's side panel (Firefox: sidebar) and in the popup. Untrusted text as in card-parts.tsx.
 */
import { ageInWords, compareDatesDesc, isAfter } from '../core/dates';
import type { CardData } from '../shared/card-data';
import { DateText, EntityHeading, ExtLink, Section, SourceRef, Statement, TimelineItem } from './card-parts';
import { t } from './i18n';
import { shown } from './safe-text';

export interface FullBackstoryProps {
  data: CardData;
  articleDate?: string;
  /** Id for the name's heading (<h2>), which labels the whole view. */
  headingId: string;
  /** Clock for the pack's age (tests and screenshots). Defaults to the current time. */
  now?: Date;
}

const WIKIDATA_ID = /^Q[1-9]\d{0,11}$/;

export function FullBackstory({ data, articleDate, headingId, now }: FullBackstoryProps) {
  const statements = [...data.statements].sort((a, b) => compareDatesDesc(a.date, b.date));
  const events = [...data.events].sort((a, b) => compareDatesDesc(a.date, b.date));
  const after = (d: string) => Boolean(articleDate) && isAfter(d, articleDate as string);
  const id = (s: string) => `${headingId}-${s}`;
  const clock = now ?? new Date();
  const wikidata = data.wikidata && WIKIDATA_ID.test(data.wikidata) ? data.wikidata : undefined;

  return (
    <article class="backstory" aria-labelledby={headingId}>
      <header class="head">
        <EntityHeading data={data} headingId={headingId} whole />
      </header>

      {(data.summary || data.facts.length > 0) && (
        <Section id={id('bg')} title={t('panelBackground')}>
          {data.summary && (
            <p class="summary" dir="auto">
              {shown(data.summary)}
            </p>
          )}
          {data.facts.length > 0 && (
            <dl class="facts">
              {data.facts.map((f, i) => (
                <div class="fact" key={i}>
                  <dt dir="auto">{shown(f.label)}</dt>
                  <dd dir="auto">{shown(f.value)}</dd>
                </div>
              ))}
            </dl>
          )}
        </Section>
      )}

      {statements.length > 0 && (
        <Section id={id('st')} title={t('panelStatements', statements.length)}>
          <ul class="quotes">
            {statements.map((s) => (
              <Statement key={s.id} s={s} after={after(s.date)} detailed />
            ))}
          </ul>
        </Section>
      )}

      {events.length > 0 && (
        <Section id={id('tl')} title={t('panelTimeline', events.length)}>
          <ol class="timeline">
            {events.map((e) => (
              <TimelineItem key={e.id} e={e} after={after(e.date)} detailed />
            ))}
          </ol>
        </Section>
      )}

      {data.relatedOnPage.length > 0 && (
        <Section id={id('rel')} title={t('panelRelated')}>
          <ul class="related">
            {data.relatedOnPage.map((r, i) => (
              <li key={i}>
                <p class="rel-event" dir="auto">
                  {shown(r.event, 200)} <DateText date={r.date} />
                </p>
                <p class="rel-names" dir="auto">
                  {r.names.map((n) => shown(n.name, 120)).join(', ')}
                </p>
              </li>
            ))}
          </ul>
        </Section>
      )}

      {(data.sources.length > 0 || wikidata) && (
        <Section id={id('src')} title={t('panelSources')}>
          <ul class="sources">
            {data.sources.map((s, i) => (
              <li key={i}>
                <SourceRef source={s} />
              </li>
            ))}
            {wikidata && (
              <li>
                <ExtLink url={`https://www.wikidata.org/wiki/${wikidata}`} label={t('panelWikidata')} title={wikidata} />
              </li>
            )}
          </ul>
        </Section>
      )}

      {data.packs.length > 0 && (
        <footer class="foot">
          {data.packs.map((p) => {
            const age = p.published ? ageInWords(p.published, clock) : '';
            return (
              <p class="meta" key={p.id}>
                <span class="pack" dir="auto">
                  {shown(p.title, 120)}
                </span>
                <span class="ver">{t('panelPackVersion', p.version)}</span>
                {age && <span class="age">{shown(age)}</span>}
              </p>
            );
          })}
        </footer>
      )}
    </article>
  );
}
