// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { findArticleScope, looksLikeFurniture } from '../../src/content/article-scope';
import { collectAll } from '../../src/content/page-text';

const para = (s: string) => `<p>${s} The council met on Tuesday, and the mayor said the plan would go ahead next spring, after a long review.</p>`;

async function scopeText(html: string, hidden?: (el: Element) => boolean) {
  // Fixtures written here, parsed as a page would be.
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  document.body.replaceWith(document.importNode(parsed.body, true));
  const scope = await findArticleScope(document, { hidden });
  return { scope, text: collectAll(scope.roots, null, scope.rejects).text };
}

describe('article scope', () => {
  it('takes headline and body, not the menu, share bar, byline, related rail or footer', async () => {
    const { scope, text } = await scopeText(`
      <nav><a href="/">Home</a> <a href="/world">World</a></nav>
      <h1>Bridge reopens in Alderford</h1>
      <div class="byline">By Jo Smith</div>
      <div class="share-bar"><a href="#">Share</a></div>
      <div class="story">${para('Alderford bridge reopened.')}${para('Traffic returned.')}${para('Shops were glad.')}</div>
      <div class="related-stories"><h3><a href="/a">Other story one</a></h3><h3><a href="/b">Other story two</a></h3></div>
      <footer>Copyright Example News</footer>`);
    expect(scope.kind).toBe('article');
    expect(text).toContain('Bridge reopens in Alderford');
    expect(text).toContain('Alderford bridge reopened.');
    expect(text).toContain('Shops were glad.');
    for (const junk of ['Home', 'By Jo Smith', 'Share', 'Other story one', 'Copyright']) expect(text).not.toContain(junk);
    expect(text.indexOf('Bridge reopens')).toBeLessThan(text.indexOf('Alderford bridge reopened'));
  });

  it('skips hidden and aria-hidden text inside the body', async () => {
    const { text } = await scopeText(
      `<article>${para('Visible start.')}<p class="sr">Secret Name here</p><div aria-hidden="true">Decoy Person listed</div>${para('Visible end.')}</article>`,
      (el) => el.classList.contains('sr'),
    );
    expect(text).toContain('Visible start.');
    expect(text).not.toContain('Secret Name');
    expect(text).not.toContain('Decoy Person');
  });

  it('a page of headlines gets its headlines only', async () => {
    const items = Array.from({ length: 8 }, (_, i) => `<div><h2><a href="/s${i}">Story number ${i} headline</a></h2><p>Short summary ${i}.</p></div>`).join('');
    const { scope, text } = await scopeText(`<nav><a href="/">Home</a></nav><main>${items}</main>`);
    expect(scope.kind).toBe('headlines');
    expect(text).toContain('Story number 3 headline');
    expect(text).not.toContain('Short summary');
    expect(text).not.toContain('Home');
  });

  it('admits content added later inside the body, not in a rail', async () => {
    const { scope } = await scopeText(`<div id="body">${para('One.')}${para('Two.')}</div><aside id="rail"><p>Rail text</p></aside>`);
    const p = document.createElement('p');
    p.textContent = 'Later news.';
    document.getElementById('body')?.append(p);
    const q = document.createElement('p');
    q.textContent = 'Rail news.';
    document.getElementById('rail')?.append(q);
    expect(scope.admits(p)).toBe(true);
    expect(scope.admits(q)).toBe(false);
  });

  it('reads furniture from whole class words, and story words win', () => {
    const el = (cls: string) => Object.assign(document.createElement('div'), { className: cls });
    expect(looksLikeFurniture(el('social-share'))).toBe(true);
    expect(looksLikeFurniture(el('shadow-box'))).toBe(false);
    expect(looksLikeFurniture(el('article-body has-sidebar'))).toBe(false);
  });
});
