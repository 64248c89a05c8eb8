/**
 * A list of strings kept as one text with start offsets, and an open-addressing hash index over
 * it. It is stored in compiled snapshots as it is, so a woken worker can look a word up at once:
 * rebuilding a Map of ~100k strings took 40–170 ms of a cold start, and splitting the text into an
 * array of strings as much again.
 */

/**
 * FNV-1a over the string's UTF-16 code units, from a seed. Packs are untrusted: with a fixed hash a
 * pack could hold names made to collide, and every lookup would walk one long probe run. Each table
 * draws its own random seed (kept in the snapshot), so collisions cannot be prepared in a pack.
 */
function hashOf(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** Power-of-two slot count with at most half the slots used (short probe runs). */
const slotCountFor = (n: number): number => {
  let size = 2;
  while (size < n * 2) size *= 2;
  return size;
};

/** How far a mixed hash is shifted right to leave the top bits that index `slotCount` (a power of two) slots. */
const shiftFor = (slotCount: number): number => 32 - Math.log2(slotCount);

/** The home slot: the top bits of a multiplicative mix (FNV's low bits depend only on low bits). */
const homeSlot = (hash: number, shift: number): number => Math.imul(hash, 0x9e3779b1) >>> shift;

/** The home slot of `s` in a table of `slotCount` slots filled with `seed` (tests craft collisions with it). */
export const slotOf = (s: string, seed: number, slotCount: number): number => homeSlot(hashOf(s, seed), shiftFor(slotCount));

/** Builds with a longer probe run than this draw a new seed (a few tries; then the best is kept). */
const MAX_PROBE = 64;
const SEED_TRIES = 4;

const randomSeed = (): number => globalThis.crypto.getRandomValues(new Uint32Array(1))[0] as number;

/** Fill a slot array for `list` with one seed; returns the longest probe run. */
function fillSlots(list: readonly string[], slots: Int32Array, seed: number): number {
  slots.fill(0);
  const mask = slots.length - 1;
  const shift = shiftFor(slots.length);
  let longest = 0;
  list.forEach((s, i) => {
    let k = homeSlot(hashOf(s, seed), shift);
    let run = 0;
    while (slots[k] !== 0) {
      if (list[slots[k] - 1] === s) return; // a repeat: the first keeps its place
      k = (k + 1) & mask;
      run++;
    }
    slots[k] = i + 1;
    if (run > longest) longest = run;
  });
  return longest;
}

export class StringTable {
  private readonly shift: number;

  /**
   * @param text every string, one after the other
   * @param starts n + 1 offsets into `text` (UTF-16 units): string i is text[starts[i], starts[i+1])
   * @param slots the hash index: 0 is empty, else a string's index + 1
   * @param seed the hash seed the slots were filled with
   */
  constructor(
    readonly text: string,
    readonly starts: Int32Array,
    readonly slots: Int32Array,
    readonly seed: number,
  ) {
    this.shift = shiftFor(slots.length);
  }

  static of(list: readonly string[], seed = randomSeed()): StringTable {
    const starts = new Int32Array(list.length + 1);
    let at = 0;
    list.forEach((s, i) => {
      starts[i] = at;
      at += s.length;
    });
    starts[list.length] = at;
    const slots = new Int32Array(slotCountFor(list.length));
    let best = { seed, longest: fillSlots(list, slots, seed) };
    let filledWith = seed;
    for (let t = 1; t < SEED_TRIES && best.longest > MAX_PROBE; t++) {
      filledWith = randomSeed();
      const longest = fillSlots(list, slots, filledWith);
      if (longest < best.longest) best = { seed: filledWith, longest };
    }
    if (filledWith !== best.seed) fillSlots(list, slots, best.seed);
    return new StringTable(list.join(''), starts, slots, best.seed);
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
    let k = homeSlot(hashOf(s, this.seed), this.shift);
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
