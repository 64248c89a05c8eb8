/**
 * What "pack text is never code" means for a rendered DOM, as checks a test can run on any root:
 * only the elements our components write, no event-handler attributes, links only to http(s),
 * no bidi controls in the visible text, and no script ran (a canary global stays unset).
 */
import fc from 'fast-check';

/** Every tag our popup, options and card components write (JSX tags plus inline SVG). */
export const OUR_TAGS = new Set(
  'a article blockquote button circle code dd details div dl dt figcaption figure footer form h1 h2 h3 h4 header img input label li main ol option output p path pre progress rect section select span strong style summary svg textarea time ul'.split(
    ' ',
  ),
);

/** Attributes that make the browser fetch or navigate. */
const URL_ATTRS = ['href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'poster', 'background', 'ping', 'data', 'srcdoc'];
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
export const CANARY = '__backstoryPwned';

/** All elements under a root, descending into open shadow roots (the popup renders the card in one). */
export function allElements(root: ParentNode): Element[] {
  const out: Element[] = [];
  const visit = (node: ParentNode) => {
    for (const el of Array.from(node.querySelectorAll('*'))) {
      out.push(el);
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(root);
  return out;
}

/** Visible text under a root, shadow roots included, without <style> contents. */
export function visibleText(root: ParentNode): string {
  let s = '';
  const walk = (n: Node) => {
    if (n.nodeType === 3) s += (n as Text).data;
    if (n.nodeType === 1 && (n as Element).tagName.toLowerCase() === 'style') return;
    const shadow = (n as Element).shadowRoot;
    if (shadow) for (const c of Array.from(shadow.childNodes)) walk(c);
    for (const c of Array.from(n.childNodes)) walk(c);
  };
  for (const c of Array.from((root as Node).childNodes)) walk(c);
  return s;
}

/** Problems found (empty when the DOM is safe). */
export function unsafeDom(root: ParentNode): string[] {
  const problems: string[] = [];
  for (const el of allElements(root)) {
    const tag = el.tagName.toLowerCase();
    if (!OUR_TAGS.has(tag)) problems.push(`foreign element <${tag}>`);
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) problems.push(`event handler attribute ${name} on <${tag}>`);
      if (!URL_ATTRS.includes(name)) continue;
      const value = attr.value;
      if (tag === 'img' && name === 'src' && /^\/icons\/icon-\d+\.png$/.test(value)) continue;
      if (name !== 'href' || tag !== 'a') {
        problems.push(`URL attribute ${name}="${value.slice(0, 60)}" on <${tag}>`);
        continue;
      }
      let ok = false;
      try {
        const u = new URL(value);
        ok = (u.protocol === 'http:' || u.protocol === 'https:') && u.href === value;
      } catch {
        ok = false;
      }
      if (!ok) problems.push(`non-http(s) link ${value.slice(0, 60)}`);
    }
  }
  if (BIDI.test(visibleText(root))) problems.push('bidi control character in visible text');
  if ((globalThis as Record<string, unknown>)[CANARY] !== undefined) problems.push('a script ran (canary set)');
  return problems;
}

const run = `globalThis.${CANARY}=1`;
/** Fragments that would be code, markup or a spoof if anything treated text as HTML or a URL. */
export const HOSTILE = [
  `<img src=x onerror="${run}">`,
  `<script>${run}</script>`,
  `<svg onload="${run}"></svg>`,
  `"><iframe srcdoc="<script>${run}</script>"></iframe>`,
  `<a href="javascript:${run}">click</a>`,
  `javascript:${run}`,
  ` JaVaScRiPt:${run}`,
  `java\tscript:${run}`,
  `data:text/html,<script>${run}</script>`,
  `data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+`,
  'vbscript:msgbox(1)',
  '</style><script>1</script>',
  '<style>*{display:none!important}</style>',
  '{{constructor.constructor("return this")()}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder as literal text is the point
  '${globalThis}',
  '&lt;b&gt;&amp;',
  '\u202Egnp.exe',
  '\u2066\u2067evil\u2069',
  '\u200F\u061C\u200E',
  '<!--',
  ']]>',
  '\u0000',
  '\uD800',
];

export const hostileText = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
    {
      weight: 3,
      arbitrary: fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'grapheme', maxLength: 20 })), { maxLength: 6 }).map((a) => a.join('')),
    },
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE).chain((h) => fc.integer({ min: 100, max: 400 }).map((n) => h.repeat(n))) },
  );

export const hostileUrl = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(
      `javascript:${run}`,
      ` javascript:${run}`,
      `JAVASCRIPT:${run}`,
      `java\nscript:${run}`,
      `data:text/html,<script>${run}</script>`,
      'data:,hello',
      'vbscript:1',
      '//evil.example/x',
      '/relative',
      'https:evil.example',
      'http://',
      'blob:https://evil.example/x',
      'file:///etc/passwd',
      'chrome-extension://abc/manifest.json',
      'https://en.wikipedia.org/wiki/Torkham',
    ),
    fc.webUrl(),
    hostileText(),
  );
