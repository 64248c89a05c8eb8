/**
 * The section of the page a mention is in, for "underline the first mention in each section": the
 * nearest sectioning element (article, section, aside, header, footer, nav, main, landmark roles),
 * split further at headings (a run of paragraphs under one <h2> is a section of its own).
 */
const SECTIONING =
  'article, section, aside, nav, header, footer, main, [role="region"], [role="complementary"], [role="article"], [role="main"], [role="navigation"]';
const HEADING = /^H[1-6]$/;
/** How far back among siblings a heading is looked for. */
const MAX_SIBLINGS = 400;

export class MentionSections {
  private readonly ids = new WeakMap<Element, number>();
  private next = 1;

  private idOf(el: Element | null): number {
    if (!el) return 0;
    let id = this.ids.get(el);
    if (id === undefined) {
      id = this.next++;
      this.ids.set(el, id);
    }
    return id;
  }

  /** A stable id for the section holding `node`. */
  sectionOf(node: Node): string {
    const start = node instanceof Element ? node : node.parentElement;
    const container = start?.closest(SECTIONING) ?? null;
    // The container's child that holds the mention, then the nearest heading before it.
    let block: Element | null = start;
    while (block?.parentElement && block.parentElement !== container && block.parentElement !== document.body) block = block.parentElement;
    let heading: Element | null = null;
    if (block && HEADING.test(block.tagName)) heading = block;
    for (let s = block?.previousElementSibling, n = 0; s && !heading && n < MAX_SIBLINGS; s = s.previousElementSibling, n++) {
      if (HEADING.test(s.tagName)) heading = s;
    }
    return `${this.idOf(container)}:${this.idOf(heading)}`;
  }
}
