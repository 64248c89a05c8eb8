// Content script wiring: settings, mention detection, highlights, hover card, popup requests.
import * as v from 'valibot';
import browser, { type Runtime } from '../shared/browser';
import { CONTENT_CAPS, type OnThisPageItem, TAB_MESSAGES } from '../shared/messages';
import { send } from '../shared/messaging';
import { CardHost } from './card-host';
import { MentionHighlights } from './highlights';
import { HoverIntent } from './hover-intent';
import { MentionIndex } from './mention-index';
import { PageAnnotator } from './page-annotator';
import { articleDate } from './page-text';
import { revealMention } from './reveal';

async function main(signal: AbortSignal): Promise<void> {
  const settings = await send('contentSettings', { host: location.hostname });
  if (!settings.ok || !settings.value.active) return;
  const index = new MentionIndex();
  const highlights = new MentionHighlights(settings.value.underlines !== 'none');
  signal.addEventListener('abort', () => highlights.destroy());
  let hover: HoverIntent | null = null;
  const date = articleDate(document);
  let annotator: PageAnnotator | null = null;
  const card = new CardHost((inside) => hover?.setInsideCard(inside), {
    theme: settings.value.cardTheme,
    onFullBackstory: (entity) =>
      void send('openPanel', { entity, pageEntities: annotator?.pageEntities().slice(0, CONTENT_CAPS.pageEntities), articleDate: date }),
  });
  signal.addEventListener('abort', () => card.destroy());
  const pages = new PageAnnotator(index, highlights, () => card.host, signal, settings.value.underlines);
  annotator = pages;
  hover = new HoverIntent(index, card, { dwellMs: settings.value.dwellMs, articleDate: date, pageEntities: () => pages.pageEntities() }, signal);

  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id || signal.aborted) return undefined;
    if (v.is(TAB_MESSAGES.onThisPage, message)) return onThisPage(pages);
    if (v.is(TAB_MESSAGES.reveal, message)) return Promise.resolve(revealMention(index, message.entity));
    if (v.is(TAB_MESSAGES.openAtSelection, message)) return Promise.resolve(hover?.openAtSelection() ?? false);
    return undefined;
  });
  await pages.start();
}

async function onThisPage(annotator: PageAnnotator): Promise<OnThisPageItem[]> {
  const keys = [...annotator.counts.keys()];
  const reply = await send('entityNames', { keys: keys.slice(0, 500) });
  const names = reply.ok ? reply.value : {};
  return keys.filter((k) => names[k]).map((k) => ({ key: k, name: names[k].name, type: names[k].type, count: annotator.counts.get(k) ?? 0 }));
}

const controller = new AbortController();
if (document.documentElement instanceof HTMLHtmlElement && document.body) void main(controller.signal);
