/**
 * The side panel (Firefox: sidebar): the full backstory of the entity the reader asked for with
 * "Full backstory" on a card. The request rides in the page's address (see background/panel-url.ts).
 */
import { useEffect, useState } from 'preact/hooks';
import type { CardData } from '../shared/card-data';
import { send } from '../shared/messaging';
import { FullBackstory } from '../ui/FullBackstory';
import { t } from '../ui/i18n';
import { shown } from '../ui/safe-text';
import { ToSidebar } from './to-sidebar-firefox';

export interface PanelRequest {
  entity: string;
  pageEntities: string[];
  articleDate?: string;
}

const ENTITY_KEY = /^[a-z0-9-]+:[a-z0-9-]+$/;

export function requestFromUrl(href: string): PanelRequest | null {
  const q = new URL(href).searchParams;
  const entity = q.get('entity') ?? '';
  if (!ENTITY_KEY.test(entity)) return null;
  const pageEntities = (q.get('page') ?? '').split(',').filter((k) => ENTITY_KEY.test(k));
  const date = q.get('date') ?? undefined;
  return { entity, pageEntities: pageEntities.slice(0, 500), articleDate: date && !Number.isNaN(Date.parse(date)) ? date : undefined };
}

type State = { status: 'loading' } | { status: 'ready'; data: CardData } | { status: 'missing' } | { status: 'error'; error: string };

export function Panel({ request }: { request: PanelRequest | null }) {
  const [state, setState] = useState<State>(request ? { status: 'loading' } : { status: 'missing' });

  useEffect(() => {
    if (!request) return;
    void send('getSettings', {}).then((r) => {
      if (r.ok && r.value.cardTheme !== 'auto') document.documentElement.dataset.theme = r.value.cardTheme;
    });
    void send('card', { entity: request.entity, pageEntities: request.pageEntities }).then((reply) => {
      if (!reply.ok) setState({ status: 'error', error: reply.error });
      else if (!reply.value) setState({ status: 'missing' });
      else {
        setState({ status: 'ready', data: reply.value });
        document.title = `${shown(reply.value.name, 120)} · Backstory`;
      }
    });
  }, [request]);

  return (
    <main class="panel">
      {state.status === 'ready' && <ToSidebar />}
      {state.status === 'loading' && (
        <p class="panel-status" role="status">
          {t('panelLoading')}
        </p>
      )}
      {state.status === 'missing' && <p class="panel-status">{t('panelMissing')}</p>}
      {state.status === 'error' && (
        <p class="panel-status error" role="alert">
          {shown(state.error)}
        </p>
      )}
      {state.status === 'ready' && <FullBackstory data={state.data} articleDate={request?.articleDate} headingId="panel-name" />}
    </main>
  );
}
