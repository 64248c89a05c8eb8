/** Small formatting helpers for the options page. Pure. */

import { fmtInt } from '../ui/dates';
import { shown } from '../ui/safe-text';

export { fmtInt, fmtMB } from '../ui/dates';

/** "1 entity", "12,000 entities". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${fmtInt(n)} ${n === 1 ? one : many}`;
}

/** Untrusted text, made safe to display as text: bidi controls removed, optionally clipped. */
export const untrusted = (s: string | undefined, max?: number): string => {
  if (!s) return '';
  return shown(s, max);
};

export { fmtDateTime, fmtRelative } from '../ui/dates';
