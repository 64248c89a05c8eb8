// Addresses shown on Backstory's pages (one place to change them).
import browser from '../shared/browser';

/** The privacy policy: docs/privacy.md, built into the extension as privacy.html (scripts/privacy-page.mjs). */
export const privacyUrl = (): string => browser.runtime.getURL('privacy.html');

export const isFirefox = (): boolean => browser.runtime.getURL('').startsWith('moz-extension:');

/** Where the reader changes the keyboard shortcut. */
export const shortcutsUrl = (): string => (isFirefox() ? 'about:addons' : 'chrome://extensions/shortcuts');

/** The shortcut the reader has for one of the manifest's commands ('' when none is set). */
export async function commandShortcut(name: string): Promise<string> {
  try {
    const all = await browser.commands.getAll();
    return all.find((c) => c.name === name)?.shortcut ?? '';
  } catch {
    return '';
  }
}

/** The shortcut the reader has for opening a card ('' when none is set). */
export const openCardShortcut = (): Promise<string> => commandShortcut('open-card');
