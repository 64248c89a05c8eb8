/**
 * Names the content script found on the reader's tab, grouped by type with mention counts.
 * Clicking a name opens its card; "Show on page" scrolls to its first mention, selects it (so the
 * keyboard shortcut starts there) and flashes it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { OnThisPageItem } from '../shared/messages';
import { sendToTab } from '../shared/messaging';
import { t } from '../ui/i18n';
import { shown as txt } from '../ui/safe-text';
import { knownType, TYPE_ORDER, typeGroupLabel } from '../ui/TypeBadge';
import type { OpenEntity } from './App';
import type { ReaderTab } from './active-tab';

type State = { status: 'loading' } | { status: 'unavailable' } | { status: 'ready'; tabId: number; items: OnThisPageItem[] };

async function loadItems(tab: ReaderTab | null): Promise<State> {
  if (!tab) return { status: 'unavailable' };
  // Not answered where no content script runs: browser pages, extension stores, paused sites, or not loaded yet.
  const reply = await sendToTab(tab.id, 'onThisPage');
  return reply.ok ? { status: 'ready', tabId: tab.id, items: reply.value } : { status: 'unavailable' };
}

function groupByType(items: OnThisPageItem[]): { type: string; items: OnThisPageItem[] }[] {
  const groups = new Map<string, OnThisPageItem[]>();
  for (const it of items) {
    const type = knownType(it.type);
    let list = groups.get(type);
    if (!list) {
      list = [];
      groups.set(type, list);
    }
    list.push(it);
  }
  return TYPE_ORDER.filter((type) => groups.has(type)).map((type) => ({
    type,
    items: (groups.get(type) as OnThisPageItem[]).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
  }));
}

const mentions = (n: number) => (n === 1 ? t('popupMentionOne') : t('popupMentionMany', n));

export interface OnThisPagePanelProps {
  /** The panel loads (again) each time it becomes visible. */
  visible: boolean;
  /** undefined: still being found (the panel keeps saying it is looking). */
  tab: ReaderTab | null | undefined;
  onOpen: (entity: OpenEntity) => void;
  onGallery: () => void;
}

export function OnThisPagePanel({ visible, tab, onOpen, onGallery }: OnThisPagePanelProps) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [note, setNote] = useState<string | null>(null);
  const generation = useRef(0);

  useEffect(() => {
    if (!visible || tab === undefined) return;
    const mine = ++generation.current;
    setNote(null);
    void loadItems(tab).then((s) => {
      if (mine === generation.current) setState(s);
    });
  }, [visible, tab]);

  const reveal = async (tabId: number, item: OnThisPageItem) => {
    setNote(null);
    const found = await sendToTab(tabId, 'reveal', { entity: item.key });
    if (!found.ok) setNote(t('popupPageGone'));
    else if (!found.value) setNote(t('popupNotOnPage', txt(item.name, 60)));
  };

  if (state.status === 'loading') {
    return (
      <p class="status" role="status">
        {t('popupLooking')}
      </p>
    );
  }

  if (state.status === 'unavailable') {
    return (
      <div class="empty">
        <p class="empty-title">{t('popupNotRunningTitle')}</p>
        <p class="empty-hint">{t('popupNotRunningHint')}</p>
      </div>
    );
  }

  if (state.items.length === 0) {
    return (
      <div class="empty">
        <p class="empty-title">{t('popupNoNamesTitle')}</p>
        <p class="empty-hint">{t('popupNoNamesHint')}</p>
        <button type="button" class="link" onClick={onGallery}>
          {t('popupGetPacks')}
        </button>
      </div>
    );
  }

  const { tabId } = state;
  const groups = groupByType(state.items);
  const total = state.items.length;

  return (
    <div class="on-page">
      <p class="summary-line">{total === 1 ? t('popupNamesOne') : t('popupNamesMany', total)}</p>
      {note && (
        <p class="note" role="status">
          {note}
        </p>
      )}
      {groups.map((g) => (
        <section key={g.type} class="group" aria-labelledby={`group-${g.type}`}>
          <h2 id={`group-${g.type}`} class="group-title">
            {typeGroupLabel(g.type)} <span class="group-count">{g.items.length}</span>
          </h2>
          <ul class="page-list">
            {g.items.map((item) => (
              <li key={item.key} class="page-item">
                <button
                  type="button"
                  class="page-name"
                  onClick={() => onOpen({ key: item.key, name: item.name })}
                  aria-label={t('popupOpenCardOf', txt(item.name, 120), mentions(item.count))}
                >
                  <span class={`dot bs-type-${g.type}`} aria-hidden="true" />
                  <span class="page-text" dir="auto">
                    {txt(item.name, 120)}
                  </span>
                  <span class="count" aria-hidden="true" title={mentions(item.count)}>
                    {item.count}
                  </span>
                </button>
                <button type="button" class="page-show" onClick={() => void reveal(tabId, item)} aria-label={t('popupShowOnPageOf', txt(item.name, 120))}>
                  {t('popupShowOnPage')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
