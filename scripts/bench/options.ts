/** The bench's command line: `--quick`, `--only canvas,engine`, `--out <file>`, `--docs`. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BENCHMARKS, type BenchmarkName } from './types';

export interface BenchOptions {
  quick: boolean;
  only: BenchmarkName[];
  /** The results file (absolute). */
  out: string;
  /** Rewrite the results block of docs/performance.md from the results file. */
  docs: boolean;
  /** Instead of measuring: traces and CPU profiles of the canvas into this folder (absolute). */
  profile?: string;
}

export const USAGE = `usage: npm run bench [-- --only ${BENCHMARKS.join(',')}]   (full run: writes bench/results.json and refreshes docs/performance.md)
       npm run bench:quick                                (small sizes, few rounds: the CI check; writes bench/results.quick.json)
       npm run bench -- --profile <dir>                   (traces and CPU profiles of the canvas, for finding what is slow)
options: --quick  --only <names>  --out <file>  --docs  --profile <dir>`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseOptions(argv: readonly string[], repo: string): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        quick: { type: 'boolean', default: false },
        only: { type: 'string' },
        out: { type: 'string' },
        docs: { type: 'boolean', default: false },
        profile: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const names = values.only === undefined ? [...BENCHMARKS] : values.only.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(BENCHMARKS as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) throw new UsageError(`--only takes ${BENCHMARKS.join(', ')}; not ${unknown.join(', ') || 'nothing'}.\n${USAGE}`);
  if (values.quick && values.docs) throw new UsageError('--docs quotes full results only: leave out --quick.');
  if (values.profile !== undefined && (values.docs || values.only !== undefined || values.out !== undefined)) {
    throw new UsageError('--profile measures nothing: it goes with --quick at most.');
  }
  const only = BENCHMARKS.filter((b) => names.includes(b));
  const out = path.resolve(repo, values.out ?? (values.quick ? 'bench/results.quick.json' : 'bench/results.json'));
  return { quick: values.quick, only, out, docs: values.docs, ...(values.profile !== undefined ? { profile: path.resolve(repo, values.profile) } : {}) };
}
