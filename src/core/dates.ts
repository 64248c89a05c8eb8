/**
 * Pack dates: YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by "~" (approximate).
 * Everything here is pure and runs in Node; nothing depends on the local time zone.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Leading YYYY[-MM[-DD]] of a pack date or of an ISO timestamp. */
const LEADING = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/;

interface Parts {
  year: number;
  /** 1..12, or 0 when the date is only a year. */
  month: number;
  /** 1..31, or 0 when the date has no day. */
  day: number;
  /** 1 = year, 2 = month, 3 = day. */
  precision: 1 | 2 | 3;
  approx: boolean;
}

function parse(d: string): Parts | null {
  const m = LEADING.exec(d);
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : 0;
  const day = m[3] ? Number(m[3]) : 0;
  if (m[2] && (month < 1 || month > 12)) return null;
  if (m[3] && (day < 1 || day > 31)) return null;
  return { year, month, day, precision: m[3] ? 3 : m[2] ? 2 : 1, approx: d.endsWith('~') };
}

/** "2020" → "2020", "2020-02" → "Feb 2020", "2020-02-29" → "29 Feb 2020", "2020~" → "c. 2020". Unparseable input is returned unchanged. */
export function formatDate(d: string): string {
  const p = parse(d);
  if (!p) return d;
  const prefix = p.approx ? 'c. ' : '';
  if (p.precision === 1) return `${prefix}${p.year}`;
  const mon = MONTHS[p.month - 1];
  if (p.precision === 2) return `${prefix}${mon} ${p.year}`;
  return `${prefix}${p.day} ${mon} ${p.year}`;
}

/**
 * Newest first. A partial date sorts as the start of its period, so within the same year
 * "2020-05-03" and "2020-05" come before "2020". Unparseable dates sort last; "~" is ignored.
 */
export function compareDatesDesc(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  if (!pa || !pb) return pa ? -1 : pb ? 1 : 0;
  return pb.year - pa.year || pb.month - pa.month || pb.day - pa.day;
}

/**
 * Is pack date `d` strictly after the article date `isoDate` (an ISO date or timestamp)?
 * Compared at the coarser of the two precisions: "2020" is not after 2020-05-03, "2021" is;
 * "2020-06" is after 2020-05-03, "2020-05" is not. The article's calendar date is taken as
 * written (its own time zone). Returns false when either date cannot be read.
 */
export function isAfter(d: string, isoDate: string): boolean {
  const p = parse(d);
  let q = parse(isoDate);
  if (!q) {
    const t = Date.parse(isoDate);
    if (Number.isNaN(t)) return false;
    const u = new Date(t);
    q = { year: u.getUTCFullYear(), month: u.getUTCMonth() + 1, day: u.getUTCDate(), precision: 3, approx: false };
  }
  if (!p) return false;
  const prec = Math.min(p.precision, q.precision);
  if (p.year !== q.year) return p.year > q.year;
  if (prec < 2) return false;
  if (p.month !== q.month) return p.month > q.month;
  if (prec < 3) return false;
  return p.day > q.day;
}

const DAY = 86_400_000;

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'} old`;

/**
 * Age of an ISO timestamp relative to `now`: "less than a day old", "3 days old", "2 months old",
 * "1 year old". A timestamp in the future (clock skew) reads as "less than a day old";
 * an unreadable one gives "".
 */
export function ageInWords(iso: string, now: Date): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const then = new Date(t);
  const ms = now.getTime() - t;
  if (ms < DAY) return 'less than a day old';
  const days = Math.floor(ms / DAY);
  if (days < 31) return plural(days, 'day');
  // Whole calendar months, in UTC.
  let months = (now.getUTCFullYear() - then.getUTCFullYear()) * 12 + (now.getUTCMonth() - then.getUTCMonth());
  if (now.getUTCDate() < then.getUTCDate()) months -= 1;
  months = Math.max(1, months);
  if (months < 12) return plural(months, 'month');
  return plural(Math.floor(months / 12), 'year');
}
