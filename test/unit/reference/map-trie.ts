/**
 * The matcher's former trie builder (a Map per node, flattened breadth-first), kept only as the
 * oracle for the equivalence test of `TrieBuilder`: both must give the same arrays. Aliases become
 * paths the same way (`aliasPaths`); only the trie differs.
 */
import { aliasPaths, type MatcherEntityInput, mergeFlags, vocabulary } from '../../../src/core/matcher';

interface Node {
  children: Map<number, Node> | null;
  entries: Map<number, number> | null;
}

export function referenceTrie(entities: MatcherEntityInput[]) {
  const { vocab, idOf } = vocabulary();
  const root: Node = { children: null, entries: null };
  entities.forEach((entity, ei) => {
    aliasPaths(entity, idOf, (ids, flags) => {
      let node = root;
      for (const id of ids) {
        node.children ??= new Map();
        let next = node.children.get(id);
        if (!next) node.children.set(id, (next = { children: null, entries: null }));
        node = next;
      }
      node.entries ??= new Map();
      const prev = node.entries.get(ei);
      node.entries.set(ei, prev === undefined ? flags : mergeFlags(prev, flags));
    });
  });
  const edgeStart: number[] = [];
  const payloadStart: number[] = [];
  const edgeToken: number[] = [];
  const edgeChild: number[] = [];
  const payloadEntity: number[] = [];
  const payloadFlags: number[] = [];
  const queue: Node[] = [root];
  for (let n = 0; n < queue.length; n++) {
    const node = queue[n];
    edgeStart.push(edgeToken.length);
    payloadStart.push(payloadEntity.length);
    for (const [tok, child] of [...(node.children ?? [])].sort((a, b) => a[0] - b[0])) {
      edgeToken.push(tok);
      edgeChild.push(queue.length);
      queue.push(child);
    }
    for (const [ent, fl] of node.entries ?? []) {
      payloadEntity.push(ent);
      payloadFlags.push(fl);
    }
  }
  edgeStart.push(edgeToken.length);
  payloadStart.push(payloadEntity.length);
  return { vocab, edgeStart, edgeToken, edgeChild, payloadStart, payloadEntity, payloadFlags };
}
