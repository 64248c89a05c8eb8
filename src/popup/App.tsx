/**
 * The toolbar popup: two tabs (search the packs, names on the current page) and an entity detail
 * view that shows the same card as hovering a name. The tab panels stay mounted while the detail
 * view is open, so going back restores the query, the results and the selection.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import browser from '../shared/browser';
import { t } from '../ui/i18n';
import { openCardShortcut, shortcutsUrl } from '../ui/links';
import { type ReaderTab, readerTab } from './active-tab';
import { EntityDetail } from './EntityDetail';
import { OnThisPagePanel } from './OnThisPagePanel';
import { SearchPanel } from './SearchPanel';
import { SiteSwitch } from './SiteSwitch';

type Tab = 'search' | 'page';

const TABS: { id: Tab; label: string }[] = [
  { id: 'search', label: 'popupTabSearch' },
  { id: 'page', label: 'popupTabOnPage' },
];

export interface OpenEntity {
  key: string;
  name: string;
}

export function App() {
  const [tab, setTab] = useState<Tab>('search');
  const [detail, setDetail] = useState<OpenEntity | null>(null);
  /** The reader's tab: undefined while it is still being found, null where there is none to act on. */
  const [tabInfo, setTabInfo] = useState<ReaderTab | null | undefined>(undefined);
  const [shortcut, setShortcut] = useState('');
  useEffect(() => {
    void readerTab()
      .then(setTabInfo)
      .catch(() => setTabInfo(null));
    void openCardShortcut().then(setShortcut);
  }, []);
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
    const i = TABS.findIndex((x) => x.id === tab);
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
  const openGallery = () => {
    void browser.tabs.create({ url: browser.runtime.getURL('src/welcome/index.html#packs') }).catch(() => undefined);
  };
  const changeShortcut = () => {
    // Browser pages cannot be links in a popup; a new tab may open them (Chrome), else the add-ons manager (Firefox).
    void browser.tabs.create({ url: shortcutsUrl() }).catch(() => undefined);
  };

  return (
    <div class="popup">
      <header class="top" hidden={Boolean(detail)}>
        <div class="brand">
          <img class="logo" src="/icons/icon-32.png" alt="" width="20" height="20" />
          <h1 class="brand-name">{t('extName')}</h1>
        </div>
        <div class="tabs" role="tablist" aria-label={t('extName')} onKeyDown={onTabKey}>
          {TABS.map((tb) => (
            <button
              key={tb.id}
              type="button"
              role="tab"
              id={`tab-${tb.id}`}
              class="tab"
              aria-selected={tab === tb.id}
              aria-controls={`panel-${tb.id}`}
              tabIndex={tab === tb.id ? 0 : -1}
              ref={(el) => {
                tabButtons.current[tb.id] = el;
              }}
              onClick={() => selectTab(tb.id)}
            >
              {t(tb.label)}
            </button>
          ))}
        </div>
      </header>

      {!detail && <SiteSwitch tab={tabInfo} />}

      <main class="panels" hidden={Boolean(detail)}>
        <div role="tabpanel" id="panel-search" aria-labelledby="tab-search" class="panel" hidden={tab !== 'search'}>
          <SearchPanel inputRef={searchInput} onOpen={open} onGallery={openGallery} />
        </div>
        <div role="tabpanel" id="panel-page" aria-labelledby="tab-page" class="panel" hidden={tab !== 'page'}>
          <OnThisPagePanel visible={tab === 'page'} tab={tabInfo} onOpen={open} onGallery={openGallery} />
        </div>
      </main>

      {detail && <EntityDetail key={detail.key} entity={detail.key} name={detail.name} onClose={close} />}

      <footer class="foot" hidden={Boolean(detail)}>
        <button type="button" class="link" onClick={openOptions}>
          {t('popupManage')}
        </button>
        <span class="shortcut">
          {shortcut ? t('popupShortcut', shortcut) : t('popupShortcutNone')}{' '}
          <button type="button" class="link" onClick={changeShortcut}>
            {t('popupShortcutChange')}
          </button>
        </span>
      </footer>
    </div>
  );
}
