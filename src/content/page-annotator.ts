/**
 * Finds mentions in the article: the scope chosen by `article-scope.ts` (headline, standfirst,
 * body; a listing page's headlines), then whatever is added later inside the article body (live
 * blogs, "load more"). Single-page navigation that replaces the article chooses the scope again.
 * Text goes to the worker in one message per region; the page's own DOM is never changed.
 */

import type { DetectContext, DetectedMention } from '../core/resolve-references';
import { chooseUnderlines, type ShownUnderlines } from '../core/underline-policy';
import type { UnderlineMode } from '../shared/card-data';
import { CONTENT_CAPS } from '../shared/messages';
import { send } from '../shared/messaging';
import { type ArticleScope, scopeOf } from './article-scope';
import type { MarkOverlay } from './mark-overlay';
import type { Mention, MentionIndex } from './mention-index';
import { MentionSections } from './mention-section';
import { isRenderedHidden, PAGE_SLICE, yieldToPage } from './page-scope';
import { collectAllSliced, isSkipped, type PageText, rangeFor } from './page-text';
import { type ScopeRun, takeOver, wantScope } from './scope-handoff';

const MUTATION_DEBOUNCE_MS = 120;
/**
 * Any upper-case letter (a name starts with one). The pattern is made for each text read, not kept
 * in a constant: run over a whole page's text, V8 compiles it to machine code (5 KB for text with
 * characters beyond Latin-1), which a pattern kept for the page's life would keep too.
 */
const CAPITAL = String.raw`\p{Lu}`;
const MAX_CHARS_PER_PAGE = 40_000_000;
/** Milliseconds of mention placing before the page gets its turn (the shared page slice). */
const SLICE_MS = PAGE_SLICE.sliceMs ?? 20;
/** Marks per page at most: an article has far fewer; a page that floods names gets no more. */
export const MAX_MARKS_PER_PAGE = 1500;
/** Times a page may make us choose its article again (each is a walk over the whole page). */
const MAX_RESCOPES = 20;
/**
 * Text sent per `detect` message. A message is serialised in the task that sends it: the bench's
 * 1 MB article in one message took 28–45 ms of one task, a quarter of it takes a quarter of that.
 * The marks of the first part also appear sooner.
 */
const DETECT_CHARS = 256 * 1024;

/** A mention placed on the page, before the underline policy chose whether it is drawn. */
interface Found {
  range: Range;
  entity: string;
  section: string;
}

export class PageAnnotator {
  private context: DetectContext = { seen: [], unknown: [] };
  private scope: ArticleScope | null = null;
  private pending = new Set<Node>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private queue: Promise<void> = Promise.resolve();
  private sent = 0;
  private marks = 0;
  private rescoping = false;
  private rescopes = 0;

  constructor(
    private readonly index: MentionIndex,
    private readonly highlights: MarkOverlay,
    private readonly host: () => Element | null,
    private readonly signal: AbortSignal,
    /** Told the number of distinct names found whenever it changes (the toolbar badge). */
    private readonly onCount?: (names: number) => void,
    /** Which mentions get a visible underline; every mention stays hoverable. */
    private readonly underlines: UnderlineMode = 'every',
  ) {}

  private readonly sections = new MentionSections();
  /** (section, entity) pairs that have their visible underline. */
  private underlined: ShownUnderlines = new Map();

  private reported = -1;
  private reportTimer: ReturnType<typeof setTimeout> | null = null;
  /** At most one count per second, so a page that rewrites itself cannot keep the worker busy with them. */
  private report(): void {
    if (!this.onCount || this.reportTimer || this.signal.aborted) return;
    const send = () => {
      this.reportTimer = null;
      const names = new Set(this.index.mentions.map((m) => m.entity)).size;
      if (this.signal.aborted || names === this.reported) return;
      this.reported = names;
      this.onCount?.(this.reported);
    };
    if (this.reported < 0) {
      send();
      return;
    }
    this.reportTimer = setTimeout(send, 1000);
    this.signal.addEventListener('abort', () => this.reportTimer && clearTimeout(this.reportTimer), { once: true });
  }

  start(): Promise<void> {
    const observer = new MutationObserver((records) => this.onMutations(records));
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    this.signal.addEventListener('abort', () => observer.disconnect());
    // Changes during the first choice wait for it: until it ends there is no scope, which would
    // otherwise read as a lost article and choose a second time.
    this.queueRescope();
    return this.queue;
  }

  /** Choose the article after the work queued; changes meanwhile start no other choice. */
  private queueRescope(): void {
    this.rescoping = true;
    this.queue = this.queue
      .then(() => this.rescope())
      .catch(() => {})
      .finally(() => {
        this.rescoping = false;
      });
  }

  /** Entities seen in the page so far (for "related on this page"). */
  pageEntities(): string[] {
    return [...this.counts().keys()];
  }

  /**
   * Mentions per entity, in the order the page first mentions them, counted from the index when
   * asked (the popup, a card): a table kept beside the index held 7 KB of the page's heap on the
   * bench's 1 MB article.
   */
  counts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const m of this.index.mentions) counts.set(m.entity, (counts.get(m.entity) ?? 0) + 1);
    return counts;
  }

  /**
   * Choose the article (again) and annotate what of it is new: through the scope script, which the
   * page ran before this one, or which the worker runs again for a page that replaced its article.
   * Without it (the worker could not run it) the page keeps the marks it has.
   */
  private async rescope(): Promise<void> {
    const text = await this.choose();
    if (!text || this.signal.aborted || this.marks >= MAX_MARKS_PER_PAGE || this.sent > MAX_CHARS_PER_PAGE) return;
    await this.detectIn(text);
  }

  /**
   * The scope script's run: the scope it chose, kept as tests that ask the page (built here, so the
   * script's own functions are not kept), and the text it read. A function of its own, so that no
   * reference to the script's entry point stays alive while the worker detects names.
   */
  private async choose(): Promise<PageText | null> {
    if (this.signal.aborted) return null;
    const run = takeOver() ?? (await scopeScriptAgain(this.signal));
    if (!run || this.signal.aborted) return null;
    // The scope's first slice starts in a task of its own: the session's setup (the page layer, its
    // styles) took part of this one, and the slice's clock does not know it.
    await yieldToPage();
    if (this.signal.aborted) return null;
    const host = this.host();
    const { verdict, text } = await run(host, this.index);
    this.scope = scopeOf(verdict, { host, hidden: isRenderedHidden });
    return text;
  }

  private enqueue(roots: Element[], scope: ArticleScope): void {
    this.queue = this.queue.then(() => this.annotate(roots, scope)).catch(() => {});
  }

  private async annotate(roots: Element[], scope: ArticleScope): Promise<void> {
    if (this.signal.aborted || this.marks >= MAX_MARKS_PER_PAGE) return;
    // A page that rewrites its text forever must not keep the shared worker busy.
    if (this.sent > MAX_CHARS_PER_PAGE) return;
    // In slices of its own (the scope's last slice may have used up this task): a long article is
    // read without a long task.
    await yieldToPage();
    // Text nodes that already have mentions are not read again (a paragraph read again after an
    // edit would mark them twice). No set of every node read is kept: on the bench's 1 MB article
    // that set alone held 32 KB of the page's heap; text without names is cheap to send again.
    const pt = await collectAllSliced(roots, this.host(), scope.rejects, this.index, PAGE_SLICE);
    if (this.signal.aborted) return;
    await this.detectIn(pt);
  }

  /** Names in text read from the page, found by the worker, become marks. */
  private async detectIn(pt: PageText): Promise<void> {
    // A successful match keeps its subject alive (V8's legacy `RegExp.input`), which would hold
    // the whole page text until some other match succeeded: one on a single letter lets it go.
    const capital = new RegExp(CAPITAL, 'u');
    const named = capital.test(pt.text);
    capital.test('A');
    if (!named) return;
    // The message is serialised in the task that sends it: a fresh one, not the walk's last slice.
    await yieldToPage();
    if (this.signal.aborted) return;
    // Long pages go in slices on line boundaries, each carrying the context of the previous, each
    // in a task of its own.
    for (let from = 0; from < pt.text.length; ) {
      if (from > 0) {
        await yieldToPage();
        if (this.signal.aborted) return;
      }
      let to = Math.min(pt.text.length, from + Math.min(DETECT_CHARS, CONTENT_CAPS.textChars));
      if (to < pt.text.length) {
        // Cut at a line break, else at a space: never inside a name (or a surrogate pair).
        const nl = pt.text.lastIndexOf('\n', to);
        const sp = pt.text.lastIndexOf(' ', to);
        if (nl > from) to = nl;
        else if (sp > from) to = sp;
      }
      this.sent += to - from;
      const reply = await send('detect', { text: pt.text.slice(from, to), context: this.context });
      if (this.signal.aborted || !reply.ok) return;
      // Each reply is a fresh copy of every key it names; the page keeps one (see `oneCopy`).
      const { seen, unknown } = reply.value.context;
      this.context = { seen: seen.map(oneCopy), unknown };
      const found: Found[] = [];
      // Up to 1,500 mentions become ranges, sections and index entries: in slices as well, one call
      // of `place` per slice. A loop here (an await per mention, or one per underline) made this
      // whole function hot enough for V8 to compile it to baseline code (8 KB, kept by the page).
      const { mentions } = reply.value;
      for (let i = 0; i < mentions.length && this.marks < MAX_MARKS_PER_PAGE; ) {
        i = this.place(mentions, i, pt, from, found, performance.now() + SLICE_MS);
        if (i >= mentions.length) break;
        await yieldToPage();
        if (this.signal.aborted) return;
      }
      // Every mention is hoverable (in the index); only the chosen ones are drawn.
      const { visible, shown } = chooseUnderlines(found, this.underlines, this.underlined);
      this.underlined = shown;
      this.drawChosen(found, visible);
      if (this.marks >= MAX_MARKS_PER_PAGE) break;
      from = to;
    }
    this.sections.release();
    this.report();
  }

  /**
   * Mentions from `i` on become ranges, index entries and underline candidates (`found`) until the
   * clock passes `until` or the page has its most marks; returns the first mention not placed.
   */
  private place(mentions: readonly DetectedMention[], i: number, pt: PageText, from: number, found: Found[], until: number): number {
    for (; i < mentions.length && this.marks < MAX_MARKS_PER_PAGE && performance.now() < until; i++) {
      const m = mentions[i];
      const range = rangeFor(pt, from + m.start, from + m.end);
      if (!range) continue;
      const entity = oneCopy(m.entity);
      this.index.add(range, entity);
      this.marks++;
      found.push({ range, entity, section: this.underlines === 'first' ? this.sections.sectionOf(range.startContainer) : '' });
    }
    return i;
  }

  /** The underlines chosen, to the overlay (a loop of its own, which keeps `annotate` cold: see `place`). */
  private drawChosen(found: readonly Found[], visible: readonly boolean[]): void {
    for (let i = 0; i < found.length; i++) if (visible[i]) this.highlights.add(found[i].range);
  }

  private forget(gone: Mention[]): void {
    for (const m of gone) {
      this.highlights.remove(m.range);
      this.marks--;
    }
    if (gone.length) this.report();
  }

  private onMutations(records: MutationRecord[]): void {
    const host = this.host();
    for (const r of records) {
      if (host && (r.target === host || host.contains(r.target))) continue;
      if (r.type === 'characterData') {
        const t = r.target as Text;
        // Its old mentions go; the new text is detected again below.
        this.forget(this.index.removeNode(t));
        if (t.parentElement && !isSkipped(t.parentElement, host)) this.pending.add(t.parentElement);
        continue;
      }
      for (const n of r.addedNodes) {
        if (n === host) continue;
        if (n.nodeType === Node.TEXT_NODE || n.nodeType === Node.ELEMENT_NODE) this.pending.add(n);
      }
    }
    if (!this.pending.size || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const nodes = [...this.pending].filter((n) => n.isConnected);
      this.pending.clear();
      this.forget(this.index.prune());
      const scope = this.scope;
      // The article itself was replaced (single-page navigation), the page had no article yet, or
      // no article was chosen (the scope script could not be run): choose again. Otherwise only
      // additions inside the article body count.
      if (scope?.kind !== 'article' || !scope.body.some((b) => b.isConnected)) {
        if (!nodes.length) return;
        if (!this.rescoping && this.rescopes < MAX_RESCOPES) {
          this.rescopes++;
          this.queueRescope();
        }
        return;
      }
      // Only the outermost added nodes: their descendants come along.
      const roots = nodes.filter((n) => !nodes.some((o) => o !== n && o.contains(n)));
      const inside: Element[] = [];
      for (const n of roots) {
        if (!scope.admits(n)) continue;
        const el = n.nodeType === Node.TEXT_NODE ? n.parentElement : (n as Element);
        if (el) inside.push(el);
      }
      if (inside.length) this.enqueue(inside, scope);
    }, MUTATION_DEBOUNCE_MS);
    this.signal.addEventListener('abort', () => this.timer && clearTimeout(this.timer), { once: true });
  }
}

/**
 * The engine's one copy of a string. Every detect reply is deserialised into new strings, so the
 * same entity key would otherwise be held once per mention, once in the context and once per
 * underlined section (about 37 KB of the page's heap on the bench's 1 MB article). A string used as
 * a property name is interned (V8 and SpiderMonkey keep one copy per isolate); the key read back is
 * that copy, and every later reply's equal key maps to it as well.
 */
export function oneCopy(s: string): string {
  const o: Record<string, true> = {};
  o[s] = true;
  for (const k in o) return k;
  return s;
}

/**
 * Ask the worker to run the scope script in this page again; its entry point, once it has run. A
 * session ended meanwhile leaves it where it is, for the session that replaced it.
 */
async function scopeScriptAgain(signal: AbortSignal): Promise<ScopeRun | undefined> {
  wantScope();
  const reply = await send('scopeAgain', {});
  return reply.ok && reply.value && !signal.aborted ? takeOver() : undefined;
}
