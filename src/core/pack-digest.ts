/**
 * A digest of a pack's content that does not depend on item order or formatting, so a pack
 * rebuilt from the extension's storage (which keeps items in hash buckets) can be compared with
 * the publisher's file after a delta is applied.
 */
import { sha256Hex, utf8 } from './bytes';
import { canonicalJson } from './canonical-json';
import type { Pack } from './pack-format';

const byId = <T extends { id: string }>(items: readonly T[] | undefined): T[] => [...(items ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export function packDigest(pack: Pack): Promise<string> {
  const { entities, statements, events, ...meta } = pack;
  return sha256Hex(utf8(canonicalJson({ meta, entities: byId(entities), statements: byId(statements), events: byId(events) })));
}
