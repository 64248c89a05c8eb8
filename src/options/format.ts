/** Small formatting helpers for the options page. Pure. */
import { shown } from '../ui/safe-text';

const INT = new Intl.NumberFormat('en-US');

/** 12000 → "12,000". */
export const fmtInt = (n: number): string => INT.format(n);

/** "1 entity", "12,000 entities". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${fmtInt(n)} ${n === 1 ? one : many}`;
}

/** Untrusted text, made safe to display as text: bidi controls removed, optionally clipped. */
export const untrusted = (s: string | undefined, max?: number): string => {
  if (!s) return '';
  return shown(s, max);
};

/** Megabytes with one decimal: 12_582_912 → "12.0 MB". */
export function fmtMB(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

function parseTime(iso: string | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Absolute local date and time ("12 Mar 2025, 14:05"), or null when the timestamp is missing or invalid. */
export function fmtDateTime(iso: string | undefined): string | null {
  const d = parseTime(iso);
  return d ? new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(d) : null;
}

const REL = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600e3],
  ['month', 30 * 24 * 3600e3],
  ['week', 7 * 24 * 3600e3],
  ['day', 24 * 3600e3],
  ['hour', 3600e3],
  ['minute', 60e3],
];

/** "3 hours ago", "in 2 days", "just now"; null for a missing or invalid timestamp. */
export function fmtRelative(iso: string | undefined, now = Date.now()): string | null {
  const d = parseTime(iso);
  if (!d) return null;
  const diff = d.getTime() - now;
  if (Math.abs(diff) < 45e3) return diff <= 0 ? 'just now' : 'in less than a minute';
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === 'minute') return REL.format(Math.round(diff / ms), unit);
  }
  return null;
}
