#!/usr/bin/env node
// seedance-flow: runs the built CLI (out/cli/index.js, from `vite build -c vite.cli.config.ts`)
// when it exists; otherwise the TypeScript source through tsx, so `npx seedance-flow` works in a
// fresh checkout without a build.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../out/cli/index.js', import.meta.url);

if (existsSync(fileURLToPath(built))) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../electron/cli/main.ts', import.meta.url).href);
}
