/**
 * `simulate --fault NAME[:COUNT]` flags, mapped onto the simulator's zod fault options. Without a
 * count a fault stays on for every request; with one it is used up one request at a time.
 */
import type { FaultsInput } from '../engine/simulator';
import { faultsSchema } from '../engine/simulator';

type Maker = (count: number | undefined) => FaultsInput;

const withCount = (count: number | undefined) => (count === undefined ? {} : { count });

const FAULTS: Readonly<Record<string, { help: string; make: Maker }>> = {
  'rate-limit': { help: '429 answers (Retry-After: 1)', make: (n) => ({ rateLimit: withCount(n) }) },
  'server-error': { help: '500 answers', make: (n) => ({ serverError: withCount(n) }) },
  'drop-after': { help: 'submits whose connection drops after the task was created (never re-sent)', make: (n) => ({ dropSubmit: { ...withCount(n), when: 'after-create' } }) },
  'drop-before': { help: 'submits whose connection drops before the task exists', make: (n) => ({ dropSubmit: { ...withCount(n), when: 'before-create' } }) },
  fail: { help: 'tasks that end failed (a moderation refusal)', make: (n) => ({ failTasks: withCount(n) }) },
  'slow-download': { help: 'result downloads at 64 KB/s', make: (n) => ({ slowDownloads: { ...withCount(n), bytesPerSecond: 64 * 1024 } }) },
  'truncate-download': { help: 'result downloads cut off halfway (the full Content-Length announced)', make: (n) => ({ truncateDownloads: withCount(n) }) },
  'cut-download': { help: 'result downloads cut off halfway with no Content-Length (the cut looks like the end)', make: (n) => ({ truncateDownloads: { ...withCount(n), announce: 'none' } }) },
  'expired-result': { help: 'result URLs that answer 404, as expired ones do', make: (n) => ({ expiredResults: withCount(n) }) },
};

export function faultHelp(): string {
  const width = Math.max(...Object.keys(FAULTS).map((k) => k.length));
  return Object.entries(FAULTS)
    .map(([name, f]) => `  ${name.padEnd(width)}  ${f.help}`)
    .join('\n');
}

export type FaultParse = { ok: true; faults: FaultsInput } | { ok: false; errors: string[] };

/** Turns repeated `--fault` values into the simulator's fault options; every bad value is reported. */
export function parseFaults(specs: readonly string[]): FaultParse {
  const errors: string[] = [];
  let faults: FaultsInput = {};
  const seen = new Set<string>();
  for (const spec of specs) {
    const match = /^([a-z-]+)(?::(\d+))?$/.exec(spec.trim());
    const fault = match ? FAULTS[match[1] ?? ''] : undefined;
    if (!match || !fault) {
      errors.push(`--fault "${spec}" is not a fault. Use NAME or NAME:COUNT with NAME one of ${Object.keys(FAULTS).join(', ')} (e.g. --fault rate-limit:3).`);
      continue;
    }
    const name = match[1] as string;
    const made = fault.make(match[2] === undefined ? undefined : Number(match[2]));
    const key = Object.keys(made)[0] as string;
    if (seen.has(key)) {
      errors.push(`--fault ${name}: that kind of fault is given twice; give it once.`);
      continue;
    }
    seen.add(key);
    faults = { ...faults, ...made };
  }
  if (errors.length === 0) {
    const checked = faultsSchema.safeParse(faults);
    if (!checked.success) errors.push(...checked.error.issues.map((i) => `--fault: ${i.path.join('.')} ${i.message}`));
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, faults };
}
