// The privacy policy as one of the extension's own pages: docs/privacy.md rendered to privacy.html
// (with `marked`, a maintained CommonMark + GFM renderer: the policy has tables and code spans),
// styled by the UI tokens and src/ui/document.css. It ships inside the extension, so the link on
// the options and welcome pages works offline and shows the policy of the version installed.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { marked } from 'marked';

const ROOT = path.resolve(import.meta.dirname, '..');
const read = (p) => readFileSync(path.join(ROOT, p), 'utf8');

/** Write privacy.html and privacy.css into a built extension folder. */
export function writePrivacyPage(outDir) {
  const source = read('docs/privacy.md');
  const title = /^#\s+(.+)$/m.exec(source)?.[1] ?? 'Privacy';
  const body = marked.parse(source, { gfm: true, async: false });
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;'))}</title>
<link rel="stylesheet" href="privacy.css">
</head>
<body>
<main class="document">
${body}</main>
</body>
</html>
`;
  writeFileSync(path.join(outDir, 'privacy.html'), html);
  writeFileSync(path.join(outDir, 'privacy.css'), `${read('src/ui/tokens.css')}\n${read('src/ui/document.css')}`);
}
