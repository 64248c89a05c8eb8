/**
 * Names the content script found on the active tab, grouped by type with mention counts.
 * Clicking a name asks the page to scroll to its first mention and flash it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import browser from '../shared/browser';
import type { OnThisPageItem } from '../shared/messages';
import { shown as t } from '../ui/safe-text';
import { knownType, TYPE_ORDER, typeGroupLabel } from '../ui/TypeBadge';
import type { OpenEntity } from './App';

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

async function activeTabId(): Promise<number | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const ours = browser.runtime.getURL('');
  // Opened in its own window or tab (not as the toolbar popup), the current tab is this page
  // itself: the reader means the page they were reading, the most recently used normal tab.
  const isOurs =
    tab?.id !== undefined &&
    (await browser.tabs
      .get(tab.id)
      .then((t) => (t.url ?? '').startsWith(ours) || location.href === t.url)
      .catch(() => false));
  if (tab && !isOurs) return typeof tab.id === 'number' && tab.id >= 0 ? tab.id : null;
  const candidates = await browser.tabs.query({ active: true, windowType: 'normal' });
  const best = candidates.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
  return typeof best?.id === 'number' && best.id >= 0 ? best.id : null;
}

async function loadItems(): Promise<State> {
  try {
    const tabId = await activeTabId();
    if (tabId === null) return { status: 'unavailable' };
    const reply: unknown = await browser.tabs.sendMessage(tabId, { kind: 'onThisPage' });
    if (!Array.isArray(reply)) return { status: 'unavailable' };
    return { status: 'ready', tabId, items: reply.filter(isItem) };
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

const mentions = (n: number) => `${n} mention${n === 1 ? '' : 's'}`;

export interface OnThisPagePanelProps {
  /** The panel loads (again) each time it becomes visible. */
  visible: boolean;
  onOpen: (entity: OpenEntity) => void;
}

export function OnThisPagePanel({ visible, onOpen }: OnThisPagePanelProps) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [note, setNote] = useState<string | null>(null);
  const generation = useRef(0);

  useEffect(() => {
    if (!visible) return;
    const mine = ++generation.current;
    setNote(null);
    void loadItems().then((s) => {
      if (mine === generation.current) setState(s);
    });
  }, [visible]);

  const reveal = async (tabId: number, item: OnThisPageItem) => {
    setNote(null);
    try {
      const found: unknown = await browser.tabs.sendMessage(tabId, { kind: 'reveal', entity: item.key });
      if (found !== true) setNote(`Could not find “${t(item.name, 60)}” on the page any more.`);
    } catch {
      setNote('The page is no longer reachable. Reload it and try again.');
    }
  };

  if (state.status === 'loading') {
    return (
      <p class="status" role="status">
        Looking for names on this page…
      </p>
    );
  }

  if (state.status === 'unavailable') {
    return (
      <div class="empty">
        <p class="empty-title">Backstory does not run on this page</p>
        <p class="empty-hint">
          It works on ordinary web pages. Browser pages, extension stores and sites you paused are left alone; if the page was open before Backstory was
          installed, reload it.
        </p>
      </div>
    );
  }

  if (state.items.length === 0) {
    return (
      <div class="empty">
        <p class="empty-title">No names from your packs on this page</p>
        <p class="empty-hint">Names are underlined on the page as Backstory finds them. Try the Search tab to look someone up.</p>
      </div>
    );
  }

  const { tabId } = state;
  const groups = groupByType(state.items);
  const total = state.items.length;

  return (
    <div class="on-page">
      <p class="summary-line">
        {total} {total === 1 ? 'name' : 'names'} on this page · click one to find it
      </p>
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
                  onClick={() => void reveal(tabId, item)}
                  aria-label={`${t(item.name, 120)}, ${mentions(item.count)}. Show on page`}
                >
                  <span class={`dot bs-type-${g.type}`} aria-hidden="true" />
                  <span class="page-text" dir="auto">
                    {t(item.name, 120)}
                  </span>
                  <span class="count" aria-hidden="true" title={mentions(item.count)}>
                    {item.count}
                  </span>
                </button>
                <button
                  type="button"
                  class="page-card"
                  onClick={() => onOpen({ key: item.key, name: item.name })}
                  aria-label={`Backstory of ${t(item.name, 120)}`}
                  title="Open the card"
                >
                  <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
                    <path d="M6 3.5 10.5 8 6 12.5" fill="none" stroke="currentColor" stroke-width="1.7" stroke-linecap="round" stroke-linejoin="round" />
                  </svg>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
