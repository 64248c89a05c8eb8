import { readPackOrSay } from '../read-pack';
import type { Command } from './index';

export const stats: Command = {
  summary: 'stats FILE — counts by type, aliases, statements, events and source coverage',
  async run(args) {
    const file = args[0];
    if (!file) throw new Error('usage: stats FILE');
    const p = readPackOrSay(file);
    if (!p) return 1;
    const byType = new Map<string, number>();
    for (const e of p.entities) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
    const aliases = p.entities.reduce((n, e) => n + (e.aliases?.length ?? 0), 0);
    const withStatement = new Set((p.statements ?? []).map((s) => s.entity));
    const withEvent = new Set((p.events ?? []).flatMap((e) => e.entities));
    const rows: [string, string | number][] = [
      ['pack', `${p.title} (${p.id}) v${p.version}`],
      ['entities', p.entities.length],
      ...[...byType].map(([t, n]) => [`  ${t}`, n] as [string, number]),
      ['aliases', aliases],
      ['statements', p.statements?.length ?? 0],
      ['events', p.events?.length ?? 0],
      ['people with a statement', `${p.entities.filter((e) => e.type === 'person' && withStatement.has(e.id)).length} of ${byType.get('person') ?? 0}`],
      ['entities with an event', `${p.entities.filter((e) => withEvent.has(e.id)).length} of ${p.entities.length}`],
      ['entities with a Wikidata id', p.entities.filter((e) => e.wikidata).length],
    ];
    for (const [k, v] of rows) console.log(`${k.padEnd(28)} ${v}`);
    return 0;
  },
};
