/**
 * The one way untrusted text (pack data, page data, error messages) reaches the screen: bidi
 * controls removed so it cannot reorder the text around it, optionally clipped. Render the result
 * as JSX text or an attribute value only, in an element with `dir="auto"`.
 */
import { clip, isolateBidi } from '../core/safe-text';

export { safeHttpUrl } from '../core/safe-text';

export function shown(s: string, max?: number): string {
  return isolateBidi(max === undefined ? s : clip(s, max));
}

/** The host a link leads to, without "www.", for display beside its label ("" when unparsable). */
export function hostOf(href: string): string {
  try {
    return new URL(href).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}
