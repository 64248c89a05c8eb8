/**
 * Finds mentions in the page: the article first, then the rest of the page, then whatever is added
 * later (live blogs, "load more", single-page navigation). Text goes to the worker in one message
 * per region; the page's own DOM is never changed.
 */
import type { DetectContext } from '../core/resolve-references';
import { chooseUnderlines } from '../core/underline-policy';
import type { UnderlineMode } from '../shared/card-data';
import { CONTENT_CAPS } from '../shared/messages';
import { send } from '../shared/messaging';
import type { MarkOverlay } from './mark-overlay';
import type { Mention, MentionIndex } from './mention-index';
import { MentionSections } from './mention-section';
import { collectText, findArticleRoot, isSkipped, rangeFor } from './page-text';

const MUTATION_DEBOUNCE_MS = 120;
const MAX_CHARS_PER_PAGE = 40_000_000;

export class PageAnnotator {
  private articleContext: DetectContext = { seen: [], unknown: [] };
  private otherContext: DetectContext = { seen: [], unknown: [] };
  private readonly done = new WeakSet<Text>();
  private article: Element | null = null;
  private pending = new Set<Node>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private queue: Promise<void> = Promise.resolve();
  readonly counts = new Map<string, number>();
  private sent = 0;

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
  private underlined = new Set<string>();

  private reported = -1;
  private reportTimer: ReturnType<typeof setTimeout> | null = null;
  /** At most one count per second, so a page that rewrites itself cannot keep the worker busy with them. */
  private report(): void {
    if (!this.onCount || this.reportTimer || this.signal.aborted) return;
    const send = () => {
      this.reportTimer = null;
      if (this.signal.aborted || this.counts.size === this.reported) return;
      this.reported = this.counts.size;
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
    this.article = findArticleRoot(document);
    const observer = new MutationObserver((records) => this.onMutations(records));
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    this.signal.addEventListener('abort', () => observer.disconnect());
    if (this.article) this.enqueue(this.article, null, 'article');
    this.enqueue(document.body, this.article, 'other');
    return this.queue;
  }

  /** Entities seen in the page so far (for "related on this page"). */
  pageEntities(): string[] {
    return [...this.counts.keys()];
  }

  private enqueue(root: Node, exclude: Node | null, region: 'article' | 'other'): void {
    this.queue = this.queue.then(() => this.annotate(root, exclude, region)).catch(() => {});
  }

  private async annotate(root: Node, exclude: Node | null, region: 'article' | 'other'): Promise<void> {
    if (this.signal.aborted) return;
    // A page that rewrites its text forever must not keep the shared worker busy.
    if (this.sent > MAX_CHARS_PER_PAGE) return;
    const pt = collectText(root, exclude, this.host(), this.done);
    for (const s of pt.segments) this.done.add(s.node);
    if (!/\p{Lu}/u.test(pt.text)) return;
    // Very long pages go in slices on line boundaries, each carrying the context of the previous.
    for (let from = 0; from < pt.text.length; ) {
      let to = Math.min(pt.text.length, from + CONTENT_CAPS.textChars);
      if (to < pt.text.length) {
        // Cut at a line break, else at a space: never inside a name (or a surrogate pair).
        const nl = pt.text.lastIndexOf('\n', to);
        const sp = pt.text.lastIndexOf(' ', to);
        if (nl > from) to = nl;
        else if (sp > from) to = sp;
      }
      this.sent += to - from;
      const context = region === 'article' ? this.articleContext : this.otherContext;
      const reply = await send('detect', { text: pt.text.slice(from, to), context });
      if (this.signal.aborted || !reply.ok) return;
      if (region === 'article') this.articleContext = reply.value.context;
      else this.otherContext = reply.value.context;
      const found: { range: Range; entity: string; section: string }[] = [];
      for (const m of reply.value.mentions) {
        const range = rangeFor(pt, from + m.start, from + m.end);
        if (!range) continue;
        this.index.add(range, m.entity);
        this.counts.set(m.entity, (this.counts.get(m.entity) ?? 0) + 1);
        found.push({ range, entity: m.entity, section: this.underlines === 'first' ? this.sections.sectionOf(range.startContainer) : '' });
      }
      // Every mention is hoverable (in the index); only the chosen ones are drawn.
      const { visible, shown } = chooseUnderlines(found, this.underlines, this.underlined);
      this.underlined = shown;
      for (const [i, f] of found.entries()) if (visible[i]) this.highlights.add(f.range);
      from = to;
    }
    this.report();
  }

  private forget(gone: Mention[]): void {
    for (const m of gone) {
      this.highlights.remove(m.range);
      const n = (this.counts.get(m.entity) ?? 1) - 1;
      if (n > 0) this.counts.set(m.entity, n);
      else this.counts.delete(m.entity);
    }
    if (gone.length) this.report();
  }

  private onMutations(records: MutationRecord[]): void {
    const host = this.host();
    for (const r of records) {
      if (host && (r.target === host || host.contains(r.target))) continue;
      if (r.type === 'characterData') {
        const t = r.target as Text;
        this.done.delete(t);
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
      // Only the outermost added nodes: their descendants come along.
      const roots = nodes.filter((n) => !nodes.some((o) => o !== n && o.contains(n)));
      for (const n of roots) {
        const inArticle = this.article?.isConnected ? this.article.contains(n) : false;
        if (n.nodeType === Node.TEXT_NODE) {
          if (n.parentElement) this.enqueue(n.parentElement, null, inArticle ? 'article' : 'other');
        } else this.enqueue(n, null, inArticle ? 'article' : 'other');
      }
    }, MUTATION_DEBOUNCE_MS);
    this.signal.addEventListener('abort', () => this.timer && clearTimeout(this.timer), { once: true });
  }
}
