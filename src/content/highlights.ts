/**
 * Mentions are marked with the CSS Custom Highlight API: a dotted underline painted by the
 * browser, with no DOM change and no layout change in the page.
 */
import STYLE from './marks.css?inline';

const NAME = 'backstory-mention';

export class MentionHighlights {
  private highlight: Highlight | null = null;
  private sheet: CSSStyleSheet | null = null;

  constructor(private readonly enabled: boolean) {
    if (!enabled || typeof Highlight === 'undefined' || !CSS.highlights) return;
    this.highlight = new Highlight();
    CSS.highlights.set(NAME, this.highlight);
    try {
      this.sheet = new CSSStyleSheet();
      this.sheet.replaceSync(STYLE);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.sheet];
    } catch {
      this.sheet = null;
    }
  }

  add(range: Range): void {
    this.highlight?.add(range);
  }

  remove(range: Range): void {
    this.highlight?.delete(range);
  }

  clear(): void {
    this.highlight?.clear();
  }

  destroy(): void {
    if (!this.enabled) return;
    this.highlight?.clear();
    CSS.highlights?.delete(NAME);
    if (this.sheet) document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== this.sheet);
  }
}
