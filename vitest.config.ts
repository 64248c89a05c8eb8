import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Two projects. `middle` is the fast tier: core, the worker on fake-indexeddb, the content script
 * on happy-dom, the CLI on fixtures. `property` holds the two large generated suites (hostile pack
 * text through every UI surface, 10,000+ cases; the search index at 100,000 entities), which take
 * minutes on a small machine. `npm test` runs both, each timed; `npx vitest run` runs both too.
 */
const property = ['test/unit/untrusted-text-render-*.test.ts', 'test/unit/search-index.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    globalSetup: ['test/unit/scratch-setup.ts'],
    projects: [
      // The middle tier shares one module graph per worker (isolate: false): every file builds its own
      // fixtures (a fresh database per test, its own DOM), and it halves the time on two cores.
      { test: { name: 'middle', include: ['test/unit/**/*.test.ts'], exclude: property, environment: 'node', testTimeout: 60_000, isolate: false } },
      // One worker per core. Vitest's default in a run is cores - 1, which on two cores (CI) is one
      // worker: the three files ran one after another while the other core sat idle. (The middle tier
      // keeps the default: with isolate: false its files share a worker's globals, and spread over two
      // workers pack-import.test.ts finds no IndexedDB.)
      // Its own sequence group (after the middle tier), which Vitest requires of projects whose
      // worker counts differ when one command runs both (`npx vitest run`, or files from each).
      {
        test: {
          name: 'property',
          include: property,
          environment: 'node',
          testTimeout: 120_000,
          maxWorkers: availableParallelism(),
          sequence: { groupOrder: 1 },
        },
      },
    ],
    // `npm test` passes --coverage with the middle tier: V8 line coverage of the code it covers.
    coverage: {
      provider: 'v8',
      include: ['src/core/**/*.ts', 'src/background/**/*.ts', 'src/content/**/*.{ts,tsx}'],
      exclude: ['src/core/generated/**'],
      reporter: ['text-summary', ['text', { skipFull: true }]],
      reportsDirectory: '.tmp/coverage',
      // The figures are printed even when a test fails.
      reportOnFailure: true,
    },
  },
});
