import { PNG as PngJs } from 'pngjs';

const luma = (d: Buffer, i: number) => 0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2];

/** Mean luma (0–255) of a PNG screenshot, to check a theme without reading pixels by eye. */
export const PNG = {
  meanLuma(buf: Buffer): number {
    const img = PngJs.sync.read(buf);
    let sum = 0;
    for (let i = 0; i < img.data.length; i += 4) sum += luma(img.data, i);
    return Math.round(sum / (img.data.length / 4));
  },

  /**
   * The first column (from the left) holding ink: a pixel whose luma differs from the top-left
   * pixel (the background) by more than `threshold`. -1 when the image is blank.
   */
  firstInkColumn(buf: Buffer, threshold = 60): number {
    const img = PngJs.sync.read(buf);
    const bg = luma(img.data, 0);
    for (let x = 0; x < img.width; x++) {
      for (let y = 0; y < img.height; y++) {
        if (Math.abs(luma(img.data, (y * img.width + x) * 4) - bg) > threshold) return x;
      }
    }
    return -1;
  },
};
