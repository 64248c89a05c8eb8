// Vitest global setup: one temporary folder for the whole run, which test/shared/scratch.ts puts
// every scratch folder in, removed when the run ends (Vitest's workers end without an 'exit' event).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), 'backstory-unit-'));
  process.env.BACKSTORY_SCRATCH = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
