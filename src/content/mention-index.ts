/** Detected mentions as DOM ranges, with a per-node lookup for "which mention is under the caret". */

export interface Mention {
  range: Range;
  entity: string;
}

interface Span {
  from: number;
  to: number;
  mention: Mention;
}

export class MentionIndex {
  mentions: Mention[] = [];
  private byNode = new WeakMap<Text, Span[]>();

  add(range: Range, entity: string): Mention {
    const m = { range, entity };
    this.mentions.push(m);
    for (const node of textNodesOf(range)) {
      const from = node === range.startContainer ? range.startOffset : 0;
      const to = node === range.endContainer ? range.endOffset : node.data.length;
      const span = { from, to, mention: m };
      const list = this.byNode.get(node);
      // Most nodes hold one mention: a literal array has room for exactly one, where `[]` grown by a push has room for 17.
      if (!list) this.byNode.set(node, [span]);
      else {
        list.push(span);
        list.sort((a, b) => a.from - b.from);
      }
    }
    return m;
  }

  /** Does this text node hold a mention? */
  has(node: Text): boolean {
    return this.byNode.has(node);
  }

  /** The mention containing (node, offset), by binary search over the node's sorted spans. */
  at(node: Node, offset: number): Mention | null {
    const list = this.byNode.get(node as Text);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid];
      if (offset < s.from) hi = mid - 1;
      else if (offset >= s.to) lo = mid + 1;
      else return s.mention;
    }
    return null;
  }

  /** The mentions in the element's own text (its child text nodes, not its descendants'). */
  inElement(el: Element): Mention[] {
    const out: Mention[] = [];
    for (const child of el.childNodes) {
      if (child.nodeType !== Node.TEXT_NODE) continue;
      for (const s of this.byNode.get(child as Text) ?? []) out.push(s.mention);
    }
    return out;
  }

  /** Drop the mentions in a text node whose text changed (it is detected again). */
  removeNode(node: Text): Mention[] {
    const spans = this.byNode.get(node);
    if (!spans) return [];
    const gone = new Set(spans.map((s) => s.mention));
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
