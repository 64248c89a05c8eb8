// @vitest-environment happy-dom
// MentionIndex: which mention holds a (text node, offset) caret position, for mentions inside one
// node, across nodes and many per node; mentions leave with their text.
import { describe, expect, it } from 'vitest';
import { caretAt, MentionIndex, pointInRange } from '../../src/content/mention-index';
import { collectText, rangeFor } from '../../src/content/page-text';
import { setBody } from './dom-fixtures';

function mentionsIn(html: string, names: [string, string][]) {
  setBody(html);
  const pt = collectText(document.body, null);
  const index = new MentionIndex();
  for (const [name, entity] of names) {
    for (let at = pt.text.indexOf(name); at >= 0; at = pt.text.indexOf(name, at + 1)) {
      const range = rangeFor(pt, at, at + name.length);
      if (range) index.add(range, entity);
    }
  }
  return index;
}
const text = (sel: string, i = 0) => document.querySelectorAll(sel)[i]?.firstChild as Text;

describe('MentionIndex', () => {
  it('finds the mention at every offset inside it and none just outside', () => {
    const index = mentionsIn('<p>Then Ada Example met Bo.</p>', [
      ['Ada Example', 'p:ada'],
      ['Bo', 'p:bo'],
    ]);
    const node = text('p');
    const start = node.data.indexOf('Ada');
    expect(index.at(node, start - 1)).toBeNull();
    for (let o = start; o < start + 'Ada Example'.length; o++) expect(index.at(node, o)?.entity).toBe('p:ada');
    expect(index.at(node, start + 'Ada Example'.length)).toBeNull();
    expect(index.at(node, node.data.indexOf('Bo'))?.entity).toBe('p:bo');
    expect(index.at(document.body, 0)).toBeNull();
  });

  it('a text node the page moves no longer holds its mention (its range collapsed where the node was)', () => {
    const index = mentionsIn('<p id="a">Then Ada Example met Bo.</p><p id="b">Elsewhere.</p>', [['Ada Example', 'p:ada']]);
    const node = text('#a');
    const at = node.data.indexOf('Ada');
    expect(index.at(node, at)?.entity).toBe('p:ada');
    const oldParent = node.parentNode as Node;
    document.querySelector('#b')?.append(node);
    // What the DOM standard does to a live range when its node is removed (happy-dom does not):
    // the boundary points move to where the node was, in its old parent.
    const range = index.mentions[0].range;
    if (range.startContainer === node) range.setStart(oldParent, 0);
    if (range.endContainer === node) range.setEnd(oldParent, 0);
    expect(index.at(node, at)).toBeNull();
  });

  it('a mention split over several text nodes is found from each of them', () => {
    const index = mentionsIn('<p>Talks with <b>Ada</b> <i>Example</i> began.</p>', [['Ada Example', 'p:ada']]);
    expect(index.at(text('b'), 1)?.entity).toBe('p:ada');
    expect(index.at(text('i'), 6)?.entity).toBe('p:ada');
    expect(index.at(text('p'), 2)).toBeNull();
    expect(index.mentions).toHaveLength(1);
  });

  it('binary search holds over many mentions in one node, added in any order', () => {
    const words = Array.from({ length: 200 }, (_, i) => `Name${String(i).padStart(3, '0')}`);
    setBody(`<p>${words.join(' ')}</p>`);
    const node = text('p');
    const index = new MentionIndex();
    const order = words.map((_, i) => (i * 37) % 200);
    for (const i of order) {
      const r = document.createRange();
      const at = i * 8;
      r.setStart(node, at);
      r.setEnd(node, at + 7);
      index.add(r, `p:n${i}`);
    }
    for (let i = 0; i < 200; i++) {
      expect(index.at(node, i * 8 + 3)?.entity).toBe(`p:n${i}`);
      expect(index.at(node, i * 8 + 7)).toBeNull();
    }
  });

  it('removeNode drops the mentions of a changed node; prune drops those that left the page', () => {
    const index = mentionsIn('<p id="a">Ada Example spoke.</p><p id="b">Bo Example too. Ada Example again.</p>', [
      ['Ada Example', 'p:ada'],
      ['Bo Example', 'p:bo'],
    ]);
    expect(index.mentions).toHaveLength(3);
    const b = text('#b');
    expect(index.removeNode(b).map((m) => m.entity)).toEqual(['p:bo', 'p:ada']);
    expect(index.at(b, 1)).toBeNull();
    expect(index.removeNode(b)).toEqual([]);
    expect(index.mentions.map((m) => m.entity)).toEqual(['p:ada']);
    document.getElementById('a')?.remove();
    expect(index.prune().map((m) => m.entity)).toEqual(['p:ada']);
    expect(index.mentions).toEqual([]);
    expect(index.prune()).toEqual([]);
  });

  it('prune drops a mention whose text node the page removed from a paragraph that stays', () => {
    const index = mentionsIn('<p id="a">Ada Example spoke.<b>More</b></p>', [['Ada Example', 'p:ada']]);
    const node = text('#a');
    const p = document.getElementById('a') as Element;
    node.remove();
    // What the DOM standard does to a live range when its node is removed (happy-dom does not):
    // both boundary points move to where the node was, in the paragraph, which is still in the page.
    const range = index.mentions[0].range;
    range.setStart(p, 0);
    range.setEnd(p, 0);
    expect(range.startContainer.isConnected).toBe(true);
    expect(index.prune().map((m) => m.entity)).toEqual(['p:ada']);
    expect(index.mentions).toEqual([]);
  });

  it('has() tells which text nodes hold a mention (the annotator reads only the others again)', () => {
    const index = mentionsIn('<p id="a">Ada Example spoke.</p><p id="b">Nobody here.</p>', [['Ada Example', 'p:ada']]);
    expect(index.has(text('#a'))).toBe(true);
    expect(index.has(text('#b'))).toBe(false);
    index.removeNode(text('#a'));
    expect(index.has(text('#a'))).toBe(false);
  });
});

describe('pointer helpers', () => {
  it('pointInRange checks the range’s line boxes with a little slack', () => {
    const range = document.createRange();
    const box = (left: number, top: number, width: number, height: number) => ({ left, top, right: left + width, bottom: top + height, width, height });
    range.getClientRects = () => [box(10, 10, 50, 20), box(0, 40, 30, 20)] as unknown as DOMRectList;
    expect(pointInRange(range, 30, 20)).toBe(true);
    expect(pointInRange(range, 5, 50)).toBe(true);
    expect(pointInRange(range, 60.5, 20)).toBe(true);
    expect(pointInRange(range, 45, 50)).toBe(false);
    expect(pointInRange(range, 30, 35)).toBe(false);
  });

  it('caretAt uses caretPositionFromPoint, else caretRangeFromPoint', () => {
    setBody('<p>Ada</p>');
    const node = text('p');
    const doc = document as unknown as Record<string, unknown>;
    doc.caretPositionFromPoint = (x: number) => ({ offsetNode: node, offset: x });
    expect(caretAt(2, 0)).toEqual({ node, offset: 2 });
    doc.caretPositionFromPoint = undefined;
    doc.caretRangeFromPoint = () => {
      const r = document.createRange();
      r.setStart(node, 1);
      return r;
    };
    expect(caretAt(0, 0)).toEqual({ node, offset: 1 });
    doc.caretRangeFromPoint = undefined;
    expect(caretAt(0, 0)).toBeNull();
  });
});
