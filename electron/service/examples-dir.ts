/** Finds the example pipelines shipped beside the code (templates resolve their media there). */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The nearest `examples/` folder holding `*.seedance.json`, walking up from `start`. */
export function findExamplesDir(start: string): string | null {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'examples');
    if (existsSync(candidate) && readdirSync(candidate).some((f) => f.endsWith('.seedance.json'))) return candidate;
    if (dirname(dir) === dir) return null;
  }
}
