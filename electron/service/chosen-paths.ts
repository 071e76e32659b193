/**
 * The desktop app's `GraphPaths`: the files the user chose outside the page, for this session.
 * Paths are compared resolved; the service also allows its recent files (see service.ts).
 */
import { resolve } from 'node:path';
import type { GraphPaths } from './ports';

export function createChosenPaths(): GraphPaths {
  const chosen = new Set<string>();
  return {
    allows: (path) => chosen.has(resolve(path)),
    grant: (path) => void chosen.add(resolve(path)),
  };
}
