/**
 * Firefox: when "Full backstory" could not open the sidebar (the reader's click on a card does not
 * count as input for the extension; see background/sidebar-firefox.ts), this page opens in a tab.
 * A click here does count: "Show in the sidebar" opens the sidebar, whose panel for the article's
 * tab the worker has already set to this entity, and this tab closes, giving the article back.
 * With the sidebar open, later cards' "Full backstory" shows there directly.
 */
import { useEffect, useState } from 'preact/hooks';
import browser from '../shared/browser';
import { t } from '../ui/i18n';
import { PanelIcon } from '../ui/icons';
import { commandShortcut } from '../ui/links';

export function ToSidebar() {
  const [opener, setOpener] = useState<number | null>(null);
  const [shortcut, setShortcut] = useState('');
  useEffect(() => {
    if (!('sidebarAction' in browser)) return;
    // In the sidebar there is no current tab; in a tab opened by the worker, its opener is the article.
    void browser.tabs.getCurrent().then((tab) => setOpener(tab?.openerTabId ?? null));
    void commandShortcut('full-backstory').then(setShortcut);
  }, []);
  if (opener === null) return null;
  const onClick = (e: MouseEvent) => {
    if (!e.isTrusted) return;
    // First, while the click counts as the reader's input.
    const open = browser.sidebarAction.open();
    void open
      .then(async () => {
        await browser.tabs.update(opener, { active: true });
        const self = await browser.tabs.getCurrent();
        if (self?.id !== undefined) await browser.tabs.remove(self.id);
      })
      .catch(() => {}); // Not opened: this tab stays, and still shows everything.
  };
  return (
    <p class="to-sidebar">
      <button type="button" class="full" onClick={onClick}>
        <PanelIcon />
        {t('panelShowInSidebar')}
      </button>
      <span class="hint">{shortcut ? t('panelSidebarHintKey', shortcut) : t('panelSidebarHint')}</span>
    </p>
  );
}
