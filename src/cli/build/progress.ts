/** A progress line on stderr: a redrawn bar on a terminal, one line per finished step otherwise. */
export class Progress {
  private last = 0;
  private readonly tty: boolean;
  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.tty = Boolean(stream.isTTY);
  }

  /** `fraction` in 0..1, or undefined when the total is not known yet. */
  update(step: string, fraction: number | undefined, detail = ''): void {
    if (!this.tty) return;
    const now = Date.now();
    if (now - this.last < 100) return;
    this.last = now;
    const width = 24;
    const bar = fraction === undefined ? ' '.repeat(width) : '#'.repeat(Math.round(Math.min(1, Math.max(0, fraction)) * width)).padEnd(width, '.');
    const pct = fraction === undefined ? '    ' : `${String(Math.round(fraction * 100)).padStart(3)}%`;
    this.stream.write(`\r\x1b[2K${step.padEnd(12)} [${bar}] ${pct} ${detail}`);
  }

  done(step: string, detail: string): void {
    this.stream.write(`${this.tty ? '\r\x1b[2K' : ''}${step.padEnd(12)} ${detail}\n`);
  }
}
