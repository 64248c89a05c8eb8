import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildTo, builtIn, fixture, noPackWritten, tempDir } from './build-helpers';

const cities = () => readFileSync(fixture('cities1000.txt'), 'utf8');

/** Build the GeoNames recipe over a damaged copy of the fixture; the error must name file and line. */
async function failsOn(name: string, bytes: Buffer | string): Promise<{ message: string; dir: string; out: string; file: string }> {
  const dir = tempDir();
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  const out = path.join(dir, 'world.json');
  const error = await buildTo(builtIn('geonames-dump'), out, { cities: file }).then(
    () => new Error('the build succeeded'),
    (e: Error) => e,
  );
  return { message: error.message, dir, out, file };
}

describe('pack build: bad input is refused with its file and line, and no pack is written', () => {
  it('a truncated gzip', async () => {
    const gz = gzipSync(cities());
    const r = await failsOn('cities1000.txt.gz', gz.subarray(0, gz.length - 40));
    expect(r.message).toMatch(new RegExp(`^${r.file.replace(/[.]/g, '\\.')}:\\d+: the compressed file is damaged or truncated`));
    expect(noPackWritten(r.dir, r.out)).toBe(true);
  });

  it('a malformed line (a field missing)', async () => {
    const lines = cities().split('\n');
    lines[3] = lines[3].split('\t').slice(1).join('\t');
    const r = await failsOn('cities1000.txt', lines.join('\n'));
    expect(r.message).toBe(`${r.file}:4: expected 19 tab-separated columns, found 18`);
    expect(noPackWritten(r.dir, r.out)).toBe(true);
  });

  it('a wrong encoding (Latin-1 instead of UTF-8)', async () => {
    const latin1 = Buffer.from(cities().replace('Kraków', 'Krak\u00f3w'), 'latin1');
    const r = await failsOn('cities1000.txt', latin1);
    expect(r.message).toBe(`${r.file}:3: not valid UTF-8 text (save the file as UTF-8)`);
    expect(noPackWritten(r.dir, r.out)).toBe(true);
  });

  it('a number column holding text', async () => {
    const r = await failsOn('cities1000.txt', cities().replace('\t1702139\t', '\tmany\t'));
    expect(r.message).toBe(`${r.file}:1: column 15 ("population") should be a number, found "many"`);
    expect(noPackWritten(r.dir, r.out)).toBe(true);
  });

  it('a failed rebuild leaves the previous pack untouched', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'world.json');
    await buildTo(builtIn('geonames-dump'), out, { cities: fixture('cities1000.txt') });
    const before = readFileSync(out);
    const bad = path.join(dir, 'bad.txt');
    cpSync(fixture('cities1000.txt'), bad);
    writeFileSync(bad, `${cities()}1\tonly three\tcolumns\n`);
    await expect(buildTo(builtIn('geonames-dump'), out, { cities: bad })).rejects.toThrow(`${bad}:9: expected 19 tab-separated columns, found 3`);
    expect(readFileSync(out).equals(before)).toBe(true);
  });
});

describe('pack build: deterministic output', () => {
  it('the same recipe and inputs give the same bytes', async () => {
    const dir = tempDir();
    const a = path.join(dir, 'a.json');
    const b = path.join(dir, 'b.json');
    await buildTo(builtIn('geonames-dump'), a, { cities: fixture('allCountries.txt') });
    await buildTo(builtIn('geonames-dump'), b, { cities: fixture('allCountries.txt') });
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    await buildTo(builtIn('newsroom-example'), a);
    await buildTo(builtIn('newsroom-example'), b);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
  });
});
