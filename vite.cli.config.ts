/**
 * Builds the `seedance-flow` command: electron/cli/main.ts -> out/cli/index.js, one ES module for
 * Node 20. Node built-ins and the package's dependencies stay external (loaded from
 * node_modules at run time); only our own source is bundled.
 *
 *   npx vite build -c vite.cli.config.ts
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  dependencies?: Record<string, string>;
};
const dependencies = Object.keys(pkg.dependencies ?? {});
const escape = (name: string) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export default defineConfig({
  root,
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: 'electron/cli/main.ts',
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    copyPublicDir: false,
    reportCompressedSize: false,
    rolldownOptions: {
      external: [
        /^node:/,
        ...builtinModules,
        ...dependencies.map((name) => new RegExp(`^${escape(name)}(/.*)?$`)),
      ],
      output: { format: 'es', entryFileNames: 'index.js' },
    },
  },
  ssr: { target: 'node' },
});
