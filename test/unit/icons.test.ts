import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';

const icon = (size: number) => PNG.sync.read(readFileSync(path.resolve(import.meta.dirname, `../../extension/icons/icon-${size}.png`)));

describe('icons', () => {
  it('the 128 px icon keeps its art inside the central 96 px (store guideline)', () => {
    const png = icon(128);
    expect([png.width, png.height]).toEqual([128, 128]);
    let painted = 0;
    for (let y = 0; y < 128; y++) {
      for (let x = 0; x < 128; x++) {
        const alpha = png.data[(y * 128 + x) * 4 + 3];
        const inside = x >= 16 && x < 112 && y >= 16 && y < 112;
        if (!inside) expect(alpha, `pixel ${x},${y}`).toBe(0);
        else if (alpha > 0) painted++;
      }
    }
    expect(painted).toBeGreaterThan(96 * 96 * 0.5);
  });
});
