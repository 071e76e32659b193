#!/usr/bin/env node
// seedance-flow: runs the built CLI (out/cli/index.js, from `npm run build`) when it is up to date;
// in a checkout whose TypeScript sources are newer than the build (or with no build at all), it
// runs the sources through tsx, so `npx seedance-flow` always runs the code you are looking at.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../out/cli/index.js', import.meta.url));
const sourceDirs = ['../electron', '../shared'].map((dir) => fileURLToPath(new URL(dir, import.meta.url)));

/** The newest modification time of the CLI's TypeScript sources, or 0 when there are none. */
function newestSource() {
  let newest = 0;
  for (const dir of sourceDirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir, { recursive: true })) {
      if (typeof name === 'string' && name.endsWith('.ts')) newest = Math.max(newest, statSync(`${dir}/${name}`).mtimeMs);
    }
  }
  return newest;
}

if (existsSync(built) && statSync(built).mtimeMs >= newestSource()) {
  await import(new URL('../out/cli/index.js', import.meta.url).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../electron/cli/main.ts', import.meta.url).href);
}
