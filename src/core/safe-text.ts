/**
 * Helpers for showing untrusted pack text and links. Pure; runs in Node.
 */

/**
 * The URL, normalised by the URL parser (`new URL(url).href`), when it parses as an absolute
 * http: or https: URL; otherwise null (javascript:, data:, relative, malformed, empty).
 */
export function safeHttpUrl(url?: string): string | null {
  if (typeof url !== 'string' || url.length === 0) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
}

/**
 * Bidirectional control characters: embeddings and overrides (U+202A–U+202E), isolates
 * (U+2066–U+2069), LRM/RLM (U+200E, U+200F) and the Arabic letter mark (U+061C).
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/**
 * Removes bidirectional control characters so untrusted text cannot reorder the text around
 * it (a "Trojan Source"-style spoof). Right-to-left letters themselves are kept; render the
 * result in an element with `dir="auto"` so mixed-direction text still displays naturally.
 */
export function isolateBidi(s: string): string {
  return s.replace(BIDI_CONTROLS, '');
}

/**
 * At most `max` UTF-16 code units, ending in "…" when shortened. Never splits a surrogate pair
 * and drops whitespace before the ellipsis.
 */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  if (max <= 0) return '';
  let end = max - 1;
  const c = s.charCodeAt(end - 1);
  if (end > 0 && c >= 0xd800 && c <= 0xdbff) end -= 1;
  return `${s.slice(0, end).trimEnd()}…`;
}
