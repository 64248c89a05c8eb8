/**
 * The mention a reader sees under the pointer when the page lays a see-through element over the
 * text: a link stretched over a whole teaser, a footer or a layout layer that overlaps the article
 * with no background, paragraphs a broken layout lets overlap. The caret lookup lands in that
 * element's text, yet the reader sees (and points at) the underlined name beneath: text is seen
 * through between the glyphs of other text. Elements that paint their box at the point (a
 * background, a picture, a control) hide what is under them: then no mention.
 */
import { parseCssColor } from '../core/luminance';
import { type Mention, type MentionIndex, pointInRange } from './mention-index';

/** Elements that are pictures or controls: they paint their whole box. */
const REPLACED = new Set(['IMG', 'VIDEO', 'CANVAS', 'IFRAME', 'EMBED', 'OBJECT', 'PICTURE', 'SVG', 'INPUT', 'TEXTAREA', 'SELECT', 'BUTTON']);

/** Does the element paint its box: a background, a picture, a control? */
export function paintsBox(el: Element): boolean {
  const style = getComputedStyle(el);
  if (style.opacity === '0') return false;
  if (REPLACED.has(el.tagName.toUpperCase())) return true;
  if (style.backgroundImage && style.backgroundImage !== 'none') return true;
  return !transparent(style.backgroundColor);
}

function transparent(color: string): boolean {
  return !color || color === 'transparent' || parseCssColor(color)?.a === 0;
}

/**
 * The mention in the element stack at (x, y) (topmost first, as `document.elementsFromPoint`
 * gives it) whose text holds the point, if no element above it that is not its ancestor paints its
 * box there.
 */
export function mentionSeenThrough(index: MentionIndex, stack: readonly Element[], x: number, y: number): Mention | null {
  for (const [k, el] of stack.entries()) {
    const m = index.inElement(el).find((c) => pointInRange(c.range, x, y, 0));
    if (!m) continue;
    const covered = stack.slice(0, k).some((above) => !above.contains(el) && paintsBox(above));
    return covered ? null : m;
  }
  return null;
}
