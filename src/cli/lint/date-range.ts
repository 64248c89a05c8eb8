/** A pack date as a span of days: "2025" covers the year, "2025-10" the month; "~" widens it. */
export interface DaySpan {
  start: number;
  end: number;
  approx: boolean;
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(~)?$/;
const dayNumber = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;

/** Widening of an approximate date: a week around a day, a month around a month, a year around a year. */
const APPROX_DAYS = { day: 7, month: 31, year: 366 };

export function daySpan(value: unknown): DaySpan | undefined {
  if (typeof value !== 'string') return undefined;
  const m = DATE.exec(value);
  if (!m) return undefined;
  const y = Number(m[1]);
  const approx = Boolean(m[4]);
  let start: number;
  let end: number;
  let widen: number;
  if (m[3]) {
    start = end = dayNumber(y, Number(m[2]), Number(m[3]));
    widen = APPROX_DAYS.day;
  } else if (m[2]) {
    start = dayNumber(y, Number(m[2]), 1);
    end = dayNumber(y, Number(m[2]) + 1, 1) - 1;
    widen = APPROX_DAYS.month;
  } else {
    start = dayNumber(y, 1, 1);
    end = dayNumber(y + 1, 1, 1) - 1;
    widen = APPROX_DAYS.year;
  }
  return approx ? { start: start - widen, end: end + widen, approx } : { start, end, approx };
}

/** Do two spans overlap, allowing `slack` days? */
export const overlaps = (a: DaySpan, b: DaySpan, slack = 0) => a.start <= b.end + slack && b.start <= a.end + slack;
