// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { collectAll, collectAllSliced, rangeFor, segmentNode } from '../../src/content/page-text';

function page(paragraphs: number): Element[] {
  const parsed = new DOMParser().parseFromString(
    `<body><article>${Array.from({ length: paragraphs }, (_, i) => `<p>Paragraph ${i} of the report, with <b>Name ${i}</b> in it.</p>`).join('')}</article><aside><p>Side note.</p></aside></body>`,
    'text/html',
  );
  document.body.replaceWith(document.importNode(parsed.body, true));
  return [...document.body.children];
}

/** Read `roots` in slices on a clock that advances 1 ms per reading: every step past a 5 ms slice pauses. */
function readTicking(roots: Element[], pause: () => Promise<void>) {
  let clock = 0;
  return collectAllSliced(roots, null, undefined, undefined, { now: () => clock++, sliceMs: 5, pause });
}

describe('collectAllSliced', () => {
  it('reads the same text and node map as collectAll, pausing when a slice is used up', async () => {
    const roots = page(2000);
    const whole = collectAll(roots, null);
    let pauses = 0;
    const sliced = await readTicking(roots, async () => {
      pauses++;
    });
    expect(sliced.text).toBe(whole.text);
    expect(sliced.segments.map((s) => [segmentNode(s), s.at])).toEqual(whole.segments.map((s) => [segmentNode(s), s.at]));
    expect(sliced.text).toContain('Paragraph 1999 of the report');
    expect(sliced.text).toContain('Side note.');
    // 2,000 paragraphs hold 6,000 nodes: more than one step, so the long article was read in slices.
    expect(pauses).toBeGreaterThan(1);
  });

  it('does not pause while the slice lasts', async () => {
    const roots = page(2000);
    let pauses = 0;
    await collectAllSliced(roots, null, undefined, undefined, {
      now: () => 0,
      sliceMs: 30,
      pause: async () => {
        pauses++;
      },
    });
    expect(pauses).toBe(0);
  });

  it('leaves out rejected subtrees and nodes already read', async () => {
    const roots = page(3);
    const first = collectAll(roots, null);
    const already = new WeakSet(first.segments.slice(0, 2).map((s) => segmentNode(s) as Text));
    const sliced = await collectAllSliced(roots, null, (el) => el.tagName === 'ASIDE', already, {
      now: () => 0,
      sliceMs: 30,
      pause: async () => {},
    });
    expect(sliced.text).not.toContain('Side note.');
    expect(sliced.text).not.toContain('Paragraph 0 of');
    expect(sliced.text).toContain('Paragraph 2 of the report');
  });

  it('text the page removes during a pause is not read, without an error, and every segment read still maps', async () => {
    const roots = page(2000);
    let pauses = 0;
    const sliced = await readTicking(roots, async () => {
      // From the second pause on, the page strips the text out of every paragraph while the walk
      // waits, including the node the walk stands on.
      if (++pauses < 2) return;
      for (const p of document.querySelectorAll('p')) for (const c of [...p.childNodes]) if (c.nodeType === Node.TEXT_NODE) c.remove();
    });
    expect(pauses).toBeGreaterThan(1);
    expect(sliced.text).toContain('Paragraph 0 of the report');
    // Every segment can be asked for its text: a range in a node still in the page, or none.
    for (const s of sliced.segments) {
      const range = rangeFor(sliced, s.at, s.at + 1);
      if (range) expect(range.startContainer.isConnected).toBe(true);
    }
  });
});
