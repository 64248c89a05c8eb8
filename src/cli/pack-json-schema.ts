import { toJsonSchema } from '@valibot/to-json-schema';
import { PackSchema } from '../core/pack-format';

/** JSON Schema (draft-07) of pack format v1. Checks a schema cannot express (custom refinements,
 * cross-references) are listed in docs/pack-format.md and enforced by `npm run pack -- validate`. */
export function packJsonSchema(): object {
  const schema = toJsonSchema(PackSchema, { errorMode: 'ignore' }) as Record<string, unknown>;
  return {
    $id: 'https://backstory.invalid/schema/pack-v1.json',
    title: 'Backstory knowledge pack, format version 1',
    ...schema,
  };
}
