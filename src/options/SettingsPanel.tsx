/** Settings, each saved as soon as it changes (the paused-sites list when the field loses focus). */
import { useEffect, useRef, useState } from 'preact/hooks';
import { CARD_THEMES, type CardTheme, type Settings, UNDERLINE_MODES, type UnderlineMode } from '../shared/card-data';
import { send } from '../shared/messaging';
import { t } from '../ui/i18n';
import { untrusted } from './format';

const MAX_SITES = 1000;

/** Hosts from the textarea: one per line; pasted URLs are reduced to their host; blanks and duplicates dropped. */
export function parseSites(text: string): { sites: string[]; invalid: string[] } {
  const sites: string[] = [];
  const invalid: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const raw = line.trim();
    if (!raw) continue;
    let host = raw.toLowerCase();
    try {
      host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`).hostname;
    } catch {
      invalid.push(raw);
      continue;
    }
    if (!host || host.length > 300) {
      invalid.push(raw);
      continue;
    }
    if (!sites.includes(host)) sites.push(host);
  }
  return { sites, invalid };
}

export function SettingsPanel() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState('');
  const [dwell, setDwell] = useState(300);
  const [sitesText, setSitesText] = useState('');
  const [hours, setHours] = useState('');
  const savedTimer = useRef<number | undefined>(undefined);

  const adopt = (s: Settings) => {
    setSettings(s);
    setDwell(s.dwellMs);
    setHours(String(s.syncHours));
  };

  useEffect(() => {
    void (async () => {
      const r = await send('getSettings', {});
      if (r.ok) {
        adopt(r.value);
        setSitesText(r.value.pausedSites.join('\n'));
      } else setError(r.error);
    })();
    return () => clearTimeout(savedTimer.current);
  }, []);

  const save = async (patch: Partial<Settings>, what: string): Promise<boolean> => {
    const before = settings;
    setError(null);
    if (before) setSettings({ ...before, ...patch }); // Show the change at once; undone if refused.
    const r = await send('setSettings', patch);
    if (!r.ok) {
      setError(r.error);
      if (before) adopt(before); // Show the values actually in effect.
      return false;
    }
    adopt(r.value);
    setSaved(t('settingsSaved', what));
    clearTimeout(savedTimer.current);
    savedTimer.current = window.setTimeout(() => setSaved(''), 2500);
    return true;
  };

  const saveSites = async () => {
    if (!settings) return;
    const { sites, invalid } = parseSites(sitesText);
    if (invalid.length > 0) {
      setError(`${t('settingsBadSites')}\n${invalid.slice(0, 10).join('\n')}`);
      return;
    }
    if (sites.length > MAX_SITES) {
      setError(t('settingsTooManySites', MAX_SITES));
      return;
    }
    const same = sites.length === settings.pausedSites.length && sites.every((s, i) => s === settings.pausedSites[i]);
    if (!same && !(await save({ pausedSites: sites }, t('settingsPausedLabel')))) return;
    setSitesText(sites.join('\n'));
  };

  const saveHours = () => {
    if (!settings) return;
    const n = Number(hours);
    if (!hours.trim() || !Number.isFinite(n) || n < 1 || n > 168) {
      setError(t('settingsSyncRange'));
      setHours(String(settings.syncHours));
      return;
    }
    const v = Math.round(n);
    if (v !== settings.syncHours) void save({ syncHours: v }, t('settingsSyncLabel'));
    else setHours(String(v));
  };

  const disabled = settings === null;

  return (
    <section class="panel" aria-labelledby="settings-heading">
      <div class="panel-head">
        <h2 id="settings-heading">{t('settingsTitle')}</h2>
        <p class="panel-lede">{t('settingsLede')}</p>
        <div role="status" class="saved-status">
          {saved && <span class="saved">{saved}</span>}
        </div>
      </div>

      {error && (
        <div role="alert" class="note error">
          <p class="pre" dir="auto">
            {untrusted(error, 4000)}
          </p>
        </div>
      )}

      <div class="settings">
        <div class="setting">
          <div class="setting-text">
            <label for="set-enabled" class="setting-label">
              {t('settingsEnabledLabel')}
            </label>
            <p class="setting-help" id="set-enabled-help">
              {t('settingsEnabledHelp')}
            </p>
          </div>
          <span class="switch">
            <input
              id="set-enabled"
              type="checkbox"
              aria-describedby="set-enabled-help"
              disabled={disabled}
              checked={settings?.enabled ?? false}
              onChange={(e) => save({ enabled: (e.currentTarget as HTMLInputElement).checked }, t('settingsEnabledLabel'))}
            />
          </span>
        </div>

        <div class="setting">
          <div class="setting-text">
            <label for="set-badge" class="setting-label">
              {t('settingsBadgeLabel')}
            </label>
            <p class="setting-help" id="set-badge-help">
              {t('settingsBadgeHelp')}
            </p>
          </div>
          <span class="switch">
            <input
              id="set-badge"
              type="checkbox"
              aria-describedby="set-badge-help"
              disabled={disabled}
              checked={settings?.badge ?? false}
              onChange={(e) => save({ badge: (e.currentTarget as HTMLInputElement).checked }, t('settingsBadgeLabel'))}
            />
          </span>
        </div>

        <Choice
          id="set-underline"
          name="settingsUnderlines"
          options={UNDERLINE_MODES}
          value={settings?.underlines ?? 'first'}
          disabled={disabled}
          onChange={(v) => save({ underlines: v as UnderlineMode }, t('settingsUnderlines'))}
        />
        <Choice
          id="set-card-theme"
          name="settingsCardTheme"
          options={CARD_THEMES}
          value={settings?.cardTheme ?? 'auto'}
          disabled={disabled}
          onChange={(v) => save({ cardTheme: v as CardTheme }, t('settingsCardTheme'))}
        />

        <div class="setting stacked">
          <div class="setting-text">
            <div class="setting-label-row">
              <label for="set-dwell" class="setting-label">
                {t('settingsDwellLabel')}
              </label>
              <output for="set-dwell" class="range-value" aria-live="off">
                {t('settingsMs', dwell)}
              </output>
            </div>
            <p class="setting-help" id="set-dwell-help">
              {t('settingsDwellHelp')}
            </p>
          </div>
          <input
            id="set-dwell"
            class="range"
            type="range"
            min={0}
            max={1500}
            step={50}
            value={dwell}
            disabled={disabled}
            aria-describedby="set-dwell-help"
            aria-valuetext={t('settingsMs', dwell)}
            style={{ '--fill': `${(dwell / 1500) * 100}%` }}
            onInput={(e) => setDwell(Number((e.currentTarget as HTMLInputElement).value))}
            onChange={(e) => {
              const v = Number((e.currentTarget as HTMLInputElement).value);
              if (settings && v !== settings.dwellMs) void save({ dwellMs: v }, t('settingsDwellLabel'));
            }}
          />
          <div class="range-scale" aria-hidden="true">
            <span>{t('settingsInstant')}</span>
            <span>{t('settingsMaxDwell')}</span>
          </div>
        </div>

        <div class="setting stacked">
          <div class="setting-text">
            <label for="set-paused" class="setting-label">
              {t('settingsPausedLabel')}
            </label>
            <p class="setting-help" id="set-paused-help">
              {t('settingsPausedHelp')}
            </p>
          </div>
          <textarea
            id="set-paused"
            rows={4}
            spellcheck={false}
            autoComplete="off"
            placeholder={t('settingsPausedPlaceholder')}
            aria-describedby="set-paused-help"
            disabled={disabled}
            value={sitesText}
            onInput={(e) => setSitesText((e.currentTarget as HTMLTextAreaElement).value)}
            onBlur={saveSites}
          />
        </div>

        <div class="setting">
          <div class="setting-text">
            <label for="set-sync" class="setting-label">
              {t('settingsSyncLabel')}
            </label>
            <p class="setting-help" id="set-sync-help">
              {t('settingsSyncHelp')}
            </p>
          </div>
          <span class="number-field">
            <input
              id="set-sync"
              type="number"
              min={1}
              max={168}
              step={1}
              inputMode="numeric"
              aria-describedby="set-sync-help"
              disabled={disabled}
              value={hours}
              onInput={(e) => setHours((e.currentTarget as HTMLInputElement).value)}
              onChange={saveHours}
            />
            <span class="unit" aria-hidden="true">
              {t('settingsHours')}
            </span>
          </span>
        </div>
      </div>
    </section>
  );
}

/** A setting with a few named values; its label, help and value names are messages `<name>`, `<name>Help`, `<name>_<value>`. */
function Choice(props: { id: string; name: string; options: readonly string[]; value: string; disabled: boolean; onChange: (v: string) => void }) {
  const { id, name, options, value, disabled, onChange } = props;
  return (
    <div class="setting">
      <div class="setting-text">
        <label for={id} class="setting-label">
          {t(name)}
        </label>
        <p class="setting-help" id={`${id}-help`}>
          {t(`${name}Help`)}
        </p>
      </div>
      <select
        id={id}
        aria-describedby={`${id}-help`}
        disabled={disabled}
        value={value}
        onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}
      >
        {options.map((m) => (
          <option key={m} value={m}>
            {t(`${name}_${m}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
