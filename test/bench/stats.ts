/** Small statistics helpers for bench figures. */
export function quantile(xs: number[], q: number): number {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i];
}
export const median = (xs: number[]) => quantile(xs, 0.5);
export const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
