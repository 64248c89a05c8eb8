import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/cli/commands/lint';
import { lintPack } from '../../src/cli/lint';
import type { Finding } from '../../src/cli/lint/findings';
import { loadLintData } from '../../src/cli/lint/lint-data';
import { fixture } from './build-helpers';

const data = loadLintData();
const findings = lintPack(JSON.parse(readFileSync(fixture('lint-problems.json'), 'utf8')), data);
const of = (rule: string) => findings.filter((f) => f.rule === rule);
const summary = (fs: Finding[]) => fs.map((f) => `${f.severity} ${f.where}`);

describe('pack lint on a fixture with one of each problem', () => {
  it('duplicate events: overlapping dates with mostly the same entities, or near-identical titles', () => {
    expect(summary(of('duplicate-event'))).toEqual(['error events[1] (ev-ceasefire-2)', 'error events[3] (ev-summit-again)']);
    // Same entities on the next day, with different titles, are different happenings.
    expect(findings.some((f) => f.where.includes('ev-next-day') && f.rule === 'duplicate-event')).toBe(false);
  });

  it('items dated after their own source (unless approximate), and undated sources', () => {
    expect(summary(of('dated-after-source'))).toEqual(['error statements[2] (st-late)']);
    expect(summary(of('undated-source'))).toEqual(['warning statements[4] (st-undated).source']);
  });

  it('quotes whose context admits a paraphrase', () => {
    expect(summary(of('paraphrased-quote'))).toEqual(['error statements[1] (st-paraphrase)']);
  });

  it('sources on mirror or syndication domains, from the data file', () => {
    expect(summary(of('mirror-source'))).toEqual(['warning entities[0] (alpha).sources[0]', 'warning events[4] (ev-other-day).source']);
    expect(data.mirrorDomains.has('wikimili.com')).toBe(true);
  });

  it('ordinary-word aliases not marked standalone:false or case-sensitive', () => {
    // "Reading" and "Bath" are marked, "TTP" is an acronym, "Alphonse" is a name.
    expect(of('ordinary-word-alias').map((f) => f.message.split('"')[1])).toEqual(['Mobile']);
  });

  it('entities with no description (warning) or no source (error)', () => {
    expect(summary(of('entity-without-description'))).toEqual(['warning entities[1] (beta)']);
    expect(summary(of('entity-without-source'))).toEqual(['error entities[2] (gamma)']);
    // The validator's own refusal is reported as an error too.
    expect(of('invalid').length).toBeGreaterThan(0);
  });

  it('the command exits 1 on errors and 0 on a pack with warnings only', async () => {
    const log = console.log;
    const lines: string[] = [];
    console.log = (s: string) => lines.push(s);
    try {
      expect(await lint.run([fixture('lint-problems.json')])).toBe(1);
      expect(lines.at(-1)).toMatch(/: \d+ errors, \d+ warnings$/);
      expect(await lint.run([fixture('merge/base.json')])).toBe(0);
    } finally {
      console.log = log;
    }
  });
});
