/** The publisher's CLI reads packs and signed indexes as strictly as the extension does. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readPackFile } from '../../src/cli/read-pack';
import { LIMITS } from '../../src/core/pack-format';
import { describeProblems } from '../../src/core/pack-validate';
import { firstDuplicateKey, parseStrictJson } from '../../src/core/strict-json';
import { riverPack } from '../e2e/publisher-site';
import { scratchDir } from '../shared/scratch';

const dir = scratchDir('cli');
const file = (name: string, data: Uint8Array | string) => {
  const f = path.join(dir, name);
  writeFileSync(f, data);
  return f;
};
const problems = (f: string) => {
  const r = readPackFile(f);
  return r.ok ? 'valid' : describeProblems(r.error);
};

describe('pack validate', () => {
  it('accepts a good pack, plain or gzipped', () => {
    const text = JSON.stringify(riverPack(1, ['Multan']));
    expect(problems(file('good.json', text))).toBe('valid');
    expect(problems(file('good.json.gz', gzipSync(text)))).toBe('valid');
  });
  it('stops a gzip bomb at the size limit instead of unpacking it all', () => {
    const bomb = gzipSync(Buffer.alloc(LIMITS.fileBytes + 1024, 0x20));
    expect(problems(file('bomb.json.gz', bomb))).toMatch(/unpacks to more than 256 MB/);
  });
  it('refuses bytes that are not UTF-8 instead of replacing them', () => {
    const text = JSON.stringify(riverPack(1, ['Multan']));
    const bytes = Buffer.from(text.replace('Multan', 'MultXn'));
    bytes[bytes.indexOf('MultXn') + 4] = 0xff;
    expect(problems(file('latin.json', bytes))).toMatch(/not valid UTF-8/);
  });
});

describe('strict JSON for signed documents', () => {
  it('finds a repeated key at any depth, and only within one object', () => {
    expect(firstDuplicateKey('{"a":1,"b":{"c":1,"c":2}}')).toBe('c');
    expect(firstDuplicateKey('{"a":{"x":1},"b":{"x":1},"l":[{"x":1},{"x":2}]}')).toBeNull();
    expect(firstDuplicateKey('{"a":"\\"a\\":","a":2}')).toBe('a');
    expect(firstDuplicateKey('{"k\\u0065y":1,"key":2}')).toBe('key');
    expect(parseStrictJson('{"version":1,"version":9}').ok).toBe(false);
    expect(parseStrictJson('[1,{"a":[]}]').ok).toBe(true);
  });
});
