/** How long work may run before the page gets its turn, and how to give it. */
export interface SliceEnv {
  /** Yield to the page; without it, work never pauses. */
  pause?: () => Promise<void>;
  now?: () => number;
  /** Milliseconds of work per slice (default 8). */
  sliceMs?: number;
}

/** Cuts long work into slices: call `tick()` often; it yields once the slice's budget is used. */
export class Slicer {
  private until: number;
  private readonly now: () => number;
  constructor(private readonly env: SliceEnv) {
    this.now = env.now ?? (() => Date.now());
    this.until = this.now() + (env.sliceMs ?? 8);
  }
  async tick(): Promise<void> {
    if (!this.env.pause || this.now() < this.until) return;
    await this.env.pause();
    this.until = this.now() + (this.env.sliceMs ?? 8);
  }
}
