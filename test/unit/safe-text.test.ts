import { describe, expect, it } from 'vitest';
import { clip, isolateBidi, safeHttpUrl } from '../../src/core/safe-text';

describe('safeHttpUrl', () => {
  it('accepts http and https URLs', () => {
    expect(safeHttpUrl('https://example.com/a?b=1#c')).toBe('https://example.com/a?b=1#c');
    expect(safeHttpUrl('http://example.com')).toBe('http://example.com/');
    expect(safeHttpUrl('HTTPS://Example.COM/x')).toBe('https://example.com/x');
  });
  it('rejects other schemes, relative and malformed URLs', () => {
    for (const bad of [
      undefined,
      '',
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
      'file:///etc/passwd',
      'ftp://example.com',
      'chrome-extension://abc/page.html',
      '/relative/path',
      '//example.com/protocol-relative',
      'example.com',
      'http://',
      'https://exa mple.com',
    ]) {
      expect(safeHttpUrl(bad), String(bad)).toBeNull();
    }
  });
});

describe('isolateBidi', () => {
  it('strips every bidirectional control character', () => {
    const controls = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
    for (const c of controls) expect(isolateBidi(`a${c}b`)).toBe('ab');
    expect(isolateBidi(`evil\u202Etxt.exe\u202C name`)).toBe('eviltxt.exe name');
  });
  it('keeps ordinary and right-to-left text', () => {
    expect(isolateBidi('Imran Khan — عمران خان')).toBe('Imran Khan — عمران خان');
    expect(isolateBidi('zero\u200Bwidth joiner\u200D ok')).toBe('zero\u200Bwidth joiner\u200D ok');
    expect(isolateBidi('')).toBe('');
  });
});

describe('clip', () => {
  it('leaves short text alone', () => {
    expect(clip('hello', 5)).toBe('hello');
    expect(clip('', 3)).toBe('');
  });
  it('shortens to at most max characters with an ellipsis', () => {
    expect(clip('hello world', 8)).toBe('hello w…');
    expect(clip('hello world', 8).length).toBeLessThanOrEqual(8);
    expect(clip('hello world', 7)).toBe('hello…');
    expect(clip('hello', 1)).toBe('…');
    expect(clip('hello', 0)).toBe('');
  });
  it('never splits a surrogate pair', () => {
    const s = 'ab😀cd';
    const out = clip(s, 4);
    expect(out).toBe('ab…');
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(out)).toBe(false);
    expect(clip(s, 5)).toBe('ab😀…');
  });
});
