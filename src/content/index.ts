// Content script wiring: settings, mention detection, underlines, hover card, popup requests.
import * as v from 'valibot';
import browser, { type Runtime } from '../shared/browser';
import { type OnThisPageItem, TAB_MESSAGES } from '../shared/messages';
import { send } from '../shared/messaging';
import { CardHost } from './card-host';
import { HoverIntent } from './hover-intent';
import { MarkOverlay } from './mark-overlay';
import { MentionIndex } from './mention-index';
import { PageAnnotator } from './page-annotator';
import { PageLayer } from './page-layer';
import { articleDate } from './page-text';
import { revealMention } from './reveal';

async function main(signal: AbortSignal): Promise<void> {
  // The worker reads the site from the sender's URL, never from this message.
  const settings = await send('contentSettings', {});
  if (!settings.ok || !settings.value.active) return;
  const index = new MentionIndex();
  // The layer goes in before anything is detected, so its presence says nothing about what was found.
  const layer = new PageLayer();
  const marks = new MarkOverlay(layer, settings.value.underline, signal);
  let hover: HoverIntent | null = null;
  const card = new CardHost(layer, (inside) => hover?.setInsideCard(inside));
  signal.addEventListener('abort', () => {
    card.destroy();
    layer.destroy();
  });
  const annotator = new PageAnnotator(index, marks, () => layer.host, signal);
  hover = new HoverIntent(
    index,
    card,
    { dwellMs: settings.value.dwellMs, articleDate: articleDate(document), pageEntities: () => annotator.pageEntities() },
    signal,
  );

  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id || signal.aborted) return undefined;
    if (v.is(TAB_MESSAGES.onThisPage, message)) return onThisPage(annotator);
    if (v.is(TAB_MESSAGES.reveal, message)) return Promise.resolve(revealMention(index, marks, message.entity));
    if (v.is(TAB_MESSAGES.openAtSelection, message)) return Promise.resolve(hover?.openAtSelection() ?? false);
    return undefined;
  });
  await annotator.start();
}

async function onThisPage(annotator: PageAnnotator): Promise<OnThisPageItem[]> {
  const keys = [...annotator.counts.keys()];
  const reply = await send('entityNames', { keys: keys.slice(0, 500) });
  const names = reply.ok ? reply.value : {};
  return keys.filter((k) => names[k]).map((k) => ({ key: k, name: names[k].name, type: names[k].type, count: annotator.counts.get(k) ?? 0 }));
}

const controller = new AbortController();
if (document.documentElement instanceof HTMLHtmlElement && document.body) void main(controller.signal);
