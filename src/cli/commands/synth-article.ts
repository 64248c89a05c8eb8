import { readFileSync, writeFileSync } from 'node:fs';
import type { Pack } from '../../core/pack-format';
import type { Command } from './index';
import { fillerSentence, flags, rng } from './synth-words';

export interface ArticleMention {
  /** The text written in the article (an entity's full name). */
  text: string;
  entity: string;
  /** Which occurrence of `text` in the page's body text this is (1-based). */
  nth: number;
}

/**
 * A long news-like page (about `chars` characters of prose in paragraphs) naming `mentions`
 * entities of the pack by their full names, spread evenly, the last one in the final paragraph.
 * Only names no other entity shares are used, so every mention has exactly one right card.
 */
export function synthArticle(pack: Pack, opts: { chars: number; mentions: number; seed: number }): { html: string; mentions: ArticleMention[] } {
  const r = rng(opts.seed);
  const count = new Map<string, number>();
  const bump = (s: string) => count.set(s.toLowerCase(), (count.get(s.toLowerCase()) ?? 0) + 1);
  for (const e of pack.entities) {
    bump(e.name);
    for (const a of e.aliases ?? []) bump(typeof a === 'string' ? a : a.text);
  }
  const candidates = pack.entities.filter((e) => count.get(e.name.toLowerCase()) === 1 && e.name.includes(' ') && e.type !== 'event');
  if (!candidates.length) throw new Error('the pack has no entity with a unique multi-word name');
  const mentions: ArticleMention[] = [];
  const seenText = new Map<string, number>();
  const paragraphs: string[] = [];
  let chars = 0;
  const perMention = opts.chars / Math.max(1, opts.mentions);
  let nextMentionAt = perMention / 2;
  const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  while (chars < opts.chars) {
    const sentences: string[] = [];
    const target = 400 + Math.floor(r() * 800);
    let p = 0;
    while (p < target) {
      let s = fillerSentence(r);
      if (chars + p >= nextMentionAt && mentions.length < opts.mentions) {
        const e = candidates[Math.floor(r() * candidates.length)];
        const nth = (seenText.get(e.name) ?? 0) + 1;
        seenText.set(e.name, nth);
        mentions.push({ text: e.name, entity: `${pack.id}:${e.id}`, nth });
        // Mid-sentence, after a comma: a name, not a sentence start.
        s = `${s.slice(0, -1)}, said ${e.name} on the record.`;
        nextMentionAt += perMention;
      }
      sentences.push(s);
      p += s.length + 1;
    }
    paragraphs.push(`<p>${escapeHtml(sentences.join(' '))}</p>`);
    chars += p;
  }
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Synthetic long article</title>
<meta property="article:published_time" content="2025-01-02T00:00:00Z"></head>
<body><header><h1>A very long synthetic report</h1></header>
<article>
${paragraphs.join('\n')}
</article>
</body></html>
`;
  return { html, mentions };
}

export const synthArticleCommand: Command = {
  summary: 'synth-article --pack FILE --out FILE.html [--chars N --mentions M] — a long page naming pack entities',
  async run(args) {
    const f = flags(args);
    if (!f.pack || !f.out) throw new Error('usage: synth-article --pack FILE --out FILE.html [--chars 1000000] [--mentions 300] [--seed 1]');
    const pack = JSON.parse(readFileSync(f.pack, 'utf8')) as Pack;
    const { html, mentions } = synthArticle(pack, {
      chars: Number(f.chars ?? 1_000_000),
      mentions: Number(f.mentions ?? 300),
      seed: Number(f.seed ?? 1),
    });
    writeFileSync(f.out, html);
    // Which names the page mentions, and where: the bench hovers the last one.
    writeFileSync(`${f.out}.mentions.json`, JSON.stringify(mentions, null, 1));
    console.log(`${f.out}: ${(html.length / 1024 / 1024).toFixed(2)} MB, ${mentions.length} mentions (list in ${f.out}.mentions.json)`);
    return 0;
  },
};
