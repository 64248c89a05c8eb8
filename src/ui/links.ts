// Addresses shown on Backstory's pages, from the manifest (one place to change them).
import browser from '../shared/browser';

export const homepage = (): string => (browser.runtime.getManifest() as { homepage_url?: string }).homepage_url ?? '';

/** The privacy policy (docs/privacy.md in the source, published next to the homepage). */
export const privacyUrl = (): string => new URL('docs/privacy.md', homepage().replace(/\/?$/, '/')).href;

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
