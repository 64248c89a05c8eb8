import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildTo, builtIn, fixture, noPackWritten, readValidPack, tempDir } from './build-helpers';

const plain = () => readFileSync(fixture('wikidata-latest-all.json'), 'utf8');

describe('pack build: Wikidata JSON dump', () => {
  it('maps labels, aliases, descriptions, sitelinks, facts, countries and events from the gzipped dump', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'wd.json');
    await buildTo(builtIn('wikidata-example'), out);
    const pack = readValidPack(out);
    // The position (Q1003) and the talks item are not entities; the others are tied to PK or AF.
    expect(pack.entities.map((e) => e.id)).toEqual(['wd-q1001', 'wd-q1002', 'wd-q1004', 'wd-q1005', 'wd-q843', 'wd-q889']);
    expect(pack.entities[0]).toMatchObject({
      type: 'person',
      name: 'Asim Munir',
      aliases: ['Syed Asim Munir'],
      description: 'Pakistani army general',
      wikidata: 'Q1001',
      countries: ['PK'],
      facts: [
        { label: 'Born', value: '1968' },
        { label: 'Position held', value: 'Chief of Army Staff' },
      ],
      sources: [{ url: 'https://www.wikidata.org/wiki/Q1001', publisher: 'Wikidata' }],
    });
    const ttp = pack.entities.find((e) => e.id === 'wd-q1004');
    expect(ttp?.facts).toEqual([
      { label: 'Founded', value: '2007-12' },
      { label: 'Headquarters', value: 'Mir Ali' },
      { label: 'Country', value: 'Pakistan' },
    ]);
    // More sitelinks, more prominence.
    const prom = (id: string) => pack.entities.find((e) => e.id === id)?.prominence ?? -1;
    expect(prom('wd-q843')).toBeGreaterThan(prom('wd-q1004'));
    expect(prom('wd-q1004')).toBeGreaterThan(prom('wd-q1002'));
    // P585 + participants → an event; the deprecated P17 claim is ignored.
    expect(pack.events).toEqual([
      {
        id: 'wd-q1006',
        date: '2025-10-19',
        title: 'Doha talks 2025',
        summary: 'ceasefire talks',
        entities: ['wd-q843', 'wd-q889'],
        source: { title: 'Wikidata: Doha talks 2025', url: 'https://www.wikidata.org/wiki/Q1006', publisher: 'Wikidata' },
      },
    ]);
  });

  it('the plain and the gzipped dump give the same pack', async () => {
    const dir = tempDir();
    await buildTo(builtIn('wikidata-example'), path.join(dir, 'a.json'), { wd: fixture('wikidata-latest-all.json') });
    await buildTo(builtIn('wikidata-example'), path.join(dir, 'b.json'), { wd: fixture('wikidata-latest-all.json.gz') });
    expect(readFileSync(path.join(dir, 'a.json')).equals(readFileSync(path.join(dir, 'b.json')))).toBe(true);
  });

  it('a malformed entity line is named by file and line, and no pack is written', async () => {
    const dir = tempDir();
    const lines = plain().split('\n');
    lines[4] = lines[4].slice(0, 60);
    const file = path.join(dir, 'latest-all.json');
    writeFileSync(file, lines.join('\n'));
    const out = path.join(dir, 'wd.json');
    await expect(buildTo(builtIn('wikidata-example'), out, { wd: file })).rejects.toThrow(new RegExp(`^${file.replace(/\./g, '\\.')}:5: not one JSON entity`));
    expect(noPackWritten(dir, out)).toBe(true);
  });

  it('a truncated gzipped dump is refused', async () => {
    const dir = tempDir();
    const gz = gzipSync(plain());
    const file = path.join(dir, 'latest-all.json.gz');
    writeFileSync(file, gz.subarray(0, Math.floor(gz.length * 0.8)));
    const out = path.join(dir, 'wd.json');
    await expect(buildTo(builtIn('wikidata-example'), out, { wd: file })).rejects.toThrow(new RegExp(`^${file.replace(/\./g, '\\.')}:\\d+: `));
    expect(noPackWritten(dir, out)).toBe(true);
  });
});
