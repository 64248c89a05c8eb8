// @vitest-environment happy-dom
// "Show on page" (revealMention) and the card's theme from the page (cardThemeAt), in happy-dom.
import { describe, expect, it, vi } from 'vitest';
import type { MarkOverlay } from '../../src/content/mark-overlay';
import { MentionIndex } from '../../src/content/mention-index';
import { cardThemeAt } from '../../src/content/page-theme';
import { revealMention } from '../../src/content/reveal';
import { setBody } from './dom-fixtures';

describe('revealMention', () => {
  function page() {
    setBody('<p id="a">Talks with Ada Example began.</p><p id="b">Bo Example left; Ada Example stayed.</p>');
    const index = new MentionIndex();
    const add = (id: string, word: string, entity: string, from = 0) => {
      const node = document.getElementById(id)?.firstChild as Text;
      const r = document.createRange();
      const at = node.data.indexOf(word, from);
      r.setStart(node, at);
      r.setEnd(node, at + word.length);
      return index.add(r, entity);
    };
    const ada = add('a', 'Ada Example', 'p:ada');
    add('b', 'Bo Example', 'p:bo');
    add('b', 'Ada Example', 'p:ada');
    const flashed: Range[] = [];
    const marks = { flash: (r: Range) => flashed.push(r) } as unknown as MarkOverlay;
    const scrolled: Element[] = [];
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
    return { index, marks, flashed, scrolled, ada };
  }

  it('scrolls to the first mention still on the page, selects it and flashes it', () => {
    const { index, marks, flashed, scrolled, ada } = page();
    expect(revealMention(index, marks, 'p:ada')).toBe(true);
    expect(scrolled.map((e) => e.id)).toEqual(['a']);
    expect(document.getSelection()?.toString()).toBe('Ada Example');
    expect(flashed).toEqual([ada.range]);
    document.getElementById('a')?.remove();
    expect(revealMention(index, marks, 'p:ada')).toBe(true);
    expect(scrolled.map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('answers false for a name that is not (or no longer) on the page', () => {
    const { index, marks, flashed } = page();
    expect(revealMention(index, marks, 'p:cy')).toBe(false);
    document.getElementById('b')?.remove();
    expect(revealMention(index, marks, 'p:bo')).toBe(false);
    expect(flashed).toEqual([]);
  });
});

describe('cardThemeAt', () => {
  it('follows the first mostly opaque background behind the name, unless the reader chose', () => {
    setBody(
      '<div id="dark" style="background-color: rgb(20, 20, 24)"><div style="background-color: rgba(255, 255, 255, 0.2)"><p id="in">Ada</p></div></div><p id="plain">Bo</p>',
    );
    const inDark = document.getElementById('in');
    expect(cardThemeAt(inDark, 'auto')).toBe('dark');
    expect(cardThemeAt(inDark, 'light')).toBe('light');
    (document.getElementById('dark') as HTMLElement).style.backgroundColor = 'rgb(250, 245, 230)';
    expect(cardThemeAt(inDark, 'auto')).toBe('light');
    expect(cardThemeAt(document.getElementById('plain'), 'dark')).toBe('dark');
  });

  it('on a transparent page: dark only when the page opts into dark and the system is dark', () => {
    setBody('<p id="plain">Bo</p>');
    const plain = document.getElementById('plain');
    const systemDark = (dark: boolean) =>
      vi.spyOn(window, 'matchMedia').mockImplementation((q: string) => ({ matches: dark && q.includes('dark') }) as MediaQueryList);
    systemDark(true);
    expect(cardThemeAt(plain, 'auto')).toBe('light');
    document.documentElement.style.colorScheme = 'light dark';
    expect(cardThemeAt(plain, 'auto')).toBe('dark');
    systemDark(false);
    expect(cardThemeAt(plain, 'auto')).toBe('light');
    document.documentElement.style.colorScheme = '';
    vi.restoreAllMocks();
  });
});
