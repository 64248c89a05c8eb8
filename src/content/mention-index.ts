/** Detected mentions as DOM ranges, with a per-node lookup for "which mention is under the caret". */

export interface Mention {
  range: Range;
  entity: string;
}

interface Span {
  from: number;
  to: number;
  index: number;
}

export class MentionIndex {
  readonly mentions: Mention[] = [];
  private byNode = new WeakMap<Text, Span[]>();

  add(range: Range, entity: string): Mention {
    const index = this.mentions.length;
    const m = { range, entity };
    this.mentions.push(m);
    const walker = document.createTreeWalker(range.commonAncestorContainer, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    if (range.startContainer === range.endContainer) nodes.push(range.startContainer as Text);
    else for (let n = walker.nextNode(); n; n = walker.nextNode()) if (range.intersectsNode(n)) nodes.push(n as Text);
    for (const node of nodes) {
      const from = node === range.startContainer ? range.startOffset : 0;
      const to = node === range.endContainer ? range.endOffset : node.data.length;
      const list = this.byNode.get(node) ?? [];
      list.push({ from, to, index });
      list.sort((a, b) => a.from - b.from);
      this.byNode.set(node, list);
    }
    return m;
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
      else return this.mentions[s.index];
    }
    return null;
  }

  /** Ranges whose nodes left the document are dropped (live blogs replace content). */
  prune(): void {
    for (let i = this.mentions.length - 1; i >= 0; i--) {
      if (!this.mentions[i].range.startContainer.isConnected) this.mentions.splice(i, 1);
    }
  }
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
