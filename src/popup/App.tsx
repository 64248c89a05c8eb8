/**
 * The toolbar popup: two tabs (search the packs, names on the current page) and an entity detail
 * view that shows the same card as hovering a name. The tab panels stay mounted while the detail
 * view is open, so going back restores the query, the results and the selection.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import browser from '../shared/browser';
import { EntityDetail } from './EntityDetail';
import { OnThisPagePanel } from './OnThisPagePanel';
import { SearchPanel } from './SearchPanel';

type Tab = 'search' | 'page';

const TABS: { id: Tab; label: string }[] = [
  { id: 'search', label: 'Search' },
  { id: 'page', label: 'On this page' },
];

export interface OpenEntity {
  key: string;
  name: string;
}

export function App() {
  const [tab, setTab] = useState<Tab>('search');
  const [detail, setDetail] = useState<OpenEntity | null>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const tabButtons = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  /** Where focus goes back to when the detail view closes (the search box, or the clicked item). */
  const returnFocus = useRef<HTMLElement | null>(null);
  const wasOpen = useRef(false);

  const open = useCallback((entity: OpenEntity) => {
    const active = document.activeElement;
    returnFocus.current = active instanceof HTMLElement ? active : null;
    setDetail(entity);
  }, []);

  const close = useCallback(() => setDetail(null), []);

  // Focus the search box when the popup opens.
  useEffect(() => {
    searchInput.current?.focus();
    // Some browsers give the popup document focus only after the first frame.
    const raf = requestAnimationFrame(() => {
      if (!detail && tab === 'search' && document.activeElement === document.body) searchInput.current?.focus();
    });
    return () => cancelAnimationFrame(raf);
  }, []); // once, on open

  // Restore focus after the detail view closes.
  useEffect(() => {
    if (detail) {
      wasOpen.current = true;
      return;
    }
    if (!wasOpen.current) return;
    wasOpen.current = false;
    if (tab === 'search') {
      searchInput.current?.focus();
    } else {
      const back = returnFocus.current;
      if (back?.isConnected) back.focus();
      else tabButtons.current[tab]?.focus();
    }
  }, [detail, tab]);

  // Escape anywhere in the detail view goes back to the list.
  useEffect(() => {
    if (!detail) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      close();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [detail, close]);

  const selectTab = (next: Tab, focus = false) => {
    setTab(next);
    if (focus) tabButtons.current[next]?.focus();
    if (next === 'search') requestAnimationFrame(() => searchInput.current?.focus());
  };

  const onTabKey = (e: KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.id === tab);
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % TABS.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + TABS.length) % TABS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = TABS.length - 1;
    if (next < 0) return;
    e.preventDefault();
    selectTab(TABS[next].id, true);
  };

  const openOptions = () => {
    void browser.runtime.openOptionsPage().catch(() => undefined);
  };

  return (
    <div class="popup">
      <header class="top" hidden={Boolean(detail)}>
        <div class="brand">
          <img class="logo" src="/icons/icon-32.png" alt="" width="20" height="20" />
          <h1 class="brand-name">Backstory</h1>
        </div>
        <div class="tabs" role="tablist" aria-label="Backstory" onKeyDown={onTabKey}>
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`tab-${t.id}`}
              class="tab"
              aria-selected={tab === t.id}
              aria-controls={`panel-${t.id}`}
              tabIndex={tab === t.id ? 0 : -1}
              ref={(el) => {
                tabButtons.current[t.id] = el;
              }}
              onClick={() => selectTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
      </header>

      <main class="panels" hidden={Boolean(detail)}>
        <div role="tabpanel" id="panel-search" aria-labelledby="tab-search" class="panel" hidden={tab !== 'search'}>
          <SearchPanel inputRef={searchInput} onOpen={open} />
        </div>
        <div role="tabpanel" id="panel-page" aria-labelledby="tab-page" class="panel" hidden={tab !== 'page'}>
          <OnThisPagePanel visible={tab === 'page'} onOpen={open} />
        </div>
      </main>

      {detail && <EntityDetail key={detail.key} entity={detail.key} name={detail.name} onClose={close} />}

      <footer class="foot" hidden={Boolean(detail)}>
        <button type="button" class="link" onClick={openOptions}>
          Manage packs &amp; settings
        </button>
      </footer>
    </div>
  );
}
