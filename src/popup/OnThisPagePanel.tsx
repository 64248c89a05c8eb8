/**
 * Names the content script found on the reader's tab, grouped by type with mention counts.
 * Clicking a name opens its card; "Show on page" scrolls to its first mention, selects it (so the
 * keyboard shortcut starts there) and flashes it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import browser from '../shared/browser';
import type { OnThisPageItem } from '../shared/messages';
import { t } from '../ui/i18n';
import { shown as txt } from '../ui/safe-text';
import { knownType, TYPE_ORDER, typeGroupLabel } from '../ui/TypeBadge';
import type { OpenEntity } from './App';
import type { ReaderTab } from './active-tab';

type State = { status: 'loading' } | { status: 'unavailable' } | { status: 'ready'; tabId: number; items: OnThisPageItem[] };

const ENTITY_KEY = /^[a-z0-9-]+:[a-z0-9-]+$/;

/** The reply crosses a context boundary: keep only well-formed items. */
function isItem(x: unknown): x is OnThisPageItem {
  if (!x || typeof x !== 'object') return false;
  const o = x as Record<string, unknown>;
  return (
    typeof o.key === 'string' &&
    o.key.length <= 300 &&
    ENTITY_KEY.test(o.key) &&
    typeof o.name === 'string' &&
    typeof o.type === 'string' &&
    typeof o.count === 'number' &&
    Number.isFinite(o.count)
  );
}

async function loadItems(tab: ReaderTab | null): Promise<State> {
  try {
    if (!tab) return { status: 'unavailable' };
    const reply: unknown = await browser.tabs.sendMessage(tab.id, { kind: 'onThisPage' });
    if (!Array.isArray(reply)) return { status: 'unavailable' };
    return { status: 'ready', tabId: tab.id, items: reply.filter(isItem) };
  } catch {
    // No content script here: browser pages, extension stores, paused sites, or not loaded yet.
    return { status: 'unavailable' };
  }
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
  tab: ReaderTab | null;
  onOpen: (entity: OpenEntity) => void;
  onGallery: () => void;
}

export function OnThisPagePanel({ visible, tab, onOpen, onGallery }: OnThisPagePanelProps) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [note, setNote] = useState<string | null>(null);
  const generation = useRef(0);

  useEffect(() => {
    if (!visible) return;
    const mine = ++generation.current;
    setNote(null);
    void loadItems(tab).then((s) => {
      if (mine === generation.current) setState(s);
    });
  }, [visible, tab]);

  const reveal = async (tabId: number, item: OnThisPageItem) => {
    setNote(null);
    try {
      const found: unknown = await browser.tabs.sendMessage(tabId, { kind: 'reveal', entity: item.key });
      if (found !== true) setNote(t('popupNotOnPage', txt(item.name, 60)));
    } catch {
      setNote(t('popupPageGone'));
    }
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
