/** Detected mentions as DOM ranges, with a per-node lookup for "which mention is under the caret". */

export interface Mention {
  range: Range;
  entity: string;
}

/**
 * A text node's mentions: the one mention most nodes hold, or several sorted by where they start in
 * the node. Where a mention starts and ends in a node is read from its live range when asked, not
 * kept beside it: a span object and a one-element array per node held 17 KB of the page's heap on
 * the bench's 1 MB article.
 */
type NodeMentions = Mention | Mention[];

/** Where the mention starts within this text node (0 when it started in an earlier node). */
function fromIn(m: Mention, node: Text): number {
  return m.range.startContainer === node ? m.range.startOffset : 0;
}

/** Where the mention ends within this text node (the node's end when it goes on into a later node). */
function toIn(m: Mention, node: Text): number {
  return m.range.endContainer === node ? m.range.endOffset : node.data.length;
}

export class MentionIndex {
  mentions: Mention[] = [];
  private byNode = new WeakMap<Text, NodeMentions>();

  add(range: Range, entity: string): Mention {
    const m = { range, entity };
    this.mentions.push(m);
    for (const node of textNodesOf(range)) {
      const held = this.byNode.get(node);
      if (!held) this.byNode.set(node, m);
      else {
        const list = Array.isArray(held) ? held : [held];
        list.push(m);
        list.sort((a, b) => fromIn(a, node) - fromIn(b, node));
        if (list !== held) this.byNode.set(node, list);
      }
    }
    return m;
  }

  /** Does this text node hold a mention? */
  has(node: Text): boolean {
    return this.byNode.has(node);
  }

  /**
   * The mention containing (node, offset), by binary search over the node's sorted mentions. A
   * mention whose range no longer reaches the node (the page moved the node: its range collapsed
   * where the node was) is not there.
   */
  at(node: Node, offset: number): Mention | null {
    const found = this.lookup(node as Text, offset);
    return found?.range.intersectsNode(node) ? found : null;
  }

  private lookup(text: Text, offset: number): Mention | null {
    const held = this.byNode.get(text);
    if (!held) return null;
    if (!Array.isArray(held)) return offset >= fromIn(held, text) && offset < toIn(held, text) ? held : null;
    const list = held;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = list[mid];
      if (offset < fromIn(m, text)) hi = mid - 1;
      else if (offset >= toIn(m, text)) lo = mid + 1;
      else return m;
    }
    return null;
  }

  /** The mentions in the element's own text (its child text nodes, not its descendants'). */
  inElement(el: Element): Mention[] {
    const out: Mention[] = [];
    for (const child of el.childNodes) {
      if (child.nodeType !== Node.TEXT_NODE) continue;
      const held = this.byNode.get(child as Text);
      if (Array.isArray(held)) out.push(...held);
      else if (held) out.push(held);
    }
    return out;
  }

  /** Drop the mentions in a text node whose text changed (it is detected again). */
  removeNode(node: Text): Mention[] {
    const held = this.byNode.get(node);
    if (!held) return [];
    const gone = new Set(Array.isArray(held) ? held : [held]);
    this.byNode.delete(node);
    this.mentions = this.mentions.filter((m) => !gone.has(m));
    return [...gone];
  }

  /** Ranges whose nodes left the document are dropped (live blogs replace content). */
  prune(): Mention[] {
    const gone = this.mentions.filter((m) => !m.range.startContainer.isConnected);
    if (gone.length) this.mentions = this.mentions.filter((m) => m.range.startContainer.isConnected);
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
