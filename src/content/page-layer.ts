/**
 * The one element Backstory adds to a page: a plain `<div>` with no attributes, a closed shadow
 * root, fixed over the viewport with `pointer-events: none` and full containment. Underlines and
 * the card are drawn inside it, so the page sees the same element, the same size and the same
 * styles whether or not any name was found; what is drawn inside cannot be read from the page.
 *
 * It is added once, as soon as Backstory is active on the page (before any detection), and stays
 * until the content script stops.
 */

import tokensCss from '../ui/tokens.css?inline';

/**
 * Inner-context `!important` rules win over every rule the page writes for the host (even its own
 * `!important` ones), so no page stylesheet can move, show, size or hide the layer.
 */
const LAYER_CSS = `
:host {
  all: initial !important;
  display: block !important;
  position: fixed !important;
  inset: 0 !important;
  width: auto !important;
  height: auto !important;
  margin: 0 !important;
  padding: 0 !important;
  border: 0 !important;
  z-index: 2147483647 !important;
  pointer-events: none !important;
  contain: strict !important;
  overflow: clip !important;
  visibility: visible !important;
  opacity: 1 !important;
  transform: none !important;
}
`;

export class PageLayer {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;

  constructor() {
    this.host = document.createElement('div');
    this.root = this.host.attachShadow({ mode: 'closed' });
    // The UI tokens first (colours of marks and card), then the host rules that nothing overrides.
    this.adopt(tokensCss);
    this.adopt(LAYER_CSS);
    this.attach();
  }

  /** Add a stylesheet to the shadow root (never to the document). */
  adopt(css: string): void {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    this.root.adoptedStyleSheets = [...this.root.adoptedStyleSheets, sheet];
  }

  /** Put the host back if the page removed it (a framework re-rendering `<html>`, say). */
  attach(): void {
    if (!this.host.isConnected) document.documentElement.append(this.host);
  }

  contains(node: Node | null): boolean {
    return node === this.host || (node !== null && this.root.contains(node));
  }

  destroy(): void {
    this.host.remove();
  }
}
