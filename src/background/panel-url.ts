/** The side panel page's address for one entity: everything it needs rides in the query string. */
import browser from '../shared/browser';

export const PANEL_PATH = 'src/panel/index.html';

export interface PanelRequest {
  entity: string;
  pageEntities?: string[];
  articleDate?: string;
}

export function panelPath({ entity, pageEntities, articleDate }: PanelRequest): string {
  const q = new URLSearchParams({ entity });
  if (articleDate) q.set('date', articleDate);
  if (pageEntities?.length) q.set('page', pageEntities.join(','));
  return `${PANEL_PATH}?${q}`;
}

export const panelUrl = (r: PanelRequest): string => browser.runtime.getURL(panelPath(r));
