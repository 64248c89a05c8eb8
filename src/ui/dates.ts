/**
 * The one date format of Backstory's pages: the browser's locale (navigator language), never a
 * fixed one, so a row never mixes two conventions. Pack dates may be partial ("2020", "2020-02").
 */
import { t } from './i18n';

const locale = (): string | undefined => (typeof navigator !== 'undefined' ? navigator.language : undefined);

function parseTime(iso: string | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A pack date at its own precision: "2020", "Feb 2020", "29 Feb 2020" (in the reader's locale). Unreadable input comes back as is. */
export function fmtDate(d: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(d);
  if (!m) return d;
  const [year, month, day] = [Number(m[1]), m[2] ? Number(m[2]) : 1, m[3] ? Number(m[3]) : 1];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (Number.isNaN(date.getTime())) return d;
  const opts: Intl.DateTimeFormatOptions = m[3] ? { dateStyle: 'medium' } : m[2] ? { year: 'numeric', month: 'short' } : { year: 'numeric' };
  return new Intl.DateTimeFormat(locale(), { ...opts, timeZone: 'UTC' }).format(date);
}

/** Absolute local date and time ("12 Mar 2025, 14:05"), or null when the timestamp is missing or invalid. */
export function fmtDateTime(iso: string | undefined): string | null {
  const d = parseTime(iso);
  return d ? new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(d) : null;
}

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
  if (Math.abs(diff) < 45e3) return t('timeJustNow');
  const rel = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === 'minute') return rel.format(Math.round(diff / ms), unit);
  }
  return null;
}

/** Whole numbers in the reader's locale: 12000 → "12,000" (en), "12 000" (fr). */
export const fmtInt = (n: number): string => new Intl.NumberFormat(locale()).format(n);

/** A download size a reader can picture: "840 KB", "12.0 MB". */
export function fmtSize(bytes: number): string {
  if (bytes < 1024 * 1024) return t('sizeKB', new Intl.NumberFormat(locale()).format(Math.max(1, Math.round(bytes / 1024))));
  return fmtMB(bytes);
}

/** Megabytes with one decimal: 12_582_912 → "12.0 MB". */
export function fmtMB(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return t('sizeMB', new Intl.NumberFormat(locale(), { maximumFractionDigits: mb < 10 ? 1 : 0, minimumFractionDigits: mb < 10 ? 1 : 0 }).format(mb));
}
