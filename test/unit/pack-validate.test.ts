import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeProblems, parsePackJson, validatePack } from '../../src/core/pack-validate';

const minimal = () => ({
  format: 'backstory-pack',
  formatVersion: 1,
  id: 'test-pack',
  version: 2,
  title: 'Test pack',
  entities: [
    {
      id: 'zalmay-khalilzad',
      type: 'person',
      name: 'Zalmay Khalilzad',
      aliases: ['Khalilzad', { text: 'Zal', standalone: false }],
      sources: [{ url: 'https://example.org/a' }],
    },
  ],
  statements: [{ id: 's1', entity: 'zalmay-khalilzad', date: '2025-09-15', text: 'A quote.', source: { publisher: 'Desk', date: '2025-09-16' } }],
  events: [{ id: 'e1', date: '2020-02-29', title: 'Signed', entities: ['zalmay-khalilzad'], source: { url: 'https://example.org/b' } }],
});

const problems = (data: unknown) => {
  const r = validatePack(data);
  return r.ok ? '' : describeProblems(r.error);
};

describe('pack validation', () => {
  it('accepts a valid pack', () => {
    expect(validatePack(minimal()).ok).toBe(true);
  });

  it('accepts the shipped default pack, where every item has a source', () => {
    const text = readFileSync(new URL('../../extension/packs/default.json', import.meta.url), 'utf8');
    const parsed = parsePackJson(text);
    expect(parsed.ok).toBe(true);
    const r = validatePack(parsed.ok ? parsed.value : null);
    expect(r.ok ? 'valid' : describeProblems(r.error)).toBe('valid');
  });

  it('names the JSON path of every error', () => {
    const p = minimal() as any;
    p.entities[0].aliases[1] = 42;
    expect(problems(p)).toMatch(/^entities\[0\]\.aliases\[1\]: /m);
    const q = minimal() as any;
    q.entities[0].type = 'robot';
    expect(problems(q)).toContain('entities[0].type: expected one of person');
    const r = minimal() as any;
    delete r.entities[0].name;
    expect(problems(r)).toContain('entities[0].name: required field is missing');
  });

  it('rejects unknown references and duplicate ids', () => {
    const p = minimal() as any;
    p.statements[0].entity = 'nobody';
    expect(problems(p)).toContain('statements[0].entity: unknown entity "nobody"');
    const q = minimal() as any;
    q.entities.push({ ...q.entities[0] });
    expect(problems(q)).toContain('entities[1].id: duplicate entity id "zalmay-khalilzad"');
    const r = minimal() as any;
    r.events[0].entities.push('ghost');
    expect(problems(r)).toContain('events[0].entities[1]: unknown entity "ghost"');
  });

  it('requires a source with a url, or a publisher and a date', () => {
    const p = minimal() as any;
    p.statements[0].source = { publisher: 'Desk' };
    expect(problems(p)).toContain('statements[0].source: a source needs a url, or a publisher and a date');
    const q = minimal() as any;
    q.entities[0].sources = [{ url: 'javascript:alert(1)' }];
    expect(problems(q)).toContain('entities[0].sources[0].url: expected an http(s) URL');
  });

  it('checks dates, ids and lengths', () => {
    const p = minimal() as any;
    p.events[0].date = '29/02/2020';
    expect(problems(p)).toContain('events[0].date: expected YYYY');
    const ok = minimal() as any;
    ok.events[0].date = '2020-02~';
    expect(validatePack(ok).ok).toBe(true);
    const q = minimal() as any;
    q.id = 'Bad ID';
    expect(problems(q)).toContain('id: must be lowercase');
    const r = minimal() as any;
    r.entities[0].summary = 'x'.repeat(5000);
    expect(problems(r)).toContain('entities[0].summary: longer than 4000 characters');
  });

  it('reports truncated JSON clearly', () => {
    const text = JSON.stringify(minimal());
    const r = parsePackJson(text.slice(0, text.length / 2));
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : describeProblems(r.error)).toMatch(/not valid JSON.*truncated/);
  });

  it('never throws on arbitrary JSON: always a pack or a list of problems', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const r = validatePack(value);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.error.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on arbitrary mutations of a valid pack', () => {
    fc.assert(
      fc.property(fc.constantFrom('entities', 'statements', 'events', 'id', 'version', 'title'), fc.jsonValue(), (key, value) => {
        const p = minimal() as any;
        p[key] = value;
        const r = validatePack(p);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});
