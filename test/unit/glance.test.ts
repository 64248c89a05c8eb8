import { describe, expect, it } from 'vitest';
import type { CardEvent, CardStatement } from '../../src/shared/card-data';
import { glanceOf, SECOND_QUOTE_MAX_CHARS } from '../../src/ui/glance';

const source = { title: 't', url: 'https://news.example/a' };
const st = (id: string, date: string, text = 'Short.'): CardStatement => ({ id, date, text, source });
const ev = (id: string, date: string): CardEvent => ({ id, date, title: id, source, with: [] });

describe('what the card shows at a glance', () => {
  it('the latest statements dated before the article, and the latest such event', () => {
    const g = glanceOf(
      {
        statements: [st('old', '2020-01-01'), st('late', '2025-10-01'), st('recent', '2025-09-15~'), st('mid', '2024-05')],
        events: [ev('e1', '2025-09-19'), ev('e2', '2025-09-25')],
      },
      '2025-09-20T08:00:00.000Z',
    );
    expect(g.statements.map((s) => s.id)).toEqual(['recent', 'mid']);
    expect(g.event?.id).toBe('e1');
    expect(g.newer).toBe(2);
  });

  it('one statement when the first is long, so the quote fits without scrolling', () => {
    const long = 'x'.repeat(SECOND_QUOTE_MAX_CHARS + 1);
    const g = glanceOf({ statements: [st('a', '2025-01-02', long), st('b', '2025-01-01')], events: [] }, undefined);
    expect(g.statements.map((s) => s.id)).toEqual(['a']);
  });

  it('every date counts when the article has none', () => {
    const g = glanceOf({ statements: [st('future', '2030-01-01')], events: [ev('e', '2031-01-01')] });
    expect(g.statements.map((s) => s.id)).toEqual(['future']);
    expect(g.event?.id).toBe('e');
    expect(g.newer).toBe(0);
  });
});
