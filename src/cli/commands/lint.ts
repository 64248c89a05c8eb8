import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { isGzip, parsePackJson } from '../../core/pack-validate';
import { lintPack } from '../lint';
import type { Finding } from '../lint/findings';
import { loadLintData } from '../lint/lint-data';
import type { Command } from './index';

/** Per rule, print this many findings and then a count, so a big pack's report stays readable. */
const SHOWN_PER_RULE = 20;

function report(file: string, findings: Finding[]): void {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) byRule.set(`${f.severity}:${f.rule}`, [...(byRule.get(`${f.severity}:${f.rule}`) ?? []), f]);
  for (const [, group] of [...byRule].sort(([a], [b]) => a.localeCompare(b))) {
    for (const f of group.slice(0, SHOWN_PER_RULE)) console.log(`${file}: ${f.severity} [${f.rule}] ${f.where}: ${f.message}`);
    if (group.length > SHOWN_PER_RULE) console.log(`${file}: … and ${group.length - SHOWN_PER_RULE} more [${group[0].rule}] ${group[0].severity}s`);
  }
}

export const lint: Command = {
  summary: 'lint FILE — a second opinion on a pack: duplicates, dates, paraphrases, mirror sources, risky aliases',
  async run(args) {
    const file = args[0];
    if (!file) throw new Error('usage: lint FILE');
    const bytes = readFileSync(file);
    const parsed = parsePackJson((isGzip(bytes) ? gunzipSync(bytes) : bytes).toString('utf8'));
    if (!parsed.ok) {
      console.error(`${file}: error ${parsed.error.map((p) => p.message).join('; ')}`);
      return 1;
    }
    const findings = lintPack(parsed.value, loadLintData());
    report(file, findings);
    const errors = findings.filter((f) => f.severity === 'error').length;
    console.log(`${file}: ${errors} error${errors === 1 ? '' : 's'}, ${findings.length - errors} warning${findings.length - errors === 1 ? '' : 's'}`);
    return errors ? 1 : 0;
  },
};
