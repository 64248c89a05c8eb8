// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { MentionSections } from '../../src/content/mention-section';
import { setBody } from './dom-fixtures';

describe('the section a mention is in', () => {
  it('sectioning elements and headings start sections; paragraphs under one heading share one', () => {
    // A fixture we wrote, parsed once and moved into the test document.
    const fixture = new DOMParser().parseFromString(
      `
      <header><p id="h">Name</p></header>
      <article>
        <p id="a1">Name</p><p id="a2">Name</p>
        <h2>Part two</h2>
        <p id="b1">Name</p><div><p id="b2">Name</p></div>
        <aside><p id="c1">Name</p></aside>
      </article>`,
      'text/html',
    );
    document.body.replaceChildren(...fixture.body.childNodes);
    const s = new MentionSections();
    const of = (id: string) => s.sectionOf(document.getElementById(id)?.firstChild as Node);
    expect(of('a1')).toBe(of('a2'));
    expect(of('b1')).toBe(of('b2'));
    expect(new Set([of('h'), of('a1'), of('b1'), of('c1')]).size).toBe(4);
  });

  it('after release() (its remembered headings dropped) a section keeps its id', () => {
    setBody('<article><h2>One</h2><p id="a">Name</p><p id="b">Name</p><h2>Two</h2><p id="c">Name</p></article>');
    const s = new MentionSections();
    const of = (id: string) => s.sectionOf(document.getElementById(id)?.firstChild as Node);
    const [a, c] = [of('a'), of('c')];
    s.release();
    expect(of('b')).toBe(a);
    expect(of('c')).toBe(c);
    expect(a).not.toBe(c);
  });
});
