import { defineConfig } from 'vitest/config';

// Fast tests only: `npm test`. Slow end-to-end suites live in test/e2e and run with `npm run test:e2e`.
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'scripts/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
