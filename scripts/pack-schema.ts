// Writes docs/pack.schema.json from the same valibot schema the extension validates with, so the
// published JSON Schema cannot drift from the code (a unit test compares the two).
import { writeFileSync } from 'node:fs';
import { packJsonSchema } from '../src/cli/pack-json-schema';

writeFileSync(new URL('../docs/pack.schema.json', import.meta.url), `${JSON.stringify(packJsonSchema(), null, 2)}\n`);
