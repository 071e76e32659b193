import { defineConfig } from 'vitest/config';

// Slow end-to-end suites: `npm run test:e2e` (CI runs them after the fast tests).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
