import type { MarkOverlay } from './mark-overlay';
import type { MentionIndex } from './mention-index';

const FLASH_MS = 1600;

/** Scroll to the first mention of an entity, select it and flash it (popup "On this page", "Show on page"), inside the page layer. */
export function revealMention(index: MentionIndex, marks: MarkOverlay, entity: string): boolean {
  const m = index.mentions.find((x) => x.entity === entity && x.range.startContainer.isConnected);
  if (!m) return false;
  const el = m.range.startContainer.parentElement;
  el?.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  // Select the name, so the keyboard shortcut (or a screen reader) starts from it.
  const sel = document.getSelection();
  sel?.removeAllRanges();
  sel?.addRange(m.range.cloneRange());
  marks.flash(m.range, FLASH_MS);
  return true;
}
