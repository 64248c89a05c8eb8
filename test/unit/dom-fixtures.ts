/** Fixture pages for happy-dom tests, parsed as a browser parses a page (our own markup, not pack text). */
export function setBody(html: string): HTMLElement {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  document.body.replaceWith(document.importNode(parsed.body, true));
  return document.body;
}

/** The body's content replaced in place (the body element stays, with its observers), as a single-page app does. */
export function replaceBodyContent(html: string): void {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  document.body.replaceChildren(...document.importNode(parsed.body, true).childNodes);
}

export function setHead(html: string): void {
  const parsed = new DOMParser().parseFromString(`<head>${html}</head><body></body>`, 'text/html');
  document.head.replaceWith(document.importNode(parsed.head, true));
}
