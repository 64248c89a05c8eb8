// @vitest-environment happy-dom
// collectText / collectAll / rangeFor: the page text Backstory reads, as one string mapped back to
// DOM text nodes: blocks and <br> become line breaks, form fields, code, scripts, editable regions
// and Backstory's own layer are never read, rejected (hidden, furniture) subtrees are left out,
// and the article scope's boundaries hold on a page.
import { beforeEach, describe, expect, it } from 'vitest';
import { findArticleScope } from '../../src/content/article-scope';
import { articleDate, collectAll, collectText, isSkipped, rangeFor } from '../../src/content/page-text';
import { setBody, setHead } from './dom-fixtures';

const page = setBody;
beforeEach(() => {
  setHead('');
});

describe('collectText', () => {
  it('joins blocks and <br> lines with line breaks, and inline elements without', () => {
    const body = page('<h1>Bridge <em>reopens</em></h1><p>LAHORE<br>Ada <b>Example</b> spoke.</p><ul><li>One</li><li>Two</li></ul>');
    expect(collectText(body, null).text).toBe('Bridge reopens\nLAHORE\nAda Example spoke.\nOne\nTwo');
  });

  it('never reads scripts, styles, form fields, buttons, code, editable regions or the layer', () => {
    const body = page(
      '<p>Kept one.</p><script>var Secret = 1;</script><style>.Hidden{}</style>' +
        '<textarea>Typed Words</textarea><input value="Field Value"><select><option>Picked Option</option></select>' +
        '<button>Click Here</button><pre>Code Block</pre><code>inline Code</code>' +
        '<div contenteditable="true">Draft Text</div><div id="layer">Card Name</div><p>Kept two.</p>',
    );
    const layer = document.getElementById('layer');
    const { text } = collectText(body, layer);
    expect(text).toBe('Kept one.\nKept two.');
    // Asking for the text of a skipped element itself gives nothing.
    expect(collectText(document.querySelector('pre') as Element, null).text).toBe('');
    expect(isSkipped(document.querySelector('code') as Element, null)).toBe(true);
    expect(isSkipped(document.querySelector('p') as Element, null)).toBe(false);
  });

  it('leaves out subtrees the scope rejects (hidden text) and nodes already read', () => {
    const body = page('<p>Shown <span class="sr-only">Hidden Name</span>text.</p><p id="two">Second Line.</p>');
    const rejects = (el: Element) => el.classList.contains('sr-only');
    expect(collectText(body, null, rejects).text).toBe('Shown text.\nSecond Line.');
    const already = new WeakSet<Text>([document.getElementById('two')?.firstChild as Text]);
    expect(collectText(body, null, rejects, already).text).toBe('Shown text.');
    expect(collectText(document.querySelector('.sr-only') as Element, null, rejects).text).toBe('');
  });

  it('maps offsets of the joined text back to exact DOM ranges, across nodes and lines', () => {
    const body = page('<p>Talks with <a href="#">Ada</a> Example began.</p><p>Then Bo Example left.</p>');
    const pt = collectText(body, null);
    const at = (s: string) => [pt.text.indexOf(s), pt.text.indexOf(s) + s.length] as const;
    const across = rangeFor(pt, ...at('Ada Example'));
    expect(across?.toString()).toBe('Ada Example');
    expect(across?.startContainer).toBe(document.querySelector('a')?.firstChild);
    expect(rangeFor(pt, ...at('Bo Example'))?.toString()).toBe('Bo Example');
    expect(rangeFor(pt, 0, 5)?.toString()).toBe('Talks');
    expect(rangeFor(pt, pt.text.length - 5, pt.text.length)?.toString()).toBe('left.');
    expect(rangeFor({ text: '', segments: [] }, 0, 1)).toBeNull();
  });

  it('a page change between the read and the marking never puts a mark on other words', () => {
    // Segments name nodes by position: inserting nodes before the text shifts what is at that
    // position. The mark is refused, not moved onto the words now there.
    const body = page('<p id="p">Ada Example spoke. <b>Then</b> the mayor of Kabul replied.</p>');
    const pt = collectText(body, null);
    const at = (s: string) => [pt.text.indexOf(s), pt.text.indexOf(s) + s.length] as const;
    const p = document.getElementById('p') as Element;
    p.prepend(document.createTextNode('Breaking news: '), document.createElement('span'));
    expect(rangeFor(pt, ...at('Ada Example'))).toBeNull();
    expect(rangeFor(pt, ...at('Kabul'))).toBeNull();
    // Text edited in place: the words read are no longer there.
    const again = collectText(body, null);
    const kabul = [again.text.indexOf('Kabul'), again.text.indexOf('Kabul') + 5] as const;
    (p.lastChild as Text).data = ' the mayor of Paris replied.';
    expect(rangeFor(again, ...kabul)).toBeNull();
    // A node removed from the page holds no mark, though its position may still be found.
    const third = collectText(body, null);
    const news = [third.text.indexOf('Breaking'), third.text.indexOf('Breaking') + 8] as const;
    p.remove();
    expect(rangeFor(third, ...news)).toBeNull();
  });

  it('collectAll joins several roots in order, skipping empty ones', () => {
    page('<h1 id="a">Headline</h1><aside id="b"><script>x</script></aside><div id="c"><p>Body one.</p><p>Body two.</p></div>');
    const roots = ['a', 'b', 'c'].map((id) => document.getElementById(id) as Element);
    const pt = collectAll(roots, null);
    expect(pt.text).toBe('Headline\nBody one.\nBody two.');
    expect(rangeFor(pt, pt.text.indexOf('two'), pt.text.indexOf('two') + 3)?.toString()).toBe('two');
  });
});

describe('the article scope on a page', () => {
  const para = (s: string) => `<p>${s} The council met on Tuesday and agreed that the plan would go ahead next spring after a long review.</p>`;

  it('reads headline and body, not the menu, the related rail, the footer or hidden text', async () => {
    page(`
      <nav><a href="/">Home</a> <a href="/world">World News</a></nav>
      <article><h1>Alder Bridge Reopens</h1>
        <div class="story">${para('Ada Example opened it.')}${para('Bo Example spoke.')}${para('Cy Example left.')}
        <p class="hidden-name" hidden>Secret Person</p></div></article>
      <div class="related-stories"><h3><a href="/a">Other Story One</a></h3><h3><a href="/b">Other Story Two</a></h3></div>
      <footer>Copyright Example News</footer>`);
    const scope = await findArticleScope(document, { hidden: (el) => el.hasAttribute('hidden') });
    const { text } = collectAll(scope.roots, null, scope.rejects);
    for (const s of ['Alder Bridge Reopens', 'Ada Example opened it.', 'Cy Example left.']) expect(text).toContain(s);
    for (const s of ['Home', 'World News', 'Other Story', 'Copyright', 'Secret Person']) expect(text).not.toContain(s);
  });
});

describe('articleDate', () => {
  it('reads the publication date from meta, JSON-LD (graph, arrays) or <time>, and ignores broken data', () => {
    setHead('<meta property="article:published_time" content="2024-05-01T10:00:00Z">');
    expect(articleDate(document)).toBe('2024-05-01T10:00:00.000Z');
    setHead(
      '<script type="application/ld+json">{ broken</script><script type="application/ld+json">[{"@graph":[{"@type":"NewsArticle","datePublished":"2023-02-03"}]}]</script>',
    );
    expect(articleDate(document)).toBe('2023-02-03T00:00:00.000Z');
    setHead('');
    page('<article><time datetime="2022-07-08T00:00:00Z">8 July</time></article>');
    expect(articleDate(document)).toBe('2022-07-08T00:00:00.000Z');
    page('<article><time datetime="soon">soon</time></article>');
    expect(articleDate(document)).toBeUndefined();
  });
});
