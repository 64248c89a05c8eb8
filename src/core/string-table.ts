/**
 * A list of strings kept as one text with start offsets, and an open-addressing hash index over
 * it. It is stored in compiled snapshots as it is, so a woken worker can look a word up at once:
 * rebuilding a Map of ~100k strings took 40–170 ms of a cold start, and splitting the text into an
 * array of strings as much again.
 */

/** FNV-1a over the string's UTF-16 code units. */
function hashOf(s: string, from = 0, to = s.length): number {
  let h = 0x811c9dc5 | 0;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Power-of-two slot count with at most half the slots used (short probe runs). */
const slotCountFor = (n: number): number => {
  let size = 2;
  while (size < n * 2) size *= 2;
  return size;
};

export class StringTable {
  /**
   * @param text every string, one after the other
   * @param starts n + 1 offsets into `text` (UTF-16 units): string i is text[starts[i], starts[i+1])
   * @param slots the hash index: 0 is empty, else a string's index + 1
   */
  constructor(
    readonly text: string,
    readonly starts: Int32Array,
    readonly slots: Int32Array,
  ) {}

  static of(list: readonly string[]): StringTable {
    const starts = new Int32Array(list.length + 1);
    let at = 0;
    list.forEach((s, i) => {
      starts[i] = at;
      at += s.length;
    });
    starts[list.length] = at;
    const slots = new Int32Array(slotCountFor(list.length));
    const mask = slots.length - 1;
    list.forEach((s, i) => {
      let k = hashOf(s) & mask;
      while (slots[k] !== 0) {
        if (list[slots[k] - 1] === s) return; // a repeat: the first keeps its place
        k = (k + 1) & mask;
      }
      slots[k] = i + 1;
    });
    return new StringTable(list.join(''), starts, slots);
  }

  get length(): number {
    return this.starts.length - 1;
  }

  at(i: number): string {
    return this.text.slice(this.starts[i], this.starts[i + 1]);
  }

  /** The index of `s`, or -1. */
  indexOf(s: string): number {
    const { slots, starts, text } = this;
    const mask = slots.length - 1;
    let k = hashOf(s) & mask;
    for (;;) {
      const id = slots[k] - 1;
      if (id < 0) return -1;
      const from = starts[id];
      if (starts[id + 1] - from === s.length && text.startsWith(s, from)) return id;
      k = (k + 1) & mask;
    }
  }

  /** Every string, in order (tests and diagnostics). */
  list(): string[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i));
  }

  /** A table whose stored parts failed to line up is unusable: say so rather than answer wrongly. */
  isWellFormed(): boolean {
    const { starts, slots, text } = this;
    if (starts.length < 1 || starts[0] !== 0 || starts[starts.length - 1] !== text.length) return false;
    for (let i = 1; i < starts.length; i++) if (starts[i] < starts[i - 1]) return false;
    if (slots.length < 2 || (slots.length & (slots.length - 1)) !== 0 || slots.length < this.length) return false;
    let empty = false;
    for (const v of slots) {
      if (v < 0 || v > this.length) return false;
      if (v === 0) empty = true;
    }
    return empty || this.length === 0;
  }
}
