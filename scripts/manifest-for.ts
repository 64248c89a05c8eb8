import baseManifest from '../manifest.json' with { type: 'json' };

export type Target = 'chrome' | 'firefox';

// Browser differences in the manifest live here, named per browser.
// biome-ignore lint/suspicious/noExplicitAny: the plugin's manifest type is narrower than Chrome's own.
export function manifestFor(target: Target): any {
  const manifest = structuredClone(baseManifest) as Record<string, unknown>;
  if (target === 'firefox') {
    manifest.background = { scripts: ['src/background/index.ts'], type: 'module' };
    manifest.browser_specific_settings = {
      gecko: { id: 'backstory@backstory.example', strict_min_version: '128.0' },
    };
    delete manifest.minimum_chrome_version;
  }
  return manifest;
}
