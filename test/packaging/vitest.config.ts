import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The packaging check (`npm run test:package`, run by CI after the fast tests): builds the app,
// packs it with electron-builder --dir against a stand-in Electron folder, and inspects app.asar.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/packaging/**/*.test.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
