import { PNG as PngJs } from 'pngjs';

/** Mean luma (0–255) of a PNG screenshot, to check a theme without reading pixels by eye. */
export const PNG = {
  meanLuma(buf: Buffer): number {
    const img = PngJs.sync.read(buf);
    let sum = 0;
    for (let i = 0; i < img.data.length; i += 4) sum += 0.2126 * img.data[i] + 0.7152 * img.data[i + 1] + 0.0722 * img.data[i + 2];
    return Math.round(sum / (img.data.length / 4));
  },
};
