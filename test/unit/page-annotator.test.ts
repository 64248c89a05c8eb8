// @vitest-environment happy-dom
// PageAnnotator with a stubbed worker: the article's text goes to `detect` (never the menu or the
// footer), each mention becomes a hoverable range, underlines follow the reader's mode, the count
// is reported, text added to the article later is detected (and text added outside it is not),
// edited text is detected again, removed text takes its mentions along, and ending the session
// stops everything.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MarkOverlay } from '../../src/content/mark-overlay';
import { MentionIndex } from '../../src/content/mention-index';
import type { DetectContext } from '../../src/core/resolve-references';
import type { UnderlineMode } from '../../src/shared/card-data';
import { replaceBodyContent, setBody } from './dom-fixtures';

/** The worker, stubbed: it knows three names and remembers what it was sent. */
const worker = vi.hoisted(() => ({
  texts: [] as string[],
  contexts: [] as unknown[],
  fail: false,
  scopeAgain: 0,
  canScope: true,
  /** Runs the scope script in the page (set below, once its modules are loaded). */
  runScript: () => {},
  /** While set, `scopeAgain` waits for it before the script runs. */
  gate: null as Promise<void> | null,
}));
vi.mock('../../src/shared/messaging', () => ({
  send: async (kind: string, payload: { text: string; context: DetectContext }) => {
    // The worker runs the scope script in the page again, as `browser.scripting` does.
    if (kind === 'scopeAgain') {
      worker.scopeAgain++;
      if (worker.gate) await worker.gate;
      if (!worker.canScope) return { ok: true, value: false };
      worker.runScript();
      return { ok: true, value: true };
    }
    if (kind !== 'detect') throw new Error(`unexpected ${kind}`);
    worker.texts.push(payload.text);
    worker.contexts.push(payload.context);
    if (worker.fail) return { ok: false, error: 'worker restarting' };
    const known: Record<string, string> = { 'Ada Example': 'p:ada', 'Bo Example': 'p:bo', 'Cy Example': 'p:cy' };
    const mentions = [];
    for (const [name, entity] of Object.entries(known)) {
      for (let at = payload.text.indexOf(name); at >= 0; at = payload.text.indexOf(name, at + 1)) mentions.push({ start: at, end: at + name.length, entity });
    }
    mentions.sort((a, b) => a.start - b.start);
    return { ok: true, value: { mentions, context: { seen: [...payload.context.seen, ...mentions.map((m) => m.entity)], unknown: [] } } };
  },
}));
const { PageAnnotator, MAX_MARKS_PER_PAGE } = await import('../../src/content/page-annotator');

const filler = 'The council met on Tuesday and agreed that the plan would go ahead next spring after a long review of the costs.';
const article = (...paras: string[]) => `
  <nav><a href="/">Home</a> <a href="/x">Bo Example Archive</a></nav>
  <article><h1>Alder Bridge Reopens</h1><div class="story" id="story">${paras.map((p) => `<p>${p} ${filler}</p>`).join('')}</div></article>
  <footer id="foot">Contact Cy Example at the desk.</footer>`;

function start(html: string, underlines: UnderlineMode = 'every') {
  setBody(html);
  const index = new MentionIndex();
  // The underlines drawn, by range (and the text each had when drawn).
  const underlined = new Map<Range, string>();
  const marks = {
    add: (r: Range) => underlined.set(r, r.toString()),
    remove: (r: Range) => underlined.delete(r),
  } as unknown as MarkOverlay;
  const counts: number[] = [];
  const stop = new AbortController();
  const annotator = new PageAnnotator(
    index,
    marks,
    () => null,
    stop.signal,
    (n) => counts.push(n),
    underlines,
  );
  return {
    index,
    get drawn() {
      return [...underlined.values()];
    },
    counts,
    stop,
    annotator,
    ready: annotator.start(),
  };
}
const names = (index: MentionIndex) => index.mentions.map((m) => `${m.entity}=${m.range.toString()}`);

// happy-dom lays nothing out (every box is 0×0, which reads as "visually hidden"): give every
// element the box of a visible paragraph.
Element.prototype.getBoundingClientRect = () => ({ left: 0, top: 0, right: 600, bottom: 100, width: 600, height: 100, x: 0, y: 0 }) as DOMRect;

const { handOver, takeOver } = await import('../../src/content/scope-handoff');
const { scopeRun } = await import('../../src/content/scope-pass');
worker.runScript = () => handOver(scopeRun);

beforeEach(() => {
  worker.texts = [];
  worker.contexts = [];
  worker.fail = false;
  worker.scopeAgain = 0;
  worker.canScope = true;
  worker.gate = null;
  // Each test starts as a page does after a navigation: the scope script has not run yet.
  for (const k of ['backstory.scopeRun', 'backstory.scopeWanted', 'backstory.scopeTaken']) delete (globalThis as Record<symbol, unknown>)[Symbol.for(k)];
});
let session: ReturnType<typeof start> | null = null;
afterEach(() => {
  session?.stop.abort();
  session = null;
});

describe('PageAnnotator', () => {
  it('sends the article’s text only, and turns every mention into a hoverable, underlined range', async () => {
    session = start(article('Ada Example met Bo Example.', 'Later Ada Example left.'));
    await session.ready;
    expect(worker.texts).toHaveLength(1);
    expect(worker.texts[0]).toContain('Alder Bridge Reopens');
    expect(worker.texts[0]).not.toContain('Archive');
    expect(worker.texts[0]).not.toContain('Contact');
    expect(names(session.index)).toEqual(['p:ada=Ada Example', 'p:bo=Bo Example', 'p:ada=Ada Example']);
    expect(session.drawn).toEqual(['Ada Example', 'Bo Example', 'Ada Example']);
    expect(session.annotator.pageEntities()).toEqual(['p:ada', 'p:bo']);
    expect(session.annotator.counts().get('p:ada')).toBe(2);
    expect(session.counts).toEqual([2]);
  });

  it('"first" underlines one mention per name per section, "none" draws nothing; all stay hoverable', async () => {
    session = start(article('Ada Example met Bo Example.', 'Later Ada Example left.'), 'first');
    await session.ready;
    expect(session.drawn).toEqual(['Ada Example', 'Bo Example']);
    expect(session.index.mentions).toHaveLength(3);
    session.stop.abort();
    session = start(article('Ada Example met Bo Example.'), 'none');
    await session.ready;
    expect(session.drawn).toEqual([]);
    expect(session.index.mentions).toHaveLength(2);
  });

  it('the scope script that ran before the session is taken, run once and dropped; a new session has the worker run it again', async () => {
    handOver(scopeRun);
    session = start(article('Ada Example met Bo Example.'));
    await session.ready;
    expect(worker.scopeAgain).toBe(0);
    expect(names(session.index)).toEqual(['p:ada=Ada Example', 'p:bo=Bo Example']);
    // Nothing of it is left where the page's session could reach it again.
    expect(takeOver()).toBeUndefined();
    session.stop.abort();
    session = start(article('Later Bo Example left.'));
    await session.ready;
    expect(worker.scopeAgain).toBe(1);
    expect(names(session.index)).toEqual(['p:bo=Bo Example']);
    expect(takeOver()).toBeUndefined();
  });

  it('a page that changes while its article is first chosen is not chosen a second time', async () => {
    let open = () => {};
    const gate = new Promise<void>((ok) => {
      open = ok;
    });
    handOver(async (host, already) => {
      await gate;
      return scopeRun(host, already);
    });
    session = start(article('Ada Example met Bo Example.'));
    document.body.appendChild(document.createElement('div')).textContent = 'An advert that loads late.';
    // Past the mutation debounce while the first choice is still under way.
    await new Promise((r) => setTimeout(r, 300));
    open();
    await session.ready;
    await new Promise((r) => setTimeout(r, 300));
    expect(worker.scopeAgain).toBe(0);
    expect(worker.texts).toHaveLength(1);
    expect(names(session.index)).toEqual(['p:ada=Ada Example', 'p:bo=Bo Example']);
  });

  it('when the worker cannot run the scope script, nothing fails, and the next change of the page tries again', async () => {
    worker.canScope = false;
    session = start(article('Ada Example met Bo Example.'));
    await session.ready;
    expect(worker.scopeAgain).toBe(1);
    expect(worker.texts).toEqual([]);
    expect(session.index.mentions).toEqual([]);
    worker.canScope = true;
    replaceBodyContent(article('Later Cy Example arrived.'));
    await vi.waitFor(() => expect(names(session!.index)).toContain('p:cy=Cy Example'), { timeout: 5000 });
    expect(worker.scopeAgain).toBe(2);
  });

  it('single-page navigation: the replaced article is chosen again through the worker, and read', async () => {
    session = start(article('Ada Example met Bo Example.'));
    await session.ready;
    expect(worker.scopeAgain).toBe(1);
    replaceBodyContent(article('Later Cy Example arrived.'));
    await vi.waitFor(() => expect(names(session!.index)).toContain('p:cy=Cy Example'), { timeout: 5000 });
    expect(worker.scopeAgain).toBe(2);
    expect(worker.texts[1]).toContain('Cy Example');
    expect(worker.texts[1]).not.toContain('Archive');
  });

  it('a session ended while the worker runs the script leaves its entry point to the session after it', async () => {
    let open = () => {};
    worker.gate = new Promise((ok) => {
      open = ok;
    });
    const first = start(article('Ada Example met Bo Example.'));
    await vi.waitFor(() => expect(worker.scopeAgain).toBe(1), { timeout: 5000 });
    first.stop.abort();
    session = start(article('Ada Example met Bo Example.'));
    await vi.waitFor(() => expect(worker.scopeAgain).toBe(2), { timeout: 5000 });
    // Both runs of the script finish before either session hears back.
    open();
    await Promise.all([first.ready, session.ready]);
    expect(first.index.mentions).toEqual([]);
    expect(names(session.index)).toEqual(['p:ada=Ada Example', 'p:bo=Bo Example']);
  });

  it('sends nothing for text without a capital letter', async () => {
    session = start('<article><div class="story"><p>only lowercase words here, nothing to find at all in this long line of text.</p></div></article>');
    await session.ready;
    expect(worker.texts).toEqual([]);
  });

  it('detects text added to the article later, carrying the context; ignores text added outside it', async () => {
    session = start(article('Ada Example met officials.'));
    await session.ready;
    const p = document.createElement('p');
    p.textContent = `Update: Bo Example arrived. ${filler}`;
    document.getElementById('story')?.append(p);
    await vi.waitFor(() => expect(names(session!.index)).toContain('p:bo=Bo Example'));
    expect(worker.texts.at(-1)).toBe(`Update: Bo Example arrived. ${filler}`);
    expect(worker.contexts.at(-1)).toEqual({ seen: ['p:ada'], unknown: [] });

    const outside = document.createElement('div');
    outside.textContent = 'Cy Example in a sidebar.';
    document.getElementById('foot')?.append(outside);
    const sent = worker.texts.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(worker.texts.length).toBe(sent);
    expect(session.annotator.pageEntities()).not.toContain('p:cy');
  });

  it('edited text loses its old mentions and is detected again; removed text takes its mentions along', async () => {
    session = start(article('Ada Example met officials.', 'Bo Example spoke.'));
    await session.ready;
    const first = document.querySelector('#story p')?.firstChild as Text;
    first.data = `Cy Example met officials. ${filler}`;
    await vi.waitFor(() => expect(session!.annotator.pageEntities().sort()).toEqual(['p:bo', 'p:cy']));
    expect(session.drawn).toEqual(['Bo Example', 'Cy Example']);

    document.querySelectorAll('#story p')[1]?.remove();
    document.getElementById('story')?.append(Object.assign(document.createElement('p'), { textContent: 'A short note.' }));
    await vi.waitFor(() => expect(session!.annotator.pageEntities()).toEqual(['p:cy']));
    expect(names(session.index)).toEqual(['p:cy=Cy Example']);
  });

  it('a paragraph read again after an edit keeps one mark per mention (nodes with marks are not read twice)', async () => {
    session = start(article('Ada Example met officials. <em>Later</em> nothing.'));
    await session.ready;
    const tail = document.querySelector('#story p em')?.nextSibling as Text;
    tail.data = ' Bo Example arrived.';
    await vi.waitFor(() => expect(session!.annotator.pageEntities().sort()).toEqual(['p:ada', 'p:bo']));
    // The edited node's paragraph went again, without the node that holds "Ada Example".
    expect(worker.texts.at(-1)).not.toContain('Ada Example');
    expect(worker.texts.at(-1)).toContain('Bo Example arrived.');
    expect(names(session.index).sort()).toEqual(['p:ada=Ada Example', 'p:bo=Bo Example']);
    expect(session.drawn.sort()).toEqual(['Ada Example', 'Bo Example']);
  });

  it('a long article goes in several messages, cut between paragraphs, each carrying the context of the one before', async () => {
    // About 330,000 characters: more than one message holds (256 Ki).
    const paras = Array.from({ length: 2600 }, (_, i) => (i === 0 ? 'Ada Example spoke first.' : i === 2599 ? 'Bo Example spoke last.' : `Item ${i}.`));
    session = start(article(...paras));
    await session.ready;
    expect(worker.texts.length).toBeGreaterThan(1);
    for (const t of worker.texts) expect(t.length).toBeLessThanOrEqual(256 * 1024);
    expect(worker.texts.join('')).toContain('Bo Example spoke last.');
    // Every cut falls between two paragraphs (a line break), never inside one.
    for (const t of worker.texts.slice(1)) expect(t.startsWith('\n')).toBe(true);
    expect(worker.contexts[1]).toEqual({ seen: ['p:ada'], unknown: [] });
    expect(names(session.index)).toEqual(['p:ada=Ada Example', 'p:bo=Bo Example']);
  });

  it('stops at the mark cap', async () => {
    const many = Array.from({ length: MAX_MARKS_PER_PAGE + 40 }, () => 'Ada Example').join(', ');
    session = start(article(many));
    await session.ready;
    expect(session.index.mentions).toHaveLength(MAX_MARKS_PER_PAGE);
  });

  it('a failed detection changes nothing; an ended session sends nothing more', async () => {
    worker.fail = true;
    session = start(article('Ada Example met officials.'));
    await session.ready;
    expect(session.index.mentions).toEqual([]);
    worker.fail = false;
    session.stop.abort();
    const sent = worker.texts.length;
    document.getElementById('story')?.append(Object.assign(document.createElement('p'), { textContent: `Bo Example arrived. ${filler}` }));
    await new Promise((r) => setTimeout(r, 300));
    expect(worker.texts.length).toBe(sent);
  });
});
