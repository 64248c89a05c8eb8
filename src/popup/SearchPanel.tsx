/**
 * Search the installed packs. Every keystroke sends a `search` message; replies that arrive after
 * a newer query was sent are dropped. Keyboard: ArrowUp/Down move the highlighted option (the
 * input keeps focus and points at it with aria-activedescendant), Enter opens it.
 */
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { matchSpans } from '../core/match-spans';
import type { SearchHit } from '../shared/card-data';
import { send } from '../shared/messaging';
import { t as msg } from '../ui/i18n';
import { shown as t } from '../ui/safe-text';
import { TypeBadge } from '../ui/TypeBadge';
import type { OpenEntity } from './App';

const LIMIT = 20;
const MAX_QUERY = 200;
const LIST_ID = 'search-results';
const optionId = (i: number) => `search-opt-${i}`;

export interface SearchPanelProps {
  inputRef: RefObject<HTMLInputElement | null>;
  onOpen: (entity: OpenEntity) => void;
  onGallery: () => void;
}

/** The name with the parts the query matched in bold. */
function Marked({ text, query }: { text: string; query: string }) {
  const spans = matchSpans(text, query);
  if (!spans.length) return <>{text}</>;
  const out = [];
  let at = 0;
  for (const [s, e] of spans) {
    if (s > at) out.push(text.slice(at, s));
    out.push(<strong key={s}>{text.slice(s, e)}</strong>);
    at = e;
  }
  if (at < text.length) out.push(text.slice(at));
  return <>{out}</>;
}

type Status = 'idle' | 'pending' | 'done';

export function SearchPanel({ inputRef, onOpen, onGallery }: SearchPanelProps) {
  const [packs, setPacks] = useState<string[]>([]);
  useEffect(() => {
    void send('listPacks', {}).then((r) => {
      if (r.ok) setPacks(r.value.filter((p) => p.enabled).map((p) => p.title));
    });
  }, []);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [status, setStatus] = useState<Status>('idle');
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(-1);
  const seq = useRef(0);
  const listRef = useRef<HTMLDivElement>(null);

  const run = async (raw: string) => {
    const mine = ++seq.current;
    const q = raw.slice(0, MAX_QUERY);
    if (!q.trim()) {
      setHits([]);
      setError(null);
      setActive(-1);
      setStatus('idle');
      return;
    }
    setStatus('pending');
    const reply = await send('search', { query: q, limit: LIMIT });
    if (mine !== seq.current) return; // a newer keystroke owns the list now
    setStatus('done');
    if (reply.ok) {
      const list = Array.isArray(reply.value) ? reply.value : [];
      setHits(list);
      setError(null);
      setActive(list.length ? 0 : -1);
    } else {
      setHits([]);
      setError(reply.error);
      setActive(-1);
    }
  };

  const onInput = (e: Event) => {
    const value = (e.currentTarget as HTMLInputElement).value;
    setQuery(value);
    void run(value);
  };

  // Keep the highlighted option in view.
  useEffect(() => {
    if (active < 0) return;
    const el = listRef.current?.querySelector<HTMLElement>(`#${optionId(active)}`);
    el?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const openHit = (hit: SearchHit) => onOpen({ key: hit.key, name: hit.name });

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.isComposing) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!hits.length) return;
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i < 0 ? (step > 0 ? 0 : hits.length - 1) : (i + step + hits.length) % hits.length));
    } else if (e.key === 'Enter') {
      const hit = hits[active] ?? (hits.length === 1 ? hits[0] : undefined);
      if (!hit) return;
      e.preventDefault();
      openHit(hit);
    }
  };

  const activeId = active >= 0 && active < hits.length ? optionId(active) : undefined;
  const expanded = hits.length > 0;
  const showEmpty = status === 'done' && !error && hits.length === 0;

  return (
    <div class="search">
      <label class="visually-hidden" for="search-input">
        {msg('popupSearchLabel')}
      </label>
      <div class="search-box">
        <svg class="search-icon" viewBox="0 0 16 16" width="15" height="15" aria-hidden="true" focusable="false">
          <circle cx="7" cy="7" r="4.6" fill="none" stroke="currentColor" stroke-width="1.6" />
          <path d="M10.4 10.4 14 14" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
        </svg>
        <input
          ref={inputRef}
          id="search-input"
          type="search"
          // biome-ignore lint/a11y/noRedundantRoles: `list` is never rendered, so the role is not implicit
          role="combobox"
          list={undefined}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={LIST_ID}
          aria-activedescendant={activeId}
          placeholder={msg('popupSearchLabel')}
          autoComplete="off"
          spellcheck={false}
          maxLength={MAX_QUERY}
          value={query}
          onInput={onInput}
          onKeyDown={onKeyDown}
        />
      </div>

      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}

      <p class="visually-hidden" role="status" aria-live="polite">
        {status === 'done' && !error
          ? hits.length === 0
            ? msg('popupNoMatches')
            : hits.length === 1
              ? msg('popupResultOne')
              : msg('popupResultMany', hits.length)
          : ''}
      </p>

      {/* The search box keeps focus and is the combobox that points at the highlighted option;
          the listbox mirrors aria-activedescendant for tools that look for it there. Options are
          not focusable by design (activedescendant pattern): the keyboard works from the box. */}
      {/* biome-ignore lint/a11y/useAriaActivedescendantWithTabindex: focus stays in the combobox input */}
      <div ref={listRef} id={LIST_ID} class="results" role="listbox" aria-label={msg('popupResults')} aria-activedescendant={activeId} hidden={!expanded}>
        {hits.map((hit, i) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: keyboard selection is handled by the search box
          // biome-ignore lint/a11y/useFocusableInteractive: options of an activedescendant listbox take no focus
          <div
            key={hit.key}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            class={i === active ? 'hit active' : 'hit'}
            // Keep focus in the search box when clicking an option.
            onMouseDown={(e) => e.preventDefault()}
            onMouseMove={() => {
              if (active !== i) setActive(i);
            }}
            onClick={() => openHit(hit)}
          >
            <div class="hit-top">
              <span class="hit-name" dir="auto">
                <Marked text={t(hit.name, 120)} query={query} />
              </span>
              <TypeBadge type={hit.type} />
            </div>
            {hit.description && (
              <div class="hit-desc" dir="auto">
                {t(hit.description, 160)}
              </div>
            )}
            {hit.matched && (
              <div class="hit-also">
                {msg('popupAlso')}{' '}
                <span dir="auto">
                  <Marked text={t(hit.matched, 100)} query={query} />
                </span>
              </div>
            )}
          </div>
        ))}
      </div>

      {showEmpty && (
        <div class="empty">
          <p class="empty-title">{msg('popupNoMatches')}</p>
          <p class="empty-hint">{msg('popupNotInPacks', t(query.trim(), 60), packs.length ? packs.map((p) => t(p, 80)).join(', ') : msg('popupNoPacksOn'))}</p>
          <button type="button" class="link" onClick={onGallery}>
            {msg('popupGetPacks')}
          </button>
        </div>
      )}

      {status === 'idle' && !error && (
        <div class="empty idle">
          <p class="empty-hint">{msg('popupSearchHint')}</p>
        </div>
      )}
    </div>
  );
}
