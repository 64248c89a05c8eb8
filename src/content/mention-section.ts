/**
 * The section of the page a mention is in, for "underline the first mention in each section": the
 * nearest sectioning element (article, section, aside, header, footer, nav, main, landmark roles),
 * split further at headings (a run of paragraphs under one <h2> is a section of its own).
 */
import { HEADINGS } from './page-text';

const SECTIONING =
  'article, section, aside, nav, header, footer, main, [role="region"], [role="complementary"], [role="article"], [role="main"], [role="navigation"]';
/** How far back among siblings a heading is looked for. */
const MAX_SIBLINGS = 400;

export class MentionSections {
  private readonly ids = new WeakMap<Element, number>();
  /** The heading each block sits under, remembered: mentions come in document order, so the walk back is short. */
  private headingOf = new WeakMap<Element, Element | null>();
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

  /** Forget the remembered headings (after a pass over the page: they are a table as long as the article). */
  release(): void {
    this.headingOf = new WeakMap();
  }

  /** A stable id for the section holding `node`. */
  sectionOf(node: Node): string {
    const start = node instanceof Element ? node : node.parentElement;
    const container = start?.closest(SECTIONING) ?? null;
    // The container's child that holds the mention, then the nearest heading before it.
    let block: Element | null = start;
    while (block?.parentElement && block.parentElement !== container && block.parentElement !== document.body) block = block.parentElement;
    let heading: Element | null | undefined;
    const walked: Element[] = [];
    for (let s = block, n = 0; s && n < MAX_SIBLINGS; s = s.previousElementSibling, n++) {
      if (HEADINGS.has(s.tagName)) heading = s;
      else heading = this.headingOf.get(s);
      if (heading !== undefined) break;
      walked.push(s);
    }
    for (const e of walked) this.headingOf.set(e, heading ?? null);
    // Base 36: a base-10 number-to-string goes through V8's number-string cache, which grows for good.
    return `${this.idOf(container).toString(36)}:${this.idOf(heading ?? null).toString(36)}`;
  }
}
