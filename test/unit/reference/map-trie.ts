/**
 * The matcher's former trie builder (a Map per node, flattened breadth-first), kept only as the
 * oracle for the equivalence test of `TrieBuilder`: both must give the same arrays.
 */
import { FLAG, type MatcherEntityInput } from '../../../src/core/matcher';
import { isStrictAliasToken, strictKey, tokenize } from '../../../src/core/normalize';

interface Node {
  children: Map<number, Node> | null;
  entries: Map<number, number> | null;
}

const mergeFlags = (a: number, b: number) => ((a | b) & ~FLAG.SHORT) | (a & b & FLAG.SHORT);

export function referenceTrie(entities: MatcherEntityInput[]) {
  const vocab: string[] = [];
  const vocabIndex = new Map<string, number>();
  const idOf = (k: string) => {
    let id = vocabIndex.get(k);
    if (id === undefined) {
      id = vocab.length;
      vocab.push(k);
      vocabIndex.set(k, id);
    }
    return id;
  };
  const root: Node = { children: null, entries: null };
  entities.forEach((entity, ei) => {
    const forms: { text: string; canonical?: boolean; standalone?: boolean; caseSensitive?: boolean }[] = [
      { text: entity.name, canonical: true },
      ...entity.aliases,
    ];
    for (const form of forms) {
      const tokens = tokenize(form.text);
      if (!tokens.length) continue;
      let flags = 0;
      if (form.canonical) flags |= FLAG.CANONICAL;
      if (entity.type === 'person' && tokens.length === 1 && !form.canonical) flags |= FLAG.SHORT;
      if (form.standalone === false) flags |= FLAG.NO_STANDALONE;
      if (tokens[0].caps === 'lower') flags |= FLAG.LOWER_START;
      let node = root;
      for (const t of tokens) {
        if (t.connector) continue;
        const id = idOf(form.caseSensitive || isStrictAliasToken(t.raw) ? strictKey(t.raw) : t.fold);
        node.children ??= new Map();
        let next = node.children.get(id);
        if (!next) node.children.set(id, (next = { children: null, entries: null }));
        node = next;
      }
      node.entries ??= new Map();
      const prev = node.entries.get(ei);
      node.entries.set(ei, prev === undefined ? flags : mergeFlags(prev, flags));
    }
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
