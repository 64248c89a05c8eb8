// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { findArticleScope, isFurnitureLine } from '../../src/content/article-scope';
import { calendarWords } from '../../src/content/calendar-words';
import { collectAll } from '../../src/content/page-text';
import { isContactLine, isFinePrint, isLinkCard, tagLists } from '../../src/content/scope-boilerplate';

const para = (s: string) => `<p>${s} The harbour board met on Monday, and its chair said the new quay would open in the spring, after the last repairs.</p>`;

function load(html: string) {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  document.body.replaceWith(document.importNode(parsed.body, true));
}

async function scopeText(html: string) {
  load(html);
  const scope = await findArticleScope(document);
  return collectAll(scope.roots, null, scope.rejects).text;
}

describe('tag lists (rel="tag")', () => {
  it('leaves out a list of tag links with its label, inside the body', async () => {
    const text = await scopeText(`<h1>Quay to open</h1><div class="entry">${para('Quay news.')}${para('More quay news.')}
      <strong>Topics<br><a rel="tag" href="/t/harbour">harbour board</a>, <a rel="tag" href="/t/quay">new quay works</a>, <a rel="tag" href="/t/spring">spring openings</a></strong></div>`);
    expect(text).toContain('More quay news.');
    expect(text).not.toContain('new quay works');
    expect(text).not.toContain('Topics');
  });

  it('takes the outermost element that is mostly tags, never a paragraph of prose around one', () => {
    load(`<div id="root"><p id="prose">The <a rel="tag" href="/t/a">harbour</a> and the <a rel="tag" href="/t/b">quay</a> were rebuilt after a long and costly winter of storms along the coast.</p>
      <ul id="list"><li><a rel="tag" href="/t/c">storms</a></li><li><a rel="tag" href="/t/d">coast</a></li></ul></div>`);
    const found = tagLists(document.getElementById('root') as Element);
    expect(found.map((e) => e.id)).toEqual(['list']);
  });

  it('a single tag link is no list', () => {
    load(`<div id="root"><p>Filed under <a rel="tag" href="/t/a">harbour</a></p></div>`);
    expect(tagLists(document.getElementById('root') as Element)).toEqual([]);
  });
});

describe('link cards inside a sentence', () => {
  const card = `<span class="pop"><a href="/p/ana">Ana Ruiz</a><span class="box"><span><img src="x.png" alt=""><a href="/p/ana">Ana Ruiz</a><a href="/s/1">Harbour chair backs plan for the new quay in a close vote</a> <a href="/s/2">Quay works to start before the summer season</a> <a href="/more">MORE</a></span></span></span>`;

  it('leaves out the card and keeps the name the sentence reads', async () => {
    const text = await scopeText(
      `<h1>Quay to open</h1><article><p>The board's chair, ${card}, said the quay would open in spring, after the last of the repairs to the old harbour wall.</p>${para('Quay news.')}${para('More.')}</article>`,
    );
    expect(text).toContain("The board's chair, Ana Ruiz, said the quay");
    expect(text).not.toContain('Harbour chair backs plan');
    expect(text).not.toContain('MORE');
  });

  it('is the innermost element holding the links, and needs text around it', () => {
    load(`<p id="p">The chair, ${card}, spoke.</p>`);
    const pop = document.querySelector('.pop') as Element;
    const inner = document.querySelector('.box > span') as Element;
    const box = document.querySelector('.box') as Element;
    const pLen = (document.getElementById('p')?.textContent ?? '').length;
    expect(isLinkCard(pop, pLen)).toBe(false);
    // `.box` holds the same links as its only child: the child is the card.
    expect(isLinkCard(box, pLen)).toBe(false);
    expect(isLinkCard(inner, pLen)).toBe(true);
    // Alone in its block, it is no card in a sentence (a list of links is pruned by link density).
    expect(isLinkCard(inner, (inner.textContent ?? '').length)).toBe(false);
  });

  it('a sentence with links in it is no card', () => {
    load(
      `<p id="p">The <span id="s"><a href="/a">harbour board</a> met the <a href="/b">quay builders</a> and the <a href="/c">town council</a> on Monday to agree the plans for the spring.</span></p>`,
    );
    const s = document.getElementById('s') as Element;
    expect(isLinkCard(s, 500)).toBe(false);
  });
});

describe('contact lines that close the body', () => {
  it('reads addresses, web addresses and handles, not prose', () => {
    expect(isContactLine('Write to Ana Ruiz at ana.ruiz@example.org')).toBe(true);
    expect(isContactLine('Follow us @harbournews for more.')).toBe(true);
    expect(isContactLine('More at https://example.org/quay')).toBe(false);
    expect(isContactLine('The quay will open in spring, the chair said.')).toBe(false);
  });

  it('leaves out the closing contact lines, keeps one followed by the story', async () => {
    const text = await scopeText(`<h1>Quay to open</h1><article>${para('Quay news.')}
      <p>Residents can send questions to quay@example.org before the meeting on Friday.</p>
      ${para('More quay news.')}
      <p><em>Write to Ana Ruiz at ana@example.org. Follow her @anaruiz.</em></p></article>`);
    expect(text).toContain('quay@example.org');
    expect(text).toContain('More quay news.');
    expect(text).not.toContain('Write to Ana Ruiz');
  });
});

describe('fine print that closes the body', () => {
  it('reads a small font set in the markup, or text all in <small>', () => {
    load(`<p id="a" style="color: grey; font-size: 11px">x</p><p id="b" style="font-size:0.75em">x</p><div id="c"><small>Note to readers.</small></div>
      <p id="d" style="font-size: 18px">x</p><p id="e">Body text with <small>a small aside</small> in it.</p>`);
    const el = (id: string) => document.getElementById(id) as Element;
    const read = ['a', 'b', 'c', 'd', 'e'].map((id) => isFinePrint(el(id)));
    expect(read).toEqual([true, true, true, false, false]);
  });

  it('leaves out the company note under a press release, keeps a small caption inside the story', async () => {
    const text = await scopeText(`<h1>Quay to open</h1><article>${para('Quay news.')}
      <p style="font-size: 11px">The old harbour wall, seen from the north pier at low tide in the winter storms.</p>
      ${para('More quay news.')}<hr>
      <p style="font-size: 12px">Harbour Works Ltd builds and repairs quays around the coast and employs some 300 people in four towns.</p>
      <p>Stay up to date: <a href="/s">subscribe</a>.</p></article>`);
    expect(text).toContain('The old harbour wall, seen from the north pier');
    expect(text).toContain('More quay news.');
    expect(text).not.toContain('Harbour Works Ltd builds');
  });
});

describe('the class name "hidden"', () => {
  it('is left out without the style sheet; a class with "hidden" as a word of it is not', async () => {
    const text = await scopeText(`<h1>Quay to open</h1><article>${para('Quay news.')}
      <span class="hidden"><span>harbour-news-admin</span><span>https://example.org/img/quay.jpg</span></span>
      <p class="hidden-xs">Seen on wide screens only: the quay plan in full.</p>${para('More quay news.')}</article>`);
    expect(text).toContain('More quay news.');
    expect(text).not.toContain('harbour-news-admin');
    expect(text).toContain('Seen on wide screens only');
  });
});

describe('metadata lines', () => {
  const en = calendarWords('en');
  it('a line of label: value fields and dates is furniture', () => {
    const lines = [
      '12/03/2019 - Posted by: Ana Ruiz - Section: Harbour - Tags: quay',
      'POSTED: March 12, 2019 at 8:15 am | UPDATED: March 12, 2019 at 9:40 am',
      'Last updated on: March 12, 2019 9:40 AM',
    ];
    for (const line of lines) expect(isFurnitureLine(line, en), line).toBe(true);
  });

  it('a sentence with a colon is not', () => {
    expect(isFurnitureLine('The vote: 12 to 3', en)).toBe(false);
    expect(isFurnitureLine('Note: the board met at 10:30 in 2019 to vote on the plan', en)).toBe(false);
  });

  it('a year and a clock time in a short line is a timestamp in a language the page does not declare', () => {
    expect(isFurnitureLine('terça-feira, 12 de março de 2019 às 9:40', en)).toBe(true);
    expect(isFurnitureLine('The quay opened in 2019 after 10:30 talks ended', en)).toBe(false);
  });
});
