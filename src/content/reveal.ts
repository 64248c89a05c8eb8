import STYLE from './marks.css?inline';
import type { MentionIndex } from './mention-index';

/** Scroll to the first mention of an entity and flash it (popup "On this page"). */
export function revealMention(index: MentionIndex, entity: string): boolean {
  const m = index.mentions.find((x) => x.entity === entity && x.range.startContainer.isConnected);
  if (!m) return false;
  const el = m.range.startContainer.parentElement;
  el?.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  if (typeof Highlight !== 'undefined' && CSS.highlights) {
    const name = 'backstory-flash';
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    CSS.highlights.set(name, new Highlight(m.range));
    setTimeout(() => {
      CSS.highlights.delete(name);
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    }, 1600);
  }
  return true;
}
