// Content script wiring: settings, mention detection, underlines, hover card, popup requests.
// One session runs while Backstory is on for this site; a settings change (the popup's switch, the
// card's "Turn off on this site", the options page) ends or starts it at once, without a reload.
import browser, { type Runtime } from '../shared/browser';
import { CONTENT_CAPS, type OnThisPageItem, type PanelRequest, type SiteInfo } from '../shared/messages';
import { receiveTabMessage, send, type TabHandlers } from '../shared/messaging';
import { t } from '../ui/i18n';
import { CardHost } from './card-host';
import { HoverIntent } from './hover-intent';
import { MarkOverlay } from './mark-overlay';
import { MentionIndex } from './mention-index';
import { PageAnnotator } from './page-annotator';
import { PageLayer } from './page-layer';
import { articleDate } from './page-text';
import { revealMention } from './reveal';
import { takeOver } from './scope-handoff';

interface Session {
  stop: AbortController;
  card: CardHost;
  articleDate: string | undefined;
  index: MentionIndex;
  marks: MarkOverlay;
  annotator: PageAnnotator;
  hover: HoverIntent;
}

let session: Session | null = null;
let checking: Promise<void> = Promise.resolve();

async function start(): Promise<void> {
  // The worker reads the site from the sender's URL, never from this message.
  const settings = await send('contentSettings', {});
  if (session) return;
  if (!settings.ok || !settings.value.active) {
    // Backstory is off here: the scope script's entry point is dropped with its code (a session
    // started later has the worker run it again).
    takeOver();
    return;
  }
  const stop = new AbortController();
  const signal = stop.signal;
  const index = new MentionIndex();
  // The layer goes in before anything is detected, so its presence says nothing about what was found.
  const layer = new PageLayer();
  const marks = new MarkOverlay(layer, settings.value.underlines !== 'none', signal);
  let hover: HoverIntent | null = null;
  const date = articleDate(document);
  let annotator: PageAnnotator | null = null;
  const card = new CardHost(layer, (inside) => hover?.setInsideCard(inside), {
    theme: settings.value.cardTheme,
    onFullBackstory: (entity) =>
      void send('openPanel', { entity, pageEntities: annotator?.pageEntities().slice(0, CONTENT_CAPS.pageEntities), articleDate: date }),
    footerAction: { label: t('cardTurnOffSite'), onClick: () => void send('pauseThisSite', {}) },
  });
  signal.addEventListener('abort', () => {
    card.destroy();
    layer.destroy();
  });
  const pages = new PageAnnotator(
    index,
    marks,
    () => layer.host,
    signal,
    (n) => void send('pageCount', { count: n }),
    settings.value.underlines,
  );
  annotator = pages;
  hover = new HoverIntent(index, card, { dwellMs: settings.value.dwellMs, articleDate: date, pageEntities: () => pages.pageEntities() }, signal);
  session = { stop, card, articleDate: date, index, marks, annotator: pages, hover };
  await pages.start();
}

function end(): void {
  // A run the ending session asked for and never took goes with it.
  takeOver();
  if (!session) return;
  session.stop.abort();
  session = null;
  void send('pageCount', { count: 0 });
}

/** Ask the worker whether Backstory is on here, and start or end the session to match. */
function recheck(): Promise<void> {
  checking = checking.then(async () => {
    const s = await send('contentSettings', {});
    if (!s.ok) return;
    if (!s.value.active) end();
    else if (!session) await start();
  });
  return checking;
}

const tabHandlers: TabHandlers = {
  settingsChanged: () => recheck().then(() => session !== null),
  siteInfo: () => checking.then((): SiteInfo => ({ host: location.hostname, url: location.href, active: session !== null })),
  // Without a session (Backstory off here) these get no answer.
  onThisPage: () => (session ? onThisPage(session.annotator) : undefined),
  reveal: (m) => (session ? Promise.resolve(revealMention(session.index, session.marks, m.entity)) : undefined),
  openAtSelection: () => (session ? Promise.resolve(session.hover.openAtSelection()) : undefined),
  panelRequest: () => (session ? Promise.resolve(panelRequest(session)) : undefined),
};

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (sender.id !== browser.runtime.id) return undefined;
  return receiveTabMessage(tabHandlers, message);
});

/** Firefox's sidebar command: the card the reader is looking at (or looked at last), for the sidebar. */
function panelRequest(s: Session): PanelRequest | null {
  const entity = s.card.takeForPanel();
  if (!entity) return null;
  return { entity, pageEntities: s.annotator.pageEntities().slice(0, CONTENT_CAPS.pageEntities), articleDate: s.articleDate };
}

async function onThisPage(annotator: PageAnnotator): Promise<OnThisPageItem[]> {
  const counts = annotator.counts();
  const keys = [...counts.keys()];
  const reply = await send('entityNames', { keys: keys.slice(0, 500) });
  const names = reply.ok ? reply.value : {};
  return keys.filter((k) => names[k]).map((k) => ({ key: k, name: names[k].name, type: names[k].type, count: counts.get(k) ?? 0 }));
}

// For evaluation tools that attach a debugger (scripts/marks.mjs): the mentions found, as ranges.
// It lives in the content script's isolated world, which page scripts cannot reach.
(globalThis as { __backstoryMentions?: () => Range[] }).__backstoryMentions = () => session?.index.mentions.map((m) => m.range) ?? [];

if (document.documentElement instanceof HTMLHtmlElement && document.body) checking = start();
// Not an HTML page (XML, SVG): no session, so the scope script's entry point goes at once.
else takeOver();
