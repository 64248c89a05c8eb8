import { describe, expect, it } from 'vitest';
import { Progress } from '../../src/cli/build/progress';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, s: { isTTY, write: (x: string) => written.push(x) > 0 } as unknown as NodeJS.WriteStream };
}

describe('build progress on stderr', () => {
  it('redraws a bar in place on a terminal', () => {
    const { written, s } = stream(true);
    const p = new Progress(s);
    p.update('entities', 0.5, 'querying');
    p.done('entities', '112,530 items');
    expect(written[0]).toBe(`\r\x1b[2Kentities     [${'#'.repeat(12)}${'.'.repeat(12)}]  50% querying`);
    expect(written[1]).toBe('\r\x1b[2Kentities     112,530 items\n');
  });

  it('prints only finished steps when stderr is a file or a pipe', () => {
    const { written, s } = stream(false);
    const p = new Progress(s);
    p.update('entities', 0.5, 'querying');
    p.done('entities', '3 items');
    expect(written).toEqual(['entities     3 items\n']);
  });
});
