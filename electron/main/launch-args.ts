/**
 * A graph file named on the command line (`seedance-flow-desktop my.seedance.json`, or a file the
 * OS opens with the app). Only existing `.json` files count; switches and Chromium's own
 * arguments are ignored.
 */
import { statSync } from 'node:fs';
import { extname, resolve } from 'node:path';

export function graphPathFromArgv(args: readonly string[], workingDirectory: string, exists: (path: string) => boolean = isFile): string | undefined {
  for (let i = args.length - 1; i >= 0; i--) {
    const arg = args[i];
    if (!arg || arg.startsWith('-') || extname(arg).toLowerCase() !== '.json') continue;
    const path = resolve(workingDirectory, arg);
    if (exists(path)) return path;
  }
  return undefined;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** What a second instance hands the first (`requestSingleInstanceLock(additionalData)`). */
export interface SecondInstanceData {
  graphPath?: string;
}

export function graphPathFromInstanceData(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const path = (data as SecondInstanceData).graphPath;
  return typeof path === 'string' && path.length > 0 && path.length <= 4096 ? path : undefined;
}
