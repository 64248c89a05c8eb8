/**
 * Matcher throughput on the article's text in Node (the same V8 and the same code the worker runs
 * for a `detect` message: tokenize, scan, resolve) against one plain `indexOf` pass over the text.
 */
import { readFileSync } from 'node:fs';
import { Matcher, type MatcherEntityInput } from '../../src/core/matcher';
import { tokenize } from '../../src/core/normalize';
import type { Pack } from '../../src/core/pack-format';
import { resolveMentions } from '../../src/core/resolve-references';
import { median } from './stats';

export function scanBench(
  packFile: string,
  articleFile: string,
  lastMention: string,
): { scanMBs: number; indexOfMBs: number; mentions: number; buildMs: number; reloadMs: number; snapshotMB: number } {
  const pack = JSON.parse(readFileSync(packFile, 'utf8')) as Pack;
  const inputs: MatcherEntityInput[] = pack.entities.map((e) => ({
    key: `${pack.id}:${e.id}`,
    name: e.name,
    type: e.type,
    aliases: (e.aliases ?? []).map((a) => (typeof a === 'string' ? { text: a } : a)),
    prominence: e.prominence,
  }));
  let t = performance.now();
  const built = Matcher.build(inputs);
  const buildMs = performance.now() - t;
  const snap = built.toSnapshot();
  const reloads: number[] = [];
  let matcher = built;
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    matcher = Matcher.fromSnapshot(snap) as Matcher;
    reloads.push(performance.now() - t);
  }
  const html = readFileSync(articleFile, 'utf8');
  const text = html
    .replace(/<[^>]+>/g, '\n')
    .replace(/&lt;/g, '<')
    .replace(/&amp;/g, '&');
  const mb = text.length / 1024 / 1024;
  const scans: number[] = [];
  let mentions = 0;
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    const tokens = tokenize(text);
    mentions = resolveMentions(tokens, matcher.scan(tokens), matcher, { seen: [], unknown: [] }).mentions.length;
    scans.push(performance.now() - t);
  }
  const plain: number[] = [];
  for (let i = 0; i < 20; i++) {
    t = performance.now();
    // The last mention sits near the end, so the pass reads (almost) the whole text.
    if (text.indexOf(lastMention) < text.length / 2) throw new Error('the last mention is not near the end');
    plain.push(performance.now() - t);
  }
  return {
    scanMBs: mb / (median(scans) / 1000),
    indexOfMBs: mb / (Math.max(0.001, median(plain)) / 1000),
    mentions,
    buildMs,
    reloadMs: median(reloads),
    snapshotMB: snap.byteLength / 1024 / 1024,
  };
}
