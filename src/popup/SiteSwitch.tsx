/** "On for <site>": pause or resume Backstory on the reader's tab; the page follows at once, no reload. */
import { useEffect, useState } from 'preact/hooks';
import { send } from '../shared/messaging';
import { t } from '../ui/i18n';
import type { ReaderTab } from './active-tab';

const siteOf = (host: string) => host.toLowerCase().replace(/^www\./, '');

export function SiteSwitch({ tab }: { tab: ReaderTab | null }) {
  const [on, setOn] = useState<boolean | null>(null);
  const [allOff, setAllOff] = useState(false);
  const site = tab?.host ? siteOf(tab.host) : '';
  useEffect(() => {
    if (!site) return;
    void send('getSettings', {}).then((r) => {
      if (!r.ok) return;
      setAllOff(!r.value.enabled);
      setOn(!r.value.pausedSites.map(siteOf).includes(site));
    });
  }, [site]);
  if (!site || on === null) return null;
  const toggle = async (enabled: boolean) => {
    setOn(enabled);
    const r = await send('setSiteEnabled', { host: site, enabled });
    if (r.ok) setOn(!r.value.pausedSites.map(siteOf).includes(site));
  };
  return (
    <div class="site-switch">
      <label class="switch">
        <input
          id="site-switch"
          type="checkbox"
          role="switch"
          aria-checked={on && !allOff}
          checked={on && !allOff}
          disabled={allOff}
          onChange={(e) => void toggle((e.currentTarget as HTMLInputElement).checked)}
        />
        <span class="switch-label" dir="auto">
          {t('popupOnForSite', site)}
        </span>
      </label>
      {allOff && <span class="site-note">{t('popupAllOff')}</span>}
    </div>
  );
}
