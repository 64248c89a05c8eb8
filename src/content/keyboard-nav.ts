/**
 * Which name the keyboard shortcut opens when nothing is selected: the one nearest the centre of
 * the viewport, then, on each further press, the next name in reading order.
 */
import type { Mention } from './mention-index';

/** Mentions in document order (detection adds the article first, then the rest of the page). */
export function inDocumentOrder(mentions: Mention[]): Mention[] {
  return mentions.filter((m) => m.range.startContainer.isConnected).sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range));
}

/** The mention whose box is nearest the viewport's centre; off-screen mentions only when none is on screen. */
export function nearestToCentre(mentions: Mention[]): Mention | null {
  const cx = innerWidth / 2;
  const cy = innerHeight / 2;
  let best: Mention | null = null;
  let bestD = Number.POSITIVE_INFINITY;
  for (const m of mentions) {
    if (!m.range.startContainer.isConnected) continue;
    const r = m.range.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const dx = cx < r.left ? r.left - cx : cx > r.right ? cx - r.right : 0;
    const dy = cy < r.top ? r.top - cy : cy > r.bottom ? cy - r.bottom : 0;
    const onScreen = r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
    const d = Math.hypot(dx, dy) + (onScreen ? 0 : 1e6);
    if (d < bestD) [best, bestD] = [m, d];
  }
  return best;
}

/** The first mention after `current` in reading order that names someone else; wraps to the top. */
export function nextName(mentions: Mention[], current: Mention): Mention | null {
  const ordered = inDocumentOrder(mentions);
  const at = ordered.indexOf(current);
  for (let i = 1; i <= ordered.length; i++) {
    const m = ordered[(Math.max(at, 0) + i) % ordered.length];
    if (m.entity !== current.entity) return m;
  }
  return null;
}
