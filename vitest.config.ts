import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // `npm test` passes --coverage: V8 line coverage of the code the middle tier covers.
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
