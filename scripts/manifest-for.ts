import baseManifest from '../manifest.json' with { type: 'json' };
import { firefoxManifest } from './manifest-firefox.ts';

export type Target = 'chrome' | 'firefox';

// manifest.json is written for Chrome; every other browser's differences live in
// scripts/manifest-<browser>.ts.
// biome-ignore lint/suspicious/noExplicitAny: the plugin's manifest type is narrower than Chrome's own.
export function manifestFor(target: Target): any {
  const manifest = structuredClone(baseManifest) as Record<string, unknown>;
  return target === 'firefox' ? firefoxManifest(manifest) : manifest;
}
