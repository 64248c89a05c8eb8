import { validatePack } from '../../core/pack-validate';
import { duplicateEvents } from './duplicate-events';
import { type Finding, type LoosePack, list } from './findings';
import type { LintData } from './lint-data';
import { datedSources, mirrorSources } from './source-rules';
import { entityBasics, ordinaryWordAliases, paraphrasedQuotes } from './text-rules';

/**
 * The publisher's second opinion on a pack: the validator's problems (errors), then rules the
 * format cannot express. Runs on invalid packs too, so every rule reads fields defensively.
 */
export function lintPack(data: unknown, lintData: LintData): Finding[] {
  const findings: Finding[] = [];
  const valid = validatePack(data);
  if (!valid.ok) for (const p of valid.error) findings.push({ severity: 'error', rule: 'invalid', where: p.path || '(pack)', message: p.message });
  const pack: LoosePack = data && typeof data === 'object' ? (data as LoosePack) : {};
  const entities = list<NonNullable<LoosePack['entities']>[number]>(pack.entities);
  findings.push(
    ...duplicateEvents(list(pack.events)),
    ...datedSources(pack),
    ...paraphrasedQuotes(list(pack.statements), lintData.paraphraseMarkers),
    ...mirrorSources(pack, lintData.mirrorDomains),
    ...ordinaryWordAliases(entities, lintData.ordinaryWords),
    ...entityBasics(entities),
  );
  return findings;
}
