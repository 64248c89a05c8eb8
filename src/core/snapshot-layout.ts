/**
 * The byte layout shared by compiled snapshots (matcher, search index): a header of 32-bit words
 * (word 2 holds the checksum), a UTF-8 string block, then typed arrays, each 4-byte aligned so
 * they can be reloaded as views over the stored buffer without copying.
 */

export const align4 = (n: number): number => (n + 3) & ~3;

/** FNV-1a over the 32-bit words after the header: catches truncation and bit rot. */
export function checksum(buf: ArrayBuffer, from: number): number {
  const words = new Int32Array(buf, from, (buf.byteLength - from) >> 2);
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i], 0x01000193);
  return h >>> 0;
}

/** Write header, strings and arrays into one buffer; `fillHeader` sets every word but the checksum. */
export function writeSnapshot(headerWords: number, strings: Uint8Array, arrays: ArrayBufferView[], fillHeader: (head: Uint32Array) => void): ArrayBuffer {
  let size = headerWords * 4 + align4(strings.byteLength);
  for (const a of arrays) size += align4(a.byteLength);
  const buf = new ArrayBuffer(size);
  const head = new Uint32Array(buf, 0, headerWords);
  fillHeader(head);
  let off = headerWords * 4;
  new Uint8Array(buf, off, strings.byteLength).set(strings);
  off += align4(strings.byteLength);
  for (const a of arrays) {
    new Uint8Array(buf, off, a.byteLength).set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    off += align4(a.byteLength);
  }
  head[2] = checksum(buf, headerWords * 4);
  return buf;
}
