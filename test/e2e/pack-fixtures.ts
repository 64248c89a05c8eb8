import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { scratchDir } from '../shared/scratch';

/** A small pack about two cities, written for tests. */
export function cityPack(version: number, extra: { withKarachi?: boolean } = {}) {
  const entities: unknown[] = [
    {
      id: 'lahore',
      type: 'place',
      name: 'Lahore',
      description: `Provincial capital of Punjab (test pack v${version})`,
      summary: 'A test entity.',
      sources: [{ title: 'Lahore', url: 'https://en.wikipedia.org/wiki/Lahore' }],
    },
  ];
  if (extra.withKarachi !== false) {
    entities.push({
      id: 'karachi',
      type: 'place',
      name: 'Karachi',
      description: 'Largest city of Pakistan (test pack)',
      sources: [{ title: 'Karachi', url: 'https://en.wikipedia.org/wiki/Karachi' }],
    });
  }
  return { format: 'backstory-pack', formatVersion: 1, id: 'city-test', version, title: 'City test pack', publisher: { name: 'Test desk' }, entities };
}

export function writePackFile(data: unknown, name: string, opts: { gzip?: boolean; raw?: string } = {}): string {
  const dir = scratchDir('pack');
  const file = path.join(dir, name);
  const text = opts.raw ?? JSON.stringify(data);
  writeFileSync(file, opts.gzip ? gzipSync(text) : text);
  return file;
}
