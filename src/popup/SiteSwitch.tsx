/** "On for <site>": pause or resume Backstory on the reader's tab; the page follows at once, no reload. */
import { useEffect, useState } from 'preact/hooks';
import { send } from '../shared/messaging';
import { t } from '../ui/i18n';
import type { ReaderTab } from './active-tab';

const siteOf = (host: string) => host.toLowerCase().replace(/^www\./, '');

/**
 * `tab`: undefined while the popup is still finding the reader's tab. Until the switch can show its
 * state, an invisible row of its height holds its place, so the search box below does not jump
 * down under the reader's typing when it arrives; where there is no site to switch, it goes.
 */
export function SiteSwitch({ tab }: { tab: ReaderTab | null | undefined }) {
  const [on, setOn] = useState<boolean | null>(null);
  const [allOff, setAllOff] = useState(false);
  /** The settings could not be read: no switch (the search still works). */
  const [unknown, setUnknown] = useState(false);
  const site = tab?.host ? siteOf(tab.host) : '';
  useEffect(() => {
    if (!site) return;
    void send('getSettings', {}).then((r) => {
      if (!r.ok) return setUnknown(true);
      setAllOff(!r.value.enabled);
      setOn(!r.value.pausedSites.map(siteOf).includes(site));
    });
  }, [site]);
  if ((tab !== undefined && !site) || unknown) return null;
  if (on === null)
    return (
      <div class="site-switch-placeholder" aria-hidden="true">
        <label class="switch">
          <input type="checkbox" tabIndex={-1} disabled />
          <span class="switch-label">{'\u00a0'}</span>
        </label>
      </div>
    );
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
