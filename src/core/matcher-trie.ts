/**
 * Builds the matcher's token trie without a node object per node: every alias is appended as a
 * path of token ids to flat typed arrays, the paths are sorted, and the trie falls out of one
 * walk over the sorted paths (shared prefixes are shared nodes). The result is the compressed
 * sparse row layout the matcher reads: nodes numbered breadth-first, each node's edges sorted by
 * token, each node's payload (entity, flags) sorted by entity.
 */
import { byteList, intList } from './growable';

export interface Trie {
  /** Per node (+1): first edge. Edge k leads to node k + 1 (breadth-first numbering). */
  edgeStart: Int32Array;
  edgeToken: Int32Array;
  edgeChild: Int32Array;
  /** Per node (+1): first payload entry. */
  payloadStart: Int32Array;
  payloadEntity: Int32Array;
  payloadFlags: Uint8Array;
}

export class TrieBuilder {
  private readonly pathStart = intList();
  private readonly path = intList();
  private readonly entity = intList();
  private readonly flags = byteList();

  constructor(
    /** Flags of one entity reached twice by the same path, merged into one entry. */
    private readonly merge: (a: number, b: number) => number,
  ) {
    this.pathStart.push(0);
  }

  /** One alias of `entity`: its token ids, in order. */
  add(tokens: ArrayLike<number>, entity: number, flags: number): void {
    for (let i = 0; i < tokens.length; i++) this.path.push(tokens[i]);
    this.pathStart.push(this.path.length);
    this.entity.push(entity);
    this.flags.push(flags);
  }

  build(): Trie {
    const forms = this.entity.length;
    const path = this.path.done();
    const start = this.pathStart.done();
    const entity = this.entity.done();
    const flags = this.flags.done();
    // Paths in token order (a prefix before its extensions), then by entity.
    const order = new Int32Array(forms);
    for (let i = 0; i < forms; i++) order[i] = i;
    order.sort((x, y) => {
      const xs = start[x];
      const ys = start[y];
      const xl = start[x + 1] - xs;
      const yl = start[y + 1] - ys;
      const m = Math.min(xl, yl);
      for (let k = 0; k < m; k++) {
        const d = path[xs + k] - path[ys + k];
        if (d !== 0) return d;
      }
      return xl - yl || entity[x] - entity[y];
    });

    // One walk: nodes in depth-first order (= sorted path order), payload ranges per node.
    const parent = intList();
    const token = intList();
    const depth = intList();
    const payFrom = intList();
    const payTo = intList();
    const newNode = (p: number, t: number, d: number) => {
      parent.push(p);
      token.push(t);
      depth.push(d);
      payFrom.push(0);
      return payTo.push(0);
    };
    newNode(-1, -1, 0);
    const payEntity = intList();
    const payFlags = byteList();
    let stack = new Int32Array(16);
    let prev = -1;
    let maxDepth = 0;
    for (let k = 0; k < forms; k++) {
      const f = order[k];
      const fs = start[f];
      const len = start[f + 1] - fs;
      let shared = 0;
      if (prev >= 0) {
        const ps = start[prev];
        const plen = start[prev + 1] - ps;
        const m = Math.min(plen, len);
        while (shared < m && path[ps + shared] === path[fs + shared]) shared++;
      }
      if (len + 1 > stack.length) {
        const bigger = new Int32Array(2 * (len + 1));
        bigger.set(stack);
        stack = bigger;
      }
      for (let d = shared; d < len; d++) stack[d + 1] = newNode(stack[d], path[fs + d], d + 1);
      if (len > maxDepth) maxDepth = len;
      const node = stack[len];
      const last = payEntity.length - 1;
      if (payTo.at(node) > 0 && payTo.at(node) === last + 1 && payEntity.at(last) === entity[f]) {
        payFlags.set(last, this.merge(payFlags.at(last), flags[f]));
      } else {
        const at = payEntity.push(entity[f]);
        payFlags.push(flags[f]);
        if (payTo.at(node) === 0) payFrom.set(node, at);
        payTo.set(node, at + 1);
      }
      prev = f;
    }

    // Breadth-first numbering: by depth, and within a depth in sorted path order (a stable
    // counting sort of the depth-first order), as a queue over sorted children would number them.
    const nodes = parent.length;
    const firstAt = new Int32Array(maxDepth + 2);
    for (let n = 0; n < nodes; n++) firstAt[depth.at(n) + 1]++;
    for (let d = 1; d < firstAt.length; d++) firstAt[d] += firstAt[d - 1];
    const bfs = new Int32Array(nodes);
    const dfsOf = new Int32Array(nodes);
    for (let n = 0; n < nodes; n++) {
      const b = firstAt[depth.at(n)]++;
      bfs[n] = b;
      dfsOf[b] = n;
    }

    const edgeStart = new Int32Array(nodes + 1);
    const edgeToken = new Int32Array(nodes - 1);
    const edgeChild = new Int32Array(nodes - 1);
    for (let b = 1; b < nodes; b++) {
      const n = dfsOf[b];
      edgeToken[b - 1] = token.at(n);
      edgeChild[b - 1] = b;
      edgeStart[bfs[parent.at(n)] + 1]++;
    }
    for (let b = 0; b < nodes; b++) edgeStart[b + 1] += edgeStart[b];

    const payloadStart = new Int32Array(nodes + 1);
    const payloadEntity = new Int32Array(payEntity.length);
    const payloadFlags = new Uint8Array(payEntity.length);
    let w = 0;
    for (let b = 0; b < nodes; b++) {
      payloadStart[b] = w;
      const n = dfsOf[b];
      for (let p = payFrom.at(n); p < payTo.at(n); p++) {
        payloadEntity[w] = payEntity.at(p);
        payloadFlags[w++] = payFlags.at(p);
      }
    }
    payloadStart[nodes] = w;
    return { edgeStart, edgeToken, edgeChild, payloadStart, payloadEntity, payloadFlags };
  }
}
