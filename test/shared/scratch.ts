/**
 * Temporary folders for tests and their fixtures, removed at the end, so a run leaves nothing
 * behind in the system's temp folder (it used to leave thousands of them). Under Vitest they go in
 * the run's folder (BACKSTORY_SCRATCH, test/unit/scratch-setup.ts), removed when the run ends;
 * elsewhere (node --test) each is removed when its process exits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const made: string[] = [];
process.once('exit', () => {
  for (const dir of made) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // A folder still being written by a child process stays; a test run must not fail for it.
    }
  }
});

/** A new empty folder named `backstory-<name>-XXXXXX`. */
export function scratchDir(name: string): string {
  const parent = process.env.BACKSTORY_SCRATCH;
  const dir = mkdtempSync(path.join(parent ?? tmpdir(), `backstory-${name}-`));
  if (!parent) made.push(dir);
  return dir;
}
