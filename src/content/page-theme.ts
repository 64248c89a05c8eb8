/**
 * The card follows the page: dark on a dark page, light on a light (or cream) one, whatever the
 * system theme, unless the reader chose a theme in the settings.
 */
import { parseCssColor, themeForBackground } from '../core/luminance';
import type { CardTheme } from '../shared/card-data';

/** The first mostly opaque background behind `el`, from the element up to the root. */
function backgroundBehind(el: Element | null) {
  for (let e = el; e; e = e.parentElement) {
    const c = parseCssColor(getComputedStyle(e).backgroundColor);
    if (c && c.a >= 0.5) return c;
  }
  return null;
}

export function cardThemeAt(el: Element | null, choice: CardTheme): 'light' | 'dark' {
  if (choice !== 'auto') return choice;
  const bg = backgroundBehind(el);
  if (bg) return themeForBackground(bg);
  // A transparent page shows the canvas: dark only if the page opts into dark and the system is dark.
  const scheme = getComputedStyle(document.documentElement).colorScheme;
  return /\bdark\b/.test(scheme) && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
