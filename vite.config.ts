import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { asciiContentScript } from './scripts/ascii-content-script.ts';
import { manifestFor, type Target } from './scripts/manifest-for.ts';

// One source manifest, one build per browser: `BACKSTORY_TARGET=firefox vite build`.
const target = (process.env.BACKSTORY_TARGET ?? 'chrome') as Target;

export default defineConfig({
  publicDir: 'extension',
  plugins: [
    preact(),
    crx({
      manifest: manifestFor(target),
      browser: target,
      // Each content script is one self-contained IIFE: no loader chunk, so the manifest needs no
      // web_accessible_resources and a page cannot fingerprint us by fetching our files. The scope
      // script runs first and is dropped after its run (src/content/scope-handoff.ts).
      contentScripts: { injectCss: false, standaloneFiles: ['src/content/scope-run.ts', 'src/content/index.ts'] },
    }),
    // After crx has written the content scripts: their source stays in every page's memory.
    asciiContentScript('src/content/scope-run.js'),
    asciiContentScript('src/content/index.js'),
  ],
  build: {
    outDir: `dist/${target}`,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    modulePreload: false,
    chunkSizeWarningLimit: 800,
    // Pages the manifest does not name: the welcome page a first install opens, and the side panel
    // page (Chrome's side_panel, Firefox's sidebar_action), built like the popup.
    rollupOptions: { input: { welcome: 'src/welcome/index.html', panel: 'src/panel/index.html' } },
  },
  server: { cors: false },
});
