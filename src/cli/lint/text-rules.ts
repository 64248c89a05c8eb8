import { at, type Finding, type LooseEntity, type LooseStatement, list } from './findings';

/**
 * Quotes must be verbatim: a context that admits the words may be a paraphrase ("the wording may
 * paraphrase the post") is an error. The phrases are data (packs/lint/paraphrase-markers.txt).
 */
export function paraphrasedQuotes(statements: LooseStatement[], markers: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  statements.forEach((s, i) => {
    const context = typeof s.context === 'string' ? s.context.toLowerCase() : '';
    const hit = markers.find((m) => new RegExp(`(^|[^\\p{L}])${m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\p{L}]|$)`, 'u').test(context));
    if (hit) {
      findings.push({
        severity: 'error',
        rule: 'paraphrased-quote',
        where: at('statements', i, s),
        message: `the context says "${hit}": a quote must be the speaker's verbatim words; find the original wording or remove it`,
      });
    }
  });
  return findings;
}

const aliasParts = (a: unknown): { text: string; marked: boolean } | undefined => {
  if (typeof a === 'string') return { text: a, marked: false };
  if (a && typeof a === 'object' && typeof (a as { text?: unknown }).text === 'string') {
    const o = a as { text: string; standalone?: unknown; caseSensitive?: unknown };
    return { text: o.text, marked: o.standalone === false || o.caseSensitive === true };
  }
  return undefined;
};

/**
 * A one-word alias that is an ordinary English word ("Mobile", "Reading") matches everyday text
 * unless it is marked `standalone: false` or case-sensitive. Acronyms in capitals are strict already.
 */
export function ordinaryWordAliases(entities: LooseEntity[], ordinary: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  entities.forEach((e, i) => {
    list<unknown>(e.aliases).forEach((a, j) => {
      const p = aliasParts(a);
      if (!p || p.marked) return;
      const word = p.text.trim();
      if (/\s/.test(word) || word === word.toUpperCase()) return;
      if (ordinary.has(word.toLowerCase())) {
        findings.push({
          severity: 'warning',
          rule: 'ordinary-word-alias',
          where: `${at('entities', i, e)}.aliases[${j}]`,
          message: `"${word}" is an ordinary English word; mark it {"standalone": false} or {"caseSensitive": true}`,
        });
      }
    });
  });
  return findings;
}

/** Every entity needs a source (error) and should have a one-line description (warning). */
export function entityBasics(entities: LooseEntity[]): Finding[] {
  const findings: Finding[] = [];
  entities.forEach((e, i) => {
    if (!list(e.sources).length)
      findings.push({ severity: 'error', rule: 'entity-without-source', where: at('entities', i, e), message: 'no source: add where the facts come from' });
    if (typeof e.description !== 'string' || !e.description.trim()) {
      findings.push({
        severity: 'warning',
        rule: 'entity-without-description',
        where: at('entities', i, e),
        message: 'no description: add one line saying who or what this is',
      });
    }
  });
  return findings;
}
