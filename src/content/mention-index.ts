/** Detected mentions as DOM ranges, with a per-node lookup for "which mention is under the caret". */

export interface Mention {
  range: Range;
  entity: string;
}

/**
 * An element's mentions (those with text in one of its child text nodes): the one mention most
 * elements hold, or several sorted by where they start. Keyed by the element, not by the text node:
 * a `Text` object held in a table is kept by the page for as long as the node lives (16 bytes each,
 * about 300 on the bench's 1 MB article), while the elements are held anyway (the overlay watches
 * them). Where a mention starts and ends is read from its live range when asked.
 */
type Held = Mention | Mention[];

/** The element whose own text holds `node`: its parent, for a text node. */
function holderOf(node: Node): Element | null {
  return node.nodeType === Node.TEXT_NODE ? node.parentElement : null;
}

/**
 * Where (node, offset) lies against a mention: -1 before it, 0 inside, 1 at its end or after (the
 * end is not part of it). A node in another tree (moved or removed) is in none.
 */
function placeOf(m: Mention, node: Node, offset: number): number {
  const r = m.range;
  const c = r.comparePoint(node, offset);
  return c === 0 && r.endContainer === node && r.endOffset === offset ? 1 : c;
}

/** Document order of two mentions' starts. */
function byStart(a: Mention, b: Mention): number {
  return a.range.compareBoundaryPoints(Range.START_TO_START, b.range);
}

export class MentionIndex {
  mentions: Mention[] = [];
  private byElement = new WeakMap<Element, Held>();

  add(range: Range, entity: string): Mention {
    const m = { range, entity };
    this.mentions.push(m);
    for (const node of textNodesOf(range)) {
      const el = holderOf(node);
      if (!el) continue;
      const held = this.byElement.get(el);
      if (!held) this.byElement.set(el, m);
      else if (held === m || (Array.isArray(held) && held.includes(m))) continue;
      else {
        const list = Array.isArray(held) ? held : [held];
        list.push(m);
        try {
          list.sort(byStart);
        } catch {
          // A range left in a removed subtree is in another tree (WrongDocumentError): only the
          // element's mentions still in the page are kept, in order.
          const live = list.filter((x) => x.range.startContainer.isConnected);
          live.sort(byStart);
          list.length = 0;
          list.push(...live);
        }
        if (list !== held) this.byElement.set(el, list);
      }
    }
    return m;
  }

  /** Does this text node hold a mention? */
  has(node: Text): boolean {
    const el = holderOf(node);
    const held = el ? this.byElement.get(el) : undefined;
    if (!held) return false;
    if (!Array.isArray(held)) return held.range.intersectsNode(node);
    return held.some((m) => m.range.intersectsNode(node));
  }

  /**
   * The mention containing (node, offset), by binary search over its element's sorted mentions. A
   * mention whose range no longer reaches the node (the page moved the node: its range collapsed
   * where the node was) is not there.
   */
  at(node: Node, offset: number): Mention | null {
    const el = holderOf(node);
    const held = el ? this.byElement.get(el) : undefined;
    if (!held) return null;
    try {
      if (!Array.isArray(held)) return placeOf(held, node, offset) === 0 ? held : null;
      let lo = 0;
      let hi = held.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const c = placeOf(held[mid], node, offset);
        if (c < 0) hi = mid - 1;
        else if (c > 0) lo = mid + 1;
        else return held[mid];
      }
    } catch {
      // A range and a node in different trees (the node left the page): no mention there.
    }
    return null;
  }

  /** The mentions in the element's own text (its child text nodes, not its descendants'). */
  inElement(el: Element): Mention[] {
    const held = this.byElement.get(el);
    return !held ? [] : Array.isArray(held) ? [...held] : [held];
  }

  /** Drop the mentions in a text node whose text changed (it is detected again). */
  removeNode(node: Text): Mention[] {
    const el = holderOf(node);
    const held = el ? this.byElement.get(el) : undefined;
    if (!el || !held) return [];
    const list = Array.isArray(held) ? held : [held];
    const gone = new Set(list.filter((m) => m.range.intersectsNode(node)));
    if (!gone.size) return [];
    const kept = list.filter((m) => !gone.has(m));
    if (!kept.length) this.byElement.delete(el);
    else this.byElement.set(el, kept.length === 1 ? kept[0] : kept);
    this.mentions = this.mentions.filter((m) => !gone.has(m));
    return [...gone];
  }

  /**
   * Mentions whose text left the document are dropped (live blogs replace content). When the page
   * removes a node, a live range inside it moves to where the node was, in a parent that is still
   * in the page: such a range is collapsed, and holds no name any more.
   */
  prune(): Mention[] {
    const isGone = (m: Mention) => m.range.collapsed || !m.range.startContainer.isConnected;
    const gone = this.mentions.filter(isGone);
    if (gone.length) this.mentions = this.mentions.filter((m) => !isGone(m));
    return gone;
  }
}

function textNodesOf(range: Range): Text[] {
  if (range.startContainer === range.endContainer) return [range.startContainer as Text];
  const nodes: Text[] = [];
  const walker = document.createTreeWalker(range.commonAncestorContainer, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (range.intersectsNode(n)) nodes.push(n as Text);
  return nodes;
}

/** Is the point inside one of the range's line boxes (caret lookups snap to the nearest text)? */
export function pointInRange(range: Range, x: number, y: number, slack = 1): boolean {
  for (const r of range.getClientRects()) {
    if (x >= r.left - slack && x <= r.right + slack && y >= r.top - slack && y <= r.bottom + slack) return true;
  }
  return false;
}

export function caretAt(x: number, y: number): { node: Node; offset: number } | null {
  const doc = document as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  if (doc.caretPositionFromPoint) {
    const p = doc.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  const r = doc.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : null;
}
