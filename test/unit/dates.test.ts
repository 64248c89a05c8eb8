import { describe, expect, it } from 'vitest';
import { ageInWords, compareDatesDesc, formatDate, isAfter } from '../../src/core/dates';

describe('formatDate', () => {
  it('shows a date at its precision', () => {
    expect(formatDate('2020')).toBe('2020');
    expect(formatDate('2020-02')).toBe('Feb 2020');
    expect(formatDate('2020-02-29')).toBe('29 Feb 2020');
    expect(formatDate('1999-12-01')).toBe('1 Dec 1999');
  });
  it('prefixes approximate dates with "c."', () => {
    expect(formatDate('2020~')).toBe('c. 2020');
    expect(formatDate('2020-02~')).toBe('c. Feb 2020');
    expect(formatDate('2020-02-29~')).toBe('c. 29 Feb 2020');
  });
  it('returns unreadable input unchanged', () => {
    expect(formatDate('yesterday')).toBe('yesterday');
    expect(formatDate('2020-13')).toBe('2020-13');
    expect(formatDate('')).toBe('');
  });
});

describe('compareDatesDesc', () => {
  it('sorts newest first, partial dates as the start of their period', () => {
    const dates = ['2019', '2020-05', '2020', '2021-01-02', '2020-05-03~', '2020-11-30', '2021-01-01'];
    expect([...dates].sort(compareDatesDesc)).toEqual(['2021-01-02', '2021-01-01', '2020-11-30', '2020-05-03~', '2020-05', '2020', '2019']);
  });
  it('treats "~" as equal and puts unreadable dates last', () => {
    expect(compareDatesDesc('2020-01~', '2020-01')).toBe(0);
    expect(['bad', '2001', 'worse', '2002'].sort(compareDatesDesc).slice(0, 2)).toEqual(['2002', '2001']);
  });
});

describe('isAfter', () => {
  const article = '2020-05-03T10:00:00Z';
  it('compares full dates strictly', () => {
    expect(isAfter('2020-05-04', article)).toBe(true);
    expect(isAfter('2020-05-03', article)).toBe(false);
    expect(isAfter('2020-05-02', article)).toBe(false);
  });
  it('compares partial dates at their precision', () => {
    expect(isAfter('2020', article)).toBe(false);
    expect(isAfter('2021', article)).toBe(true);
    expect(isAfter('2019', article)).toBe(false);
    expect(isAfter('2020-05', article)).toBe(false);
    expect(isAfter('2020-06', article)).toBe(true);
    expect(isAfter('2020-04', article)).toBe(false);
    expect(isAfter('2020-06~', article)).toBe(true);
  });
  it('uses the calendar date as written in the timestamp', () => {
    expect(isAfter('2020-05-04', '2020-05-03T23:30:00-05:00')).toBe(true);
    expect(isAfter('2020-05-04', '2020-05-04T01:00:00+05:00')).toBe(false);
  });
  it('accepts a plain or partial article date, and other Date.parse formats', () => {
    expect(isAfter('2020-05-04', '2020-05-03')).toBe(true);
    expect(isAfter('2020-05-04', '2020-05')).toBe(false);
    expect(isAfter('2020-06-01', '2020-05')).toBe(true);
    expect(isAfter('2020-05-04', 'Sun, 03 May 2020 10:00:00 GMT')).toBe(true);
  });
  it('is false for unreadable input', () => {
    expect(isAfter('2020-05-04', 'not a date')).toBe(false);
    expect(isAfter('soon', article)).toBe(false);
    expect(isAfter('2020-05-04', '')).toBe(false);
  });
});

describe('ageInWords', () => {
  const now = new Date('2025-09-17T12:00:00Z');
  it('counts days, months and years', () => {
    expect(ageInWords('2025-09-17T06:00:00Z', now)).toBe('less than a day old');
    expect(ageInWords('2025-09-16T12:00:00Z', now)).toBe('1 day old');
    expect(ageInWords('2025-09-14T00:00:00Z', now)).toBe('3 days old');
    expect(ageInWords('2025-08-20T00:00:00Z', now)).toBe('28 days old');
    expect(ageInWords('2025-07-10T00:00:00Z', now)).toBe('2 months old');
    expect(ageInWords('2025-08-01T00:00:00Z', now)).toBe('1 month old');
    expect(ageInWords('2024-09-17T00:00:00Z', now)).toBe('1 year old');
    expect(ageInWords('2022-01-01T00:00:00Z', now)).toBe('3 years old');
  });
  it('handles the future and unreadable input', () => {
    expect(ageInWords('2025-09-20T00:00:00Z', now)).toBe('less than a day old');
    expect(ageInWords('garbage', now)).toBe('');
  });
});
