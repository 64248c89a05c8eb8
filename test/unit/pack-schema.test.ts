import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packJsonSchema } from '../../src/cli/pack-json-schema';

describe('docs/pack.schema.json', () => {
  it('is generated from the schema the extension validates with (run `npx tsx scripts/pack-schema.ts` after changing it)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../docs/pack.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(packJsonSchema())));
  });
});
