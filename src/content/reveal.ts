import type { MentionIndex } from './mention-index';

/** Scroll to the first mention of an entity, select it and flash it (popup "On this page", "Show on page"). */
export function revealMention(index: MentionIndex, entity: string): boolean {
  const m = index.mentions.find((x) => x.entity === entity && x.range.startContainer.isConnected);
  if (!m) return false;
  const el = m.range.startContainer.parentElement;
  el?.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  // Select the name, so the keyboard shortcut (or a screen reader) starts from it.
  const sel = document.getSelection();
  sel?.removeAllRanges();
  sel?.addRange(m.range.cloneRange());
  if (typeof Highlight !== 'undefined' && CSS.highlights) {
    const name = 'backstory-flash';
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`::highlight(${name}) { background-color: rgba(250, 204, 21, 0.55); }`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    CSS.highlights.set(name, new Highlight(m.range));
    setTimeout(() => {
      CSS.highlights.delete(name);
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    }, 1600);
  }
  return true;
}
