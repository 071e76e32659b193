/**
 * Every flag value is checked with zod before anything happens, and each message says what to
 * type instead. Commander hands values over as strings; these schemas turn them into numbers,
 * absolute paths and origins.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { normalizeBaseUrl } from '../engine/modellix';
import { CliError } from './exit-codes';

/** A whole number in [min, max], given as a flag value. */
export function intFlag(flag: string, options: { min?: number; max: number; example: number }) {
  const min = options.min ?? 1;
  const range = `a whole number from ${min} to ${options.max}`;
  return z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const n = Number(value);
      if (!/^\d+$/.test(value)) {
        ctx.addIssue({ code: 'custom', message: `${flag} takes ${range}, e.g. ${flag} ${options.example} (got "${value}").` });
      } else if (n < min || n > options.max) {
        ctx.addIssue({ code: 'custom', message: `${flag} must be ${range} (got ${value}).` });
      }
    })
    .transform(Number);
}

function statOf(file: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

/** A path to an existing file, resolved against `cwd`. */
export function existingFile(what: string, cwd: string) {
  return z
    .string()
    .superRefine((value, ctx) => {
      if (value.trim() === '') {
        ctx.addIssue({ code: 'custom', message: `${what} is empty: give the path of a file.` });
        return;
      }
      const full = path.resolve(cwd, value);
      const stat = statOf(full);
      if (!stat) ctx.addIssue({ code: 'custom', message: `${what} ${value} does not exist (looked for ${full}). Check the path.` });
      else if (!stat.isFile()) ctx.addIssue({ code: 'custom', message: `${what} ${value} is not a file (it is a folder). Give the path of a file.` });
    })
    .transform((value) => path.resolve(cwd, value));
}

/** A folder that may not exist yet (it is created), but is not a file. */
export function folderFlag(flag: string, cwd: string) {
  return z
    .string()
    .superRefine((value, ctx) => {
      if (value.trim() === '') {
        ctx.addIssue({ code: 'custom', message: `${flag} is empty: give a folder, e.g. ${flag} ./out.` });
        return;
      }
      const stat = statOf(path.resolve(cwd, value));
      if (stat && !stat.isDirectory()) ctx.addIssue({ code: 'custom', message: `${flag} ${value} is a file, not a folder. Give a folder.` });
    })
    .transform((value) => path.resolve(cwd, value));
}

/** The Modellix base URL: an https origin (plain http only on loopback, for the simulator). */
export function baseUrlFlag(flag: string) {
  return z
    .string()
    .superRefine((value, ctx) => {
      try {
        normalizeBaseUrl(value);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        ctx.addIssue({ code: 'custom', message: `${flag}: ${reason}` });
      }
    })
    .transform((value) => normalizeBaseUrl(value));
}

export const pollFlag = z.enum(['fast', 'modellix'], {
  error: (issue) => `--poll takes "fast" (the simulator) or "modellix" (10 s, backing off to 30 s)${issue.input === undefined ? '' : `, not "${String(issue.input)}"`}.`,
});

export const booleanFlag = z.boolean().optional();

/** Parses commander's option object with a command's schema; throws a CliError listing every problem. */
export function parseOptions<S extends z.ZodType>(schema: S, raw: unknown, command: string): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') return `unknown option${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    return issue.message;
  });
  throw new CliError(`${[...new Set(lines)].map((l) => `error: ${l}`).join('\n')}\nRun \`seedance-flow ${command} --help\` for the options.`);
}
