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
    expect(isFurnitureLine('Mon, 12 Mar 2019 10:30 GMT', calendarWords('xx'))).toBe(true);
  });

  it('a dotted date or a decimal is no clock time; a sentence after a time is no timestamp', () => {
    const de = calendarWords('de');
    expect(isFurnitureLine('Angela Merkel in Berlin, 03.10.2019', de)).toBe(false);
    expect(isFurnitureLine('Olaf Scholz bei der Pressekonferenz am 12.12.2019', de)).toBe(false);
    expect(isFurnitureLine('Shares rose to 12.50 in 2019', en)).toBe(false);
    expect(isFurnitureLine('At 10:30 in 2019 the vote', en)).toBe(false);
    expect(isFurnitureLine('The quay opened in 2019 at 10:30 as planned', en)).toBe(false);
  });

  it('short foreign lines with a year and a number.number are not timestamps', () => {
    expect(isFurnitureLine('Wachstum 2019 bei 1.25 Prozent', en)).toBe(false);
    expect(isFurnitureLine('Inflação de 2019 chegou a 4.31 por cento', en)).toBe(false);
  });

  it('a results line with names is no metadata line', () => {
    const lines = [
      'Winner: Ana Ruiz | Second: Jo Smith',
      'Labour: 412 seats | Conservatives: 121 seats | Lib Dems: 72 seats',
      'Q: Will it open? · Ruiz: Yes, in spring',
      'Referee: Michael Oliver | Attendance: 60,123',
    ];
    for (const line of lines) expect(isFurnitureLine(line, en), line).toBe(false);
  });
});

describe('findings of the review', () => {
  const small = (s: string) =>
    `<p><small>${s} The harbour board met on Monday, and its chair said the new quay would open in the spring, after the last repairs.</small></p>`;
  const px12 = (s: string) =>
    `<p style="font-size:12px">${s} The harbour board met on Monday, and its chair said the new quay would open in the spring, after the last repairs.</p>`;

  it('a body written all in fine print is the story', async () => {
    const a = await scopeText(`<h1>Quay to open</h1><article>${small('A.')}${small('B.')}${small('C.')}${small('D.')}</article>`);
    expect(a).toContain('D. The harbour board met');
    expect(a).toContain('A. The harbour board met');
    const b = await scopeText(`<h1>Quay to open</h1><article>${px12('A.')}${px12('B.')}${px12('C.')}${px12('D.')}</article>`);
    expect(b).toContain('D. The harbour board met');
  });

  it("fine print is judged against the body's own font size", async () => {
    const p = (s: string) =>
      `<p style="font-size:12px">${s} The harbour board met on Monday, and its chair said the new quay would open in the spring, after the last repairs.</p>`;
    const text = await scopeText(`<h1>Quay to open</h1><article>${p('A.')}${p('B.')}${p('C.')}
      <p style="font-size:9px">Harbour Works Ltd builds and repairs quays around the coast and employs some 300 people in four towns.</p></article>`);
    expect(text).toContain('C. The harbour board met');
    expect(text).not.toContain('Harbour Works Ltd builds');
  });

  it('a last story paragraph with a handle or an e-mail address stays', async () => {
    const last = [
      '<p>Police said the man, who posted as @harbourhater, sent threats to the chair for weeks before his arrest on Friday.</p>',
      '<p>Ana Ruiz (@anaruiz) said on Twitter that the quay would open in spring.</p>',
      '<p>The minister, who can be reached at minister@gov.example, said the plan was sound.</p><p>"It will open," she said.</p>',
    ];
    for (const l of last) {
      const text = await scopeText(`<h1>Quay to open</h1><article>${para('Quay news.')}${para('More quay news.')}${l}</article>`);
      expect(text, l).toContain((l.match(/<p>([^<]{0,30})/) as RegExpMatchArray)[1]);
    }
  });

  it('a contact line followed by list items of the story stays', async () => {
    const text = await scopeText(`<h1>Quay to open</h1><article>${para('Quay news.')}
      <p>Send questions to quay@example.org.</p>
      <ul><li>The harbour board will meet again on Monday to agree the plan for the new quay works.</li>
      <li>The chair said the quay would open in the spring, after the last of the repairs to the wall.</li></ul></article>`);
    expect(text).toContain('quay@example.org');
  });

  it('a contact line needs a link or few words besides its address', () => {
    expect(isContactLine('Follow her on Twitter @anaruiz')).toBe(true);
    expect(isContactLine('Contact: ana@example.org')).toBe(true);
    expect(isContactLine('Ana Ruiz (@anaruiz) said on Twitter that the quay would open in spring.')).toBe(false);
    load('<p id="p">Ana Ruiz covers the harbour, the quays and the town council for us. <a href="mailto:ana@example.org">ana@example.org</a></p>');
    const p = document.getElementById('p') as Element;
    expect(isContactLine(p.textContent ?? '', p)).toBe(true);
  });

  it('a long name next to a small card stays in the sentence', async () => {
    const pop = `<span class="pop"><a href="/p/a">Alexandria Ocasio-Cortez Smith</a><span class="box"><span><a href="/s/1">Harbour chair backs plan for the new quay</a> <a href="/s/2">Quay works to start before summer</a> <a href="/more">MORE STORIES</a></span></span></span>`;
    const text = await scopeText(
      `<h1>Quay to open</h1><article><p>The board's chair, ${pop}, said the quay would open in spring, after the last of the repairs to the old harbour wall.</p>${para('Quay news.')}${para('More.')}</article>`,
    );
    expect(text).toContain("The board's chair, Alexandria Ocasio-Cortez Smith");
    // The box after the name, short by itself, is still the card: left out.
    expect(text).not.toContain('Harbour chair backs plan');
    expect(text).toContain('said the quay would open in spring');
  });

  it('the class name "hidden" is no evidence: the browser says what is hidden', async () => {
    const text = await scopeText(`<h1>Quay to open</h1><article>${para('Quay news.')}
      <p class="hidden md:block">Seen on wide screens: the quay plan in full, with the new harbour wall.</p>${para('More quay news.')}</article>`);
    expect(text).toContain('Seen on wide screens');
  });
});
