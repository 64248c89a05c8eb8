/** Which bucket record holds an entity's card data: a stable hash, so no index is needed to find it. */
export function bucketOf(entityId: string, buckets: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < entityId.length; i++) h = Math.imul(h ^ entityId.charCodeAt(i), 0x01000193);
  return (h >>> 0) % buckets;
}
