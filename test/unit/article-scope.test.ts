// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { findArticleScope, isCreditLine, isFurnitureLine, looksLikeFurniture, wordCount } from '../../src/content/article-scope';
import { calendarWords } from '../../src/content/calendar-words';
import { collectAll } from '../../src/content/page-text';
import { CALENDAR_WORDS, fold } from '../../src/core/detection-cues';

const para = (s: string) => `<p>${s} The council met on Tuesday, and the mayor said the plan would go ahead next spring, after a long review.</p>`;

/** Fixtures written here, parsed as a page would be. */
function load(html: string) {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  document.body.replaceWith(document.importNode(parsed.body, true));
}

async function scopeText(html: string, hidden?: (el: Element) => boolean) {
  load(html);
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

  it('names the headline and standfirst as the lead, also a headline inside the body container', async () => {
    const standfirst = 'The river crossing closed for two years is open again, and the town is glad.';
    const paras = `${para('Alderford bridge reopened.')}${para('Traffic returned.')}${para('Shops were glad.')}`;
    const leadOf = async (html: string) => {
      load(html);
      const lead = vi.fn();
      const scope = await findArticleScope(document, { lead });
      return { scope, lead };
    };
    const apart = await leadOf(`<h1>Bridge reopens in Alderford</h1><div class="dek">${standfirst}</div><div class="story">${paras}</div>`);
    expect(apart.lead).toHaveBeenCalledTimes(1);
    expect(apart.lead.mock.calls[0][0].map((e: Element) => e.textContent)).toEqual(['Bridge reopens in Alderford', standfirst]);
    const inside = await leadOf(`<article class="story"><h1>Bridge reopens in Alderford</h1>${paras}</article>`);
    const [insideLead] = inside.lead.mock.calls[0][0] as Element[];
    expect(inside.lead.mock.calls[0][0].map((e: Element) => e.textContent)).toEqual(['Bridge reopens in Alderford']);
    expect(inside.scope.body.some((b) => b.contains(insideLead))).toBe(true);
    // The scope itself holds no list of them for the page's life.
    expect(Object.keys(inside.scope)).not.toContain('lead');
    const listing = await leadOf(`<main>${[1, 2, 3, 4, 5, 6, 7].map((i) => `<h2><a href="/s${i}">Story number ${i} of the day</a></h2>`).join('')}</main>`);
    expect(listing.scope.kind).toBe('headlines');
    expect(listing.lead).not.toHaveBeenCalled();
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

  it('the headline copied into the body is taken once', async () => {
    const { text } = await scopeText(`
      <h1>Bridge reopens in Alderford</h1>
      <article><div class="title-box"><h2>Bridge reopens in Alderford</h2></div>${para('Alderford bridge reopened.')}${para('Traffic returned.')}</article>`);
    expect(text.split('Bridge reopens in Alderford').length - 1).toBe(1);
    expect(text).toContain('Traffic returned.');
  });

  it('asks the page about layout once per element while choosing, and the live page afterwards', async () => {
    const asked = new Map<Element, number>();
    let hideLater = false;
    load(`<h1>Bridge reopens</h1><div class="wrap-sidebar"><article id="a">${para('One.')}${para('Two.')}</article></div>`);
    const scope = await findArticleScope(document, {
      hidden: (el) => {
        asked.set(el, (asked.get(el) ?? 0) + 1);
        return hideLater && el.id === 'a';
      },
    });
    expect(scope.roots.length).toBeGreaterThan(0);
    expect(Math.max(...asked.values())).toBe(1);
    hideLater = true;
    expect(scope.rejects(document.getElementById('a') as Element)).toBe(true);
  });

  it('pauses inside every walk, also over elements that hold no text', async () => {
    // 3,000 empty elements in the body: the walks meet them all, and must give the page its turn.
    const empty = '<i></i>'.repeat(3000);
    load(`<h1>Bridge reopens</h1><article>${para('One.')}<div>${empty}</div>${para('Two.')}</article>`);
    let clock = 0;
    let pauses = 0;
    const scope = await findArticleScope(document, { now: () => clock++, sliceMs: 10, pause: async () => void pauses++ });
    expect(scope.kind).toBe('article');
    // A tick every few dozen elements, a pause every ten ticks (the fake clock counts the ticks).
    expect(pauses).toBeGreaterThanOrEqual(10);
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

  it('reads a class name with both kinds of words by its last one, and skips negated words', () => {
    const el = (cls: string) => Object.assign(document.createElement('div'), { className: cls });
    expect(looksLikeFurniture(el('post-comments'))).toBe(true);
    expect(looksLikeFurniture(el('article-footer'))).toBe(true);
    expect(looksLikeFurniture(el('comments-content'))).toBe(false);
    expect(looksLikeFurniture(el('non-ad-column'))).toBe(false);
    expect(looksLikeFurniture(el('site-copyright'))).toBe(true);
    expect(looksLikeFurniture(el('off-screen'))).toBe(true);
    expect(looksLikeFurniture(el('screen-reader-text'))).toBe(true);
    // "read-more" also wraps a story folded behind a button: it says nothing.
    expect(looksLikeFurniture(el('read-more-container'))).toBe(false);
  });

  it('a story inside a wrapper with furniture words keeps its own comments and rail out', async () => {
    const { text } = await scopeText(`
      <div class="container has-sidebar">
        <div class="sticky-sidebar">
          <article>${para('Alderford bridge reopened.')}${para('Traffic returned.')}${para('Shops were glad.')}
            <div id="comments"><p>Jo Reader said the bridge looked lovely, and asked when the market would return to the square again.</p></div>
          </article>
        </div>
        <div class="sidebar"><p>Archive of our older posts, the categories and a long note from the editor about the blog and its plans.</p></div>
      </div>`);
    expect(text).toContain('Alderford bridge reopened.');
    expect(text).toContain('Shops were glad.');
    expect(text).not.toContain('Jo Reader');
    expect(text).not.toContain('Archive of our older posts');
  });
});

describe('lines that carry no prose', () => {
  it('web addresses, dates and times, and bylines', () => {
    for (const line of [
      'https://www.example.com/news/world/article/Minister-says-talks-resume-14848382.php',
      'Nov. 20, 2019Updated: Nov. 20, 2019 1:35 a.m.',
      '20 Nov, 2019 05:47',
      'First Published: Tuesday, November 19, 2019 08:38 AM',
      'By Justine Coleman - 11/18/19 11:04 PM EST',
      '© 2019 Example Media. All rights reserved.',
      'Copyright Example News Ltd',
      'The contents of this site are ©2019 Example Publishing Corp.',
    ])
      expect(isFurnitureLine(line), line).toBe(true);
  });
  it('a byline and a date in one line', () => {
    for (const line of ['By Jo Smith, Wednesday, 20 November 2019 08:05 GMT', '5:45 AM PST 11/19/2019 by Jo Smith', 'By Ana María Cruz | 12 March 2021'])
      expect(isFurnitureLine(line), line).toBe(true);
    for (const line of ['The bridge was opened by Mayor Jo Smith on 20 November 2019.', 'Police were called by Jo Smith at 5:45 on Tuesday'])
      expect(isFurnitureLine(line), line).toBe(false);
  });
  it('picture credits are no captions', () => {
    for (const line of [
      'Photo: Jo Smith, AP',
      'Image copyright',
      'Image caption',
      'Photo by Jo Smith/Example Images',
      'Jo Smith/The Daily Example',
      'J. Smith / AP file',
    ])
      expect(isCreditLine(line), line).toBe(true);
    for (const line of [
      'The minister, left, shakes hands with his counterpart.',
      'Image of the week',
      'Photos show the flood waters rising in the old town',
      'Sales rose 5% in Q3/Q4 as the market recovered from the slump that hit it in the spring',
    ])
      expect(isCreditLine(line), line).toBe(false);
  });
  it('prose, scores, recipe lines and subheadings stay', () => {
    for (const line of [
      'By Monday, the troops had left the city.',
      'Viera 63, Rockledge 40',
      '1 cup asparagus, 2 soft-boiled eggs',
      'In 2019 the council met again.',
      'He said: "We will go ahead."',
      'Portion Fix Containers: 1 Green, 1 Red, 1 Yellow, 1 tsp.',
      'Account: @example_cook',
      'The court heard the copyright case on Monday.',
    ])
      expect(isFurnitureLine(line), line).toBe(false);
  });
  it('inside the body: credits, timestamps and a caption repeated under a gallery go; the caption once stays', async () => {
    // A repeated paragraph that is no caption (a meal plan's line) stays every time.
    const repeated = 'Slow cooker chili, one tablespoon of cilantro or green onions, ten olives or pumpkin seeds.';
    const caption = 'The minister, left, shakes hands with his counterpart in the capital on Wednesday after the talks.';
    const { text } = await scopeText(`
      <h1>Talks resume in the capital</h1>
      <article>${para('Talks resumed.')}
        <figure><figcaption>${caption}</figcaption><span class="credit">Photo: Jo Smith, AP</span></figure>
        <p>Nov. 20, 2019 1:35 a.m.</p>
        ${para('Both sides spoke.')}<p>${repeated}</p><p>${repeated}</p>
        <figure><figcaption>${caption}</figcaption></figure>
        <figure><figcaption><span>A second picture of the talks, with the delegations at the table.</span> <span>Jo Smith/Example Images</span></figcaption></figure>
        <p>$1,250</p>
        ${para('They meet again.')}</article>`);
    expect(text.split(caption).length - 1).toBe(1);
    for (const junk of ['Jo Smith/Example', '$1,250']) expect(text).not.toContain(junk);
    expect(text.split(repeated).length - 1).toBe(2);
    for (const junk of ['Photo: Jo Smith', 'Nov. 20, 2019']) expect(text).not.toContain(junk);
    expect(text).toContain('They meet again.');
  });

  it('a caption shown twice, full and shortened, in wrappers that say caption, is taken once', async () => {
    const full = 'The minister, left, shakes hands with his counterpart in the capital on Wednesday after the talks on trade and fishing rights.';
    const short = 'The minister, left, shakes hands with his counterpart in the capital on Wednesday after the talks on trade';
    const other = 'The minister, left, walks out of the hall alone after the vote.';
    const { text } = await scopeText(`
      <h1>Talks resume in the capital</h1>
      <article>${para('Talks resumed.')}
        <div class="caption"><div class="caption-full"><p>${full}<a href="#"> less</a></p></div><div class="caption-short"><p>${short}<a href="#"> ... more</a></p></div></div>
        <div class="caption"><div class="caption-full"><p>${other}</p></div></div>
        ${para('Both sides spoke.')}
        <div class="caption-remote"><div class="caption-full"><p>${full}<a href="#"> less</a></p></div></div>
        ${para('They meet again.')}</article>`);
    expect(text.split('shakes hands with his counterpart').length - 1).toBe(1);
    expect(text).toContain(full);
    expect(text).toContain(other);
    expect(text).toContain('They meet again.');
  });

  it('another <article> beside the one that holds the headline is another story', async () => {
    const { text } = await scopeText(`
      <div id="primary">
        <article><h1>Bridge reopens in Alderford</h1>${para('Alderford bridge reopened.')}${para('Traffic returned.')}</article>
        <article><h3>You may also like</h3>
          <article><p>${'A long summary of another story about a flood in Brenmouth, with many words in it and more. '.repeat(4)}</p></article>
          <article><p>${'A long summary of a third story about a fair in Castleby, with many words in it and more. '.repeat(4)}</p></article>
          <article><p>${'A long summary of a fourth story about a strike in Dunmere, with many words in it and more. '.repeat(4)}</p></article>
        </article>
      </div>`);
    expect(text).toContain('Bridge reopens in Alderford');
    expect(text).toContain('Traffic returned.');
    for (const junk of ['You may also like', 'Brenmouth', 'Castleby', 'Dunmere']) expect(text).not.toContain(junk);
  });

  it('a declared article body with teaser headings set between its paragraphs is a story, not a listing', async () => {
    const teaser = (i: number) => `<div class="embedded"><ul><li><h3><a href="/t${i}">Another story number ${i} elsewhere</a></h3></li></ul></div>`;
    const paras = Array.from({ length: 8 }, (_, i) => `${para(`Paragraph ${i} of the rescue.`)}${i < 7 ? teaser(i) : ''}`).join('');
    const { scope, text } = await scopeText(`<h1>Girl rescued in Fort Alder</h1><div itemprop="articleBody">${paras}</div>`);
    expect(scope.kind).toBe('article');
    expect(text).toContain('Paragraph 5 of the rescue.');
    expect(text).not.toContain('Another story number');
  });

  it('a label whose whole section was left out goes with it; a subheading over kept prose stays', async () => {
    const rail = `<ul>${Array.from({ length: 4 }, (_, i) => `<li><a href="/r${i}">Another story about the harbour number ${i}</a></li>`).join('')}</ul>`;
    const { text } = await scopeText(`
      <h1>Bridge reopens in Alderford</h1>
      <article>${para('Alderford bridge reopened.')}
        <h2>Traffic on the first day</h2>${para('Traffic returned.')}
        <h3>Read these next</h3>${rail}
        <h2>What the shops said</h2><div class="ad-slot">Advertisement and more advertisement text here</div>${para('Shops were glad.')}
        <p>You may also like…</p>${rail}
        <h3>Comments</h3>
      </article>`);
    expect(text).toContain('Traffic on the first day');
    expect(text).toContain('What the shops said');
    expect(text).toContain('Shops were glad.');
    for (const junk of ['Read these next', 'You may also like', 'Another story about the harbour', 'Comments']) expect(text).not.toContain(junk);
  });

  it('a sign-up box built around a form control inside the body is left out, with its heading and messages', async () => {
    const { text } = await scopeText(`
      <h1>Bridge reopens in Alderford</h1>
      <article>${para('Alderford bridge reopened.')}
        <div class="box"><div><h2>Get the Morning Letter</h2><p>The day's top stories in your inbox every morning, free.</p></div>
          <div><div><input type="email" placeholder="Email address"><input type="submit" value="Sign up"></div>
          <div class="done">Thank you, you are signed up!</div></div></div>
        ${para('Traffic returned.')}</article>`);
    expect(text).toContain('Traffic returned.');
    for (const junk of ['Morning Letter', 'in your inbox', 'signed up']) expect(text).not.toContain(junk);
  });

  it('a <time> that stands as a line of its own is a date line; one inside a sentence stays', async () => {
    const { text } = await scopeText(`
      <h1>Bridge reopens in Alderford</h1>
      <article><header><time datetime="2019-11-19">November 19, 2019 12:04AM ET</time><div><a href="/">Home</a></div></header>
        ${para('Alderford bridge reopened.')}<p>The council met on <time datetime="2019-11-18">18 November 2019</time> and agreed.</p>${para('Traffic returned.')}</article>`);
    expect(text).not.toContain('12:04AM');
    expect(text).toContain('The council met on 18 November 2019 and agreed.');
  });

  it('a kicker and breadcrumbs above the headline inside the body go; much text above it means the story starts earlier', async () => {
    const { text } = await scopeText(`
      <article><div class="crumbs"><span>News ></span><span>Nation</span></div><p>Get breaking news in your browser</p>
        <h1>Bridge reopens in Alderford</h1>${para('Alderford bridge reopened.')}${para('Traffic returned.')}</article>`);
    expect(text).toContain('Bridge reopens in Alderford');
    expect(text).toContain('Traffic returned.');
    for (const junk of ['News >', 'Nation', 'breaking news']) expect(text).not.toContain(junk);
    const early = await scopeText(`
      <article>${para('Alderford bridge reopened.')}${para('Traffic returned.')}
        <h1>What happens next in Alderford</h1>${para('Shops were glad.')}</article>`);
    expect(early.text).toContain('Alderford bridge reopened.');
  });

  it('a numbered briefing of linked leads, each followed by its sentence, is the story, not a list of links', async () => {
    const item = (i: number) =>
      `<li><strong><a href="/s${i}">Company number ${i} is investigating its supplier amid layoffs</a>.</strong> The firm confirmed it had been contacted by the regulator, which will look at its former chief.</li>`;
    const teaser = (i: number) =>
      `<li><a href="/t${i}">Teaser story ${i} about the harbour and the new bridge over the river</a> <span>NEW YORK: A man has pleaded guilty to theft and fraud in connection with a scheme to make loans...</span></li>`;
    const { text } = await scopeText(
      `<h1>Ten things in tech today</h1><div class="post-content"><p>Good morning! This is the tech news you need today.</p><ol>${[1, 2, 3, 4, 5, 6].map(item).join('')}</ol><ul class="more"><li><a href="/x">Other story one</a></li><li><a href="/y">Other story two</a></li><li><a href="/z">Other story three</a></li></ul><ul>${[1, 2, 3].map(teaser).join('')}</ul></div>`,
    );
    expect(text).toContain('Company number 1 is investigating');
    expect(text).toContain('contacted by the regulator, which will look at its former chief.');
    expect(text).not.toContain('Other story two');
    // Items cut short are teasers' excerpts of other pages.
    expect(text).not.toContain('Teaser story 2');
  });

  it('the story text held for subscribers in a "paywall" wrapper is the story; the prompt to subscribe is not', async () => {
    const { text } = await scopeText(
      `<h1>Shares fall after results</h1><div class="article-body">${para('Shares fell.')}${para('Investors sold.')}<div class="paywall">${para('Sales growth slowed.')}${para('Analysts were calm.')}${para('Guidance was cut.')}${para('The stock recovered.')}</div><div class="subscribe-prompt"><a href="/subscribe">Subscribe now</a></div></div>`,
    );
    expect(text).toContain('Sales growth slowed.');
    expect(text).toContain('The stock recovered.');
    expect(text).not.toContain('Subscribe now');
  });

  it('a short Japanese sentence is no crumb: words are counted in scripts written without spaces', async () => {
    expect(wordCount('ショートカットタブを開き、ショートカットの欄を')).toBeGreaterThanOrEqual(4);
    expect(wordCount('関連記事')).toBeLessThan(4);
    expect(wordCount('Share this')).toBe(2);
    const { text } = await scopeText(
      `<h1>設定の方法</h1><div class="single-contents">${'<p>Kindle書籍を読む場合は、一般的にスマホやタブレットなどのモバイル端末で読むことが多いと思いますが、パソコンで読みたい時もあります。</p>'.repeat(3)}<p>ショートカットタブを開き、ショートカットの欄を</p><p>関連記事</p>${'<p>これでようやく元の操作性を取り戻せました。再起動する必要があります。設定を変更することにしました。</p>'.repeat(2)}</div>`,
    );
    expect(text).toContain('ショートカットタブを開き、ショートカットの欄を');
    expect(text).not.toContain('関連記事');
  });

  it("datelines in the page's language are dates: month and weekday names and a date's own words come from Intl", async () => {
    const pt = calendarWords('pt-BR');
    const ru = calendarWords('ru');
    expect(isFurnitureLine('sexta-feira, 22 de outubro de 2010 às 20:13', pt)).toBe(true);
    // Without the page's calendar words, a date with no clock time is not read (a year and a clock
    // time together are a timestamp in any language: see scope-boilerplate.test.ts).
    expect(isFurnitureLine('sexta-feira, 22 de outubro de 2010', pt)).toBe(true);
    expect(isFurnitureLine('sexta-feira, 22 de outubro de 2010')).toBe(false);
    expect(isFurnitureLine('Обновлено: понедельник, 24 сентября 2018 г. в 10:15', ru)).toBe(true);
    expect(isFurnitureLine('понедельник, 24 сентября 2018 года', ru)).toBe(true);
    expect(isFurnitureLine('понедельник, 24 сентября 2018 года')).toBe(false);
    // English datelines still read on a page in another language; prose with a date stays prose.
    expect(isFurnitureLine('Tuesday, November 19, 2019 08:38 AM', pt)).toBe(true);
    expect(isFurnitureLine('O jogo acabou em 22 de outubro de 2010, com a vitória do time da casa.', pt)).toBe(false);
    // A tag the platform does not know, or no tag: English only.
    expect(calendarWords('zz-invalid-!!').words.has('outubro')).toBe(false);
    document.documentElement.lang = 'pt';
    try {
      const prose = (s: string) => `<p>${s} O conselho se reuniu na terça, e o prefeito disse que o plano seguirá na primavera, após uma longa revisão.</p>`;
      const { text } = await scopeText(
        `<h1>Classificação final</h1><article><span class="data">sexta-feira, 22 de outubro de 2010 às 20:13</span>${prose('A ponte reabriu.')}${prose('O trânsito voltou.')}${prose('As lojas gostaram.')}</article>`,
      );
      expect(text).toContain('A ponte reabriu.');
      expect(text).not.toContain('outubro');
    } finally {
      document.documentElement.removeAttribute('lang');
    }
  });

  it('a dateline is read without its byline when the byline is left out already', async () => {
    document.documentElement.lang = 'ru';
    try {
      const prose = (s: string) => `<p>${s} Совет собрался во вторник, и мэр сказал, что план будет выполнен весной, после долгого обсуждения.</p>`;
      const { text } = await scopeText(
        `<h1>Мост открыт</h1><article><p class="info"><span class="article-info__authors">Текст: Венера Ерофеева</span><span>·</span>понедельник, 24 сентября 2018</p>${prose('Мост открылся.')}${prose('Движение вернулось.')}${prose('Магазины рады.')}</article>`,
      );
      expect(text).toContain('Мост открылся.');
      expect(text).not.toContain('Ерофеева');
      expect(text).not.toContain('сентября');
    } finally {
      document.documentElement.removeAttribute('lang');
    }
  });
  it('a sentence with "by" and a date is prose, not a byline and dateline', async () => {
    for (const line of ['Khan resigned by Friday, 5 May 2019.', 'Rates were raised by March 2020.', 'Khan resigned on Friday, 5 May 2019.'])
      expect(isFurnitureLine(line), line).toBe(false);
    const { text } = await scopeText(
      `<h1>Minister quits</h1><article><p>Khan resigned by Friday, 5 May 2019.</p>${para('The party met.')}${para('Voters were told.')}${para('A vote follows.')}</article>`,
    );
    expect(text).toContain('Khan resigned by Friday, 5 May 2019.');
  });

  it('a short story with a comment box is no form widget', async () => {
    const brief =
      'The council voted on Tuesday to reopen the old bridge at Alderford next spring, after a review found the span sound. Traffic will return in stages, the mayor said, and shops on both banks hope to see trade pick up again soon. Work on the approach roads starts in March.';
    const { text } = await scopeText(
      `<h1>Bridge to reopen</h1><article><div><p>${brief}</p><p>Readers may comment below.</p><textarea></textarea></div><p>Jo Smith reports from Alderford for the paper and has covered the town since 2010.</p></article>`,
    );
    expect(text).toContain('The council voted on Tuesday');
    expect(text).toContain('Work on the approach roads starts in March.');
  });

  it('a lead picture caption above the headline inside the body stays', async () => {
    const { text } = await scopeText(
      `<article><figure><img src="a.jpg"><figcaption>The bridge at Alderford at dawn on Tuesday.</figcaption></figure><div class="kicker">World</div><h1>Bridge to reopen</h1>${para('Alderford bridge reopened.')}${para('Traffic returned.')}${para('Shops were glad.')}</article>`,
    );
    expect(text).toContain('The bridge at Alderford at dawn on Tuesday.');
    expect(text).toContain('Alderford bridge reopened.');
  });
  it('a transcript of one span per word is read with each paragraph read once, not once per word', async () => {
    const words = Array.from({ length: 5000 }, (_, i) => `<span>word${i % 50}</span>`).join(' ');
    load(`<h1>Read along</h1><article><p id="t">${words}.</p>${para('The council met.')}${para('The mayor spoke.')}</article>`);
    const p = document.getElementById('t') as HTMLElement;
    const reads = { text: 0, children: 0 };
    const proto = Object.getPrototypeOf(p);
    const find = (name: string) => {
      for (let o = proto; o; o = Object.getPrototypeOf(o)) {
        const d = Object.getOwnPropertyDescriptor(o, name);
        if (d?.get) return d.get;
      }
      throw new Error(name);
    };
    const textGet = find('textContent');
    const childGet = find('firstElementChild');
    Object.defineProperty(p, 'textContent', {
      configurable: true,
      get: () => {
        reads.text++;
        return textGet.call(p);
      },
    });
    Object.defineProperty(p, 'firstElementChild', {
      configurable: true,
      get: () => {
        reads.children++;
        return childGet.call(p);
      },
    });
    const scope = await findArticleScope(document, {});
    const { text } = collectAll(scope.roots, null, scope.rejects);
    expect(text).toContain('word0 word1 word2');
    expect(text).toContain('word49.');
    expect(reads.text).toBeLessThan(50);
    expect(reads.children).toBeLessThan(50);
  });
  it('words are counted in every script written without spaces', () => {
    for (const line of ['ພາສາລາວແມ່ນພາສາທີ່ສວຍງາມ', 'ខ្ញុំស្រឡាញ់ប្រទេសកម្ពុជា', 'မြန်မာနိုင်ငံသည်လှပသည်', 'བོད་ཀྱི་སྐད་ཡིག་ནི་ལེགས་པོ་རེད'])
      expect(wordCount(line), line).toBeGreaterThanOrEqual(4);
  });

  it('English asks the platform for no calendar: not when the module loads, not on first use (English words are in already)', async () => {
    vi.resetModules();
    // Building a date format in the page loads locale and time-zone data: 25–50 ms in one task.
    const spy = vi.spyOn(Intl.DateTimeFormat, 'supportedLocalesOf');
    const built = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      const fresh = await import('../../src/content/article-scope');
      expect(spy).not.toHaveBeenCalled();
      expect(built).not.toHaveBeenCalled();
      expect(fresh.isFurnitureLine('Tuesday, November 19, 2019 08:38 AM')).toBe(true);
      const words = await import('../../src/content/calendar-words');
      expect(words.calendarWords('en-GB').names.has('september')).toBe(true);
      expect(spy).not.toHaveBeenCalled();
      expect(built).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
      built.mockRestore();
    }
  });

  it("the English calendar words built in are the platform's own (generated from Intl at build time)", () => {
    const expected = new Set<string>();
    const long = new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' });
    const short = new Intl.DateTimeFormat('en', { month: 'short', timeZone: 'UTC' });
    const day = new Intl.DateTimeFormat('en', { weekday: 'long', timeZone: 'UTC' });
    for (let m = 0; m < 12; m++) for (const f of [long, short]) expected.add(fold(f.format(new Date(Date.UTC(2024, m, 1)))));
    for (let d = 0; d < 7; d++) expected.add(fold(day.format(new Date(Date.UTC(2024, 0, 1 + d)))));
    expect(new Set(CALENDAR_WORDS)).toEqual(expected);
    expect(expected.has('september') && expected.has('may') && expected.has('sunday')).toBe(true);
  });
});

describe('boilerplate kinds inside the body', () => {
  it("an ad slot's label is a crumb, read without the slot's script", async () => {
    const { text } = await scopeText(`
      <h1>Bridge reopens in Alderford</h1>
      <article>${para('Alderford bridge reopened.')}
        <div class="x1"><center><span>Advert</span><br><script>var slot = "a long script that fills the slot with an advert from the network";</script></center></div>
        ${para('Traffic returned.')}</article>`);
    expect(text).toContain('Traffic returned.');
    expect(text).not.toContain('Advert');
  });

  it("a picture's credit in an inline element of its own goes, in brackets or in a <cite> beside the caption; a pull quote's <cite> stays", async () => {
    const { text } = await scopeText(`
      <h1>Bridge reopens in Alderford</h1>
      <article>${para('Alderford bridge reopened.')}
        <div><img src="a.jpg"><span class="newsCaption">The new deck seen from the river <span class="caption">(Image: GETTY )</span></span></div>
        <figure><img src="b.jpg"><span><figcaption>Traffic on the first morning after the opening.</figcaption><cite>Jo Smith/Example Times/Agency</cite></span></figure>
        <figure><img src="c.png"><figcaption>River levels, 2000 to 2019.</figcaption><cite>Example Survey</cite></figure>
        <p><img src="e.jpg"><span class="caption-source"><span class="caption">The toll booth, closed since 2017.</span><span class="source"><span>Example Agency</span></span></span></p>
        <figure><blockquote>We waited three years for this bridge.</blockquote><figcaption><cite>Ana Ruiz, a shop owner</cite></figcaption></figure>
        ${para('Traffic returned.')}</article>`);
    for (const kept of [
      'The new deck seen from the river',
      'Traffic on the first morning',
      'River levels, 2000 to 2019.',
      'Ana Ruiz, a shop owner',
      'Traffic returned.',
    ])
      expect(text).toContain(kept);
    expect(text).toContain('The toll booth, closed since 2017.');
    for (const junk of ['GETTY', 'Jo Smith/Example', 'Example Survey', 'Example Agency']) expect(text).not.toContain(junk);
  });

  it('schema.org metadata properties (author, publisher, dates, addresses, sizes) are no story text', async () => {
    const { text } = await scopeText(`
      <h1>Bridge reopens in Alderford</h1>
      <article itemscope itemtype="https://schema.org/NewsArticle">${para('Alderford bridge reopened.')}${para('Traffic returned.')}
        <span itemscope itemtype="https://schema.org/ImageObject" itemprop="image"><span itemprop="url">https://example.org/bridge.jpg</span><span itemprop="width">960</span></span>
        <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">siteadmin</span></span>
        <span itemprop="datePublished">2018-10-15 10:33:49</span>
        <p>The <span itemprop="about">bridge</span> cost less than planned, the council said on Tuesday afternoon.</p></article>`);
    expect(text).toContain('Traffic returned.');
    expect(text).toContain('The bridge cost less than planned');
    for (const junk of ['bridge.jpg', '960', 'siteadmin', '10:33:49']) expect(text).not.toContain(junk);
    // A blog's post is the page's own item too; a picture's rights holder in its caption is its credit.
    const blog = await scopeText(`
      <h1>Bridge reopens in Alderford</h1>
      <div itemscope itemtype="https://schema.org/Blog"><article itemscope itemtype="https://schema.org/BlogPosting" itemprop="blogPost">
        <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">jdadmin</span></span><span itemprop="datePublished">2018-10-12 06:43:54</span>
        ${para('Alderford bridge reopened.')}${para('Traffic returned.')}
        <figure><img src="a.jpg"><figcaption><div>The new deck at dawn.</div><div itemprop="copyrightHolder">@deckphotos</div></figcaption></figure>
        ${para('Shops were glad.')}</article></div>`);
    expect(blog.text).toContain('The new deck at dawn.');
    for (const junk of ['jdadmin', '06:43:54', '@deckphotos']) expect(blog.text).not.toContain(junk);
    // The picture's own item, in a story that is no item: its maker in its caption is its credit.
    const photo = await scopeText(`
      <h1>Bridge reopens in Alderford</h1>
      <article>${para('Alderford bridge reopened.')}${para('Traffic returned.')}
        <figure itemscope itemtype="https://schema.org/ImageObject"><img src="a.jpg"><figcaption><span itemprop="caption">The new deck at dawn.</span><br><span itemprop="creator">Dana Hart</span></figcaption></figure>
        ${para('Shops were glad.')}</article>`);
    expect(photo.text).toContain('The new deck at dawn.');
    expect(photo.text).not.toContain('Dana Hart');
    // Never what carries most of the body: a post marked up as its author's work as a whole.
    const post = await scopeText(
      `<h1>Bridge reopens in Alderford</h1><article><div itemprop="creator">${para('Alderford bridge reopened.')}${para('Traffic returned.')}${para('Shops were glad.')}</div>${para('They meet again.')}${para('Fine weather.')}</article>`,
    );
    expect(post.text).toContain('They meet again.');
    expect(post.text).toContain('Traffic returned.');
  });

  it('a term whose descriptions were all left out goes; a term with its value stays', async () => {
    const { text } = await scopeText(`
      <article><h1>Bridge reopens in Alderford</h1>
        <dl><dt>Author:</dt><dd><a class="meta-author" href="/a/jo">Jo Smith of the Example Times</a></dd><dt>Publish date:</dt><dd><time>Oct 4, 2018</time></dd></dl>
        ${para('Alderford bridge reopened.')}
        <dl><dt>Length:</dt><dd>120 metres</dd></dl>
        ${para('Traffic returned.')}</article>`);
    expect(text).toContain('Length:');
    expect(text).toContain('120 metres');
    for (const junk of ['Author:', 'Publish date:', 'Jo Smith', 'Oct 4, 2018']) expect(text).not.toContain(junk);
  });

  it("a date line stays a line beside an empty block (a float's clearfix)", async () => {
    const { text } = await scopeText(`
      <h1>Bridge reopens in Alderford</h1>
      <article><div class="meta"><span class="red">First Published:</span> Tuesday, November 19, 2019 08:38 AM <div class="clearfix"></div></div>
        ${para('Alderford bridge reopened.')}${para('Traffic returned.')}
        <div class="meta"><span>Last Updated:</span> Wednesday, November 20, 2019 09:12 AM<hr></div>
        ${para('Shops were glad.')}
        <div class="meta"><span>Posted:</span> Thursday, November 21, 2019 07:05 AM<div style="clear: both"></div></div></article>`);
    expect(text).toContain('Traffic returned.');
    expect(text).not.toContain('First Published');
    // A rule under the line is no block of text either.
    expect(text).not.toContain('Last Updated');
    // Nor a block styled to clear floats in the markup.
    expect(text).not.toContain('Thursday, November 21');
  });

  it('web addresses with a short label each are where to find the story elsewhere, not prose', async () => {
    const en = calendarWords('en');
    expect(isFurnitureLine('Listen: http://pod.example/615 Download: http://pod.example/615d Apple Podcasts: https://pod.example/a', en)).toBe(true);
    expect(isFurnitureLine('Escuchar： https://pod.example/615', en)).toBe(true);
    expect(isFurnitureLine('The full report is at https://example.org/report and runs to 90 pages', en)).toBe(false);
    expect(isFurnitureLine('Read the council minutes: https://example.org/minutes', en)).toBe(false);
    const { text } = await scopeText(`
      <h1>Bridge reopens in Alderford</h1>
      <article>${para('Alderford bridge reopened.')}${para('Traffic returned.')}
        <p><strong>Listen: </strong><a href="http://pod.example/615">http://pod.example/615</a><br> <strong>Download:</strong> <a href="http://pod.example/615d">http://pod.example/615d</a></p></article>`);
    expect(text).toContain('Traffic returned.');
    expect(text).not.toContain('pod.example');
  });

  it('a link set between paragraphs as a block of its own to another page of the site is a teaser; one to another site stays', async () => {
    const { text } = await scopeText(`
      <link rel="canonical" href="https://news.example/2019/bridge">
      <h1>Bridge reopens in Alderford</h1>
      <article>${para('Alderford bridge reopened.')}
        <a class="card" href="https://www.news.example/2019/ferry"><span><span>Also on News Example</span><span>Ferry service ends after the bridge opens</span></span></a>
        ${para('Traffic returned.')}
        <a href="/2019/toll"><span><span><span>Also on this site</span><span>Tolls to end in May</span></span><span class="cover"></span></span></a>
        ${para('They meet again.')}
        <a href="https://social.example/share?text=quote"><span>The bridge is the best thing to happen to this town in years.</span><span>Share this</span></a>
        ${para('Shops were glad.')}
        <a href="/2019/gallery"><img src="d.jpg"><span class="img-caption">The old ferry at its last crossing on Sunday morning.</span></a>
        <p>The report is online: <a href="https://news.example/2019/report">the full report</a> and more.</p></article>`);
    for (const kept of ['Traffic returned.', 'best thing to happen to this town', 'the full report', 'Shops were glad.', 'The old ferry at its last crossing'])
      expect(text).toContain(kept);
    for (const junk of ['Also on News Example', 'Ferry service ends', 'Also on this site', 'Tolls to end']) expect(text).not.toContain(junk);
  });
});

describe('boilerplate kinds inside the body: what stays', () => {
  const H = '<h1>Bridge reopens in Alderford</h1>';
  const A = para('Alderford bridge reopened.');
  const B = para('Traffic returned.');
  const C = para('Shops were glad.');
  const setURL = (url: string) => (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(url);

  it("a byline property in a sentence, or another item's (a book's, a reviewed claim's, a quotation's, a mention's), stays", async () => {
    const { text } = await scopeText(`${H}
      <article itemscope itemtype="https://schema.org/NewsArticle">${A}
        <p>The new book by <a itemprop="author" href="/people/ada-brook">Ada Brook</a> tells the story of the crossing and the families who used it.</p>
        <div itemscope itemtype="https://schema.org/Book"><p itemprop="author">Leo Tolstoy, the Russian novelist who wrote Anna Karenina</p><p>In <i itemprop="name">War and Peace</i> the long campaign of 1812 is told at length.</p></div>
        <div itemprop="itemReviewed" itemscope itemtype="https://schema.org/Claim"><p><span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Cora Dale</span></span> said the bridge cost less than planned in a speech to the council.</p></div>
        <blockquote itemscope itemtype="https://schema.org/Quotation"><p itemprop="text">We waited three years for this bridge, and it was worth every day.</p><cite itemprop="creator">Ana Ruiz</cite></blockquote>
        <p>The mayor, <span itemprop="mentions" itemscope itemtype="https://schema.org/Person"><a itemprop="url" href="/topic/eli-ford"><span itemprop="name">Eli Ford</span></a></span>, said the work was finished early.</p>
        ${B}${C}</article>`);
    for (const name of ['Ada Brook', 'Leo Tolstoy', 'Cora Dale', 'Ana Ruiz', 'Eli Ford']) expect(text).toContain(name);
  });

  it("a work's maker in its picture's caption stays: a painting's creator, a book's author, an author of no item", async () => {
    const { text } = await scopeText(`${H}
      <article itemscope itemtype="https://schema.org/NewsArticle">${A}
        <figure itemprop="associatedMedia" itemscope itemtype="https://schema.org/VisualArtwork"><img src="g.jpg"><figcaption><span itemprop="creator">Pablo Picasso</span>, <span itemprop="name">Guernica</span>, <span itemprop="dateCreated">1937</span></figcaption></figure>
        ${B}
        <figure itemscope itemtype="https://schema.org/Book"><img src="b.jpg"><figcaption><span itemprop="name">War and Peace</span><br><span itemprop="author">Leo Tolstoy</span></figcaption></figure>
        ${C}</article>`);
    for (const name of ['Pablo Picasso', 'Guernica', 'Leo Tolstoy']) expect(text).toContain(name);
    const bare = await scopeText(
      `${H}<article>${A}<figure><img src="b.jpg"><figcaption><span itemprop="name">Anna Karenina</span><br><span itemprop="author">Leo Tolstoy</span></figcaption></figure>${B}${C}</article>`,
    );
    expect(bare.text).toContain('Leo Tolstoy');
  });

  it("a linked name in a list item, a definition or a quote's footer stays, whatever block follows it", async () => {
    setURL('https://news.example/2019/bridge');
    try {
      const bio = '<p>The mayor since 2015, seeking a third term in office this spring, her aides said on Monday.</p>';
      const { text } = await scopeText(`${H}
        <article>${A}
          <ul><li><a href="/topic/ana-ruiz">Ana Ruiz</a><div class="role">Mayor</div>${bio}</li><li><a href="/topic/jo-smith">Jo Smith</a><div class="role">Engineer</div>${bio}</li></ul>
          ${B}
          <dl><dt>Who</dt><dd><a href="/topic/bo-lind">Bo Lind</a><div class="role">Mayor</div>${bio}</dd><dt>Who</dt><dd><a href="/topic/cora-dale">Cora Dale</a><div class="role">Engineer</div>${bio}</dd></dl>
          <blockquote><p>We waited three years for this bridge, and it was worth every day.</p><footer><a href="/topic/eli-ford">Eli Ford</a></footer></blockquote>
          <blockquote><p>It was worth the wait.</p><footer>Finn Moss, a shop owner</footer></blockquote>
          ${C}</article>`);
      for (const name of ['Ana Ruiz', 'Jo Smith', 'Bo Lind', 'Cora Dale', 'Eli Ford', 'Finn Moss']) expect(text).toContain(name);
    } finally {
      setURL('http://localhost:3000/');
    }
  });

  it('a linked line of inline parts over its paragraph, and a linked line over the quote or the box of prose it introduces, stay', async () => {
    setURL('https://news.example/2019/bridge');
    try {
      const { text } = await scopeText(`${H}
        <article>${A}
          <a href="/2019/gus-hale"><strong>Gus Hale wins.</strong> <span>A seat on the council after a recount</span></a><p>The vote was close, and turnout was the highest in a decade, officials said.</p>
          ${B}
          <div class="person"><a href="/topic/hal-ives">Hal Ives</a><div class="bio">The mayor since 2015, seeking a third term in office this spring, her aides said.</div></div>
          <a href="/2019/speech">Ivy Noor speaks at the opening</a><blockquote><p>We waited three years for this bridge, and it was worth every day.</p></blockquote>
          <div class="entry"><a href="/2019/live/2">Jan Orr cuts the ribbon</a><section><p>The crowd cheered as the ribbon fell, and the first cars crossed.</p></section></div>
          ${C}
          <a href="/2019/toll"><span>Also on this site</span><span>Tolls to end in May</span></a><p>Shops on the high street stayed open late on Monday night.</p>
          <a href="/2019/ferry">Ferry service ends</a><div><a href="/2019/ferry-more">More on the ferry</a></div>
          ${para('They meet again.')}
          <a href="/2019/buses">
            <span>More from News Example</span>
            <span>Buses to run again in June</span>
          </a><p>Fine weather is forecast for the rest of the week, with light winds.</p></article>`);
      // Inline parts with white space between them read as one line, wherever the markup breaks
      // its own lines.
      for (const kept of ['Gus Hale wins.', 'A seat on the council', 'Hal Ives', 'Ivy Noor speaks', 'Jan Orr cuts', 'More from News Example', 'Buses to run'])
        expect(text).toContain(kept);
      // A card of parts set apart with nothing between them, and a link over another link, are
      // still teasers.
      for (const junk of ['Also on this site', 'Tolls to end', 'Ferry service ends']) expect(text).not.toContain(junk);
    } finally {
      setURL('http://localhost:3000/');
    }
  });

  it("a pull quote's attribution stays, and a <cite> or <small> that is a figure's only caption", async () => {
    const { text } = await scopeText(`${H}
      <article>${A}
        <figure class="pullquote"><blockquote><p>We waited three years for this bridge.</p></blockquote><span class="attribution">Ana Ruiz, mayor of Alderford</span></figure>
        <figure><blockquote><p>It was worth every day.</p><cite class="quote-source">Bo Lind</cite></blockquote></figure>
        <figure class="pullquote"><img src="head.jpg"><blockquote>The town is whole again.</blockquote><cite>Cora Dale</cite></figure>
        <figure><video src="v.mp4"></video><blockquote>We will cross it every day.</blockquote><cite>Eli Ford</cite></figure>
        ${B}
        <figure><img src="a.jpg"><small>Dana Hart, the engineer, at the opening on Monday</small></figure>
        <figure><picture><img src="b.jpg"></picture><cite>Finn Moss at the opening</cite></figure>
        ${C}</article>`);
    for (const name of ['Ana Ruiz, mayor', 'Bo Lind', 'Cora Dale', 'Eli Ford', 'Dana Hart, the engineer', 'Finn Moss at the opening'])
      expect(text).toContain(name);
  });

  it("a linked name over its sub-list, a quote's linked attribution, a briefing's linked leads and a linked line between line breaks stay", async () => {
    setURL('https://news.example/2019/bridge');
    try {
      const { text } = await scopeText(`${H}
        <article>${A}
          <ul><li><a href="/topic/ana-ruiz">Ana Ruiz</a><ul><li>The mayor since 2015, seeking a third term in office this spring.</li></ul></li></ul>
          <blockquote><p>We waited three years for this bridge, and it was worth every day.</p><a href="/people/bo-lind">Bo Lind</a></blockquote>
          <a href="/2019/cora-dale-wins">Cora Dale wins a seat on the council</a><p>The vote was close, and turnout was the highest in a decade, officials said.</p>
          ${B}
          <div>Traffic returned to the high street within hours, shop owners said.<br><br><a href="/2019/ferry">Eli Ford said the ferry would stop running at the end of the month.</a><br><br>The plan goes ahead next spring.<p>More prose follows here in a paragraph of its own, long enough to be scored as prose.</p></div>
          <a href="https://www.news.example/2019/bridge#comments">Finn Moss and the comments on this story</a>
          ${C}</article>`);
      for (const name of ['Ana Ruiz', 'Bo Lind', 'Cora Dale wins', 'Eli Ford said', 'Finn Moss']) expect(text).toContain(name);
      // A saved copy: every host is "", and a mail link is no page of the site.
      setURL('file:///tmp/bridge.html');
      const saved = await scopeText(`${H}<article>${A}<a href="mailto:desk@example.org">Write to Gus Hale at the desk</a>${B}${C}</article>`);
      expect(saved.text).toContain('Gus Hale');
    } finally {
      setURL('http://localhost:3000/');
    }
  });

  it('a term stays beside a hidden answer (a closed accordion) and when it is more than a field label', async () => {
    const { text } = await scopeText(`${H}
      <article>${A}${B}
        <dl class="faq"><dt>Why did Ana Ruiz close the bridge in 2017?</dt><dd hidden>Engineers found cracks in the main span during a routine inspection that spring.</dd><dt>Status:</dt><dd hidden>Open again since Monday, to all traffic.</dd></dl>
        <dl><dt>Bo Lind</dt><dd>Labour/Co-op</dd><dt>Cora Dale</dt><dd>Green/Independent</dd></dl>
        ${C}</article>`);
    for (const kept of ['Why did Ana Ruiz close the bridge', 'Status:', 'Bo Lind', 'Cora Dale']) expect(text).toContain(kept);
  });

  it('a date line beside an empty block that is no clearfix stays, so what the page puts in that block later is taken', async () => {
    const { scope, text } = await scopeText(`${H}
      <article>${A}${B}<div class="live">Last updated 10:30 GMT, 12 March 2019<div id="entries"></div></div>${C}</article>`);
    expect(text).toContain('Shops were glad.');
    const entry = document.createElement('p');
    entry.textContent = 'Ana Ruiz, the mayor, said the crossing was open to all traffic again from this morning.';
    document.getElementById('entries')?.appendChild(entry);
    expect(scope.rejects(document.querySelector('.live') as Element)).toBe(false);
    expect(scope.admits(entry.firstChild as Node)).toBe(true);
  });

  it('only one bracketed credit is read without its brackets', () => {
    expect(isCreditLine('(Photo: AP) Ana Ruiz opens the bridge (Reuters)')).toBe(false);
    expect(isCreditLine('(Image: Getty) Ana Ruiz at the opening in Alderford (left)')).toBe(false);
    expect(isCreditLine('(Image: GETTY )')).toBe(true);
  });

  it('a short sentence with its rest hidden now is no crumb', async () => {
    const { scope, text } = await scopeText(`${H}
      <article>${A}<p class="teaser">Ana Ruiz said<span hidden> the bridge would stay open through the winter, whatever the weather.</span></p>${B}${C}</article>`);
    expect(text).toContain('Ana Ruiz said');
    expect(scope.rejects(document.querySelector('.teaser') as Element)).toBe(false);
  });
});
