/**
 * A colour token's value for code that cannot use CSS (the toolbar badge is drawn by the
 * browser from a colour string): read from tokens.css, so the palette stays in one file.
 */
import tokens from './tokens.css?inline';

/**
 * The light-scheme value of `--name` in a tokens stylesheet: `light-dark(light, dark)` as written,
 * `var(--lightningcss-light, light) var(--lightningcss-dark, dark)` as the build compiles it for
 * older browsers, or a plain value.
 */
export function lightValue(css: string, name: string): string | null {
  const decl = new RegExp(`${name}:\\s*([^;]+);`).exec(css)?.[1].trim();
  if (!decl) return null;
  const light = /^light-dark\(\s*([^,]+),/.exec(decl) ?? /^var\(--lightningcss-light,\s*([^)]+)\)/.exec(decl);
  return light?.[1].trim() ?? decl;
}

/** The toolbar badge's background: the accent colour of the light palette. */
export const BADGE_COLOUR = lightValue(tokens, '--bs-accent');
