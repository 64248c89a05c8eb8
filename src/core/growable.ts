/**
 * Append-only typed arrays for compile-time tables: 4 bytes an entry outside the JS heap, where
 * a `number[]` or an object per entry would cost many times that and linger as garbage.
 */
type TypedCtor<T> = { new (n: number): T; BYTES_PER_ELEMENT: number };
type Typed = Int32Array | Uint8Array | Float32Array;

class Growable<T extends Typed> {
  private data: T;
  length = 0;

  constructor(private readonly Ctor: TypedCtor<T>) {
    this.data = new Ctor(256);
  }

  push(v: number): number {
    if (this.length === this.data.length) {
      const next = new this.Ctor(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length] = v;
    return this.length++;
  }

  at(i: number): number {
    return this.data[i];
  }

  set(i: number, v: number): void {
    this.data[i] = v;
  }

  /** The entries as an array of their exact length (a copy; the list may be dropped after). */
  done(): T {
    return this.data.slice(0, this.length) as T;
  }
}

export const intList = (): Growable<Int32Array> => new Growable(Int32Array);
export const byteList = (): Growable<Uint8Array> => new Growable(Uint8Array);
export const floatList = (): Growable<Float32Array> => new Growable(Float32Array);
export type IntList = Growable<Int32Array>;
