/**
 * `npm run bench`: every benchmark, a table each, the targets of issue 9, and the results file.
 *   npm run bench                          full sizes; writes bench/results.json and refreshes
 *                                          the results block of docs/performance.md (--docs)
 *   npm run bench -- --only canvas,engine  some of them (their entries in the file are replaced)
 *   npm run bench:quick                    small sizes, few rounds (CI): bench/results.quick.json
 *   npm run bench -- --profile <dir>       traces and CPU profiles of the canvas instead
 * Exits 1 when a benchmark throws or gives nonsense (NaN, nothing rendered, tasks lost); never
 * because the machine is slow.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleBenchmark } from './bundle';
import { canvasBenchmark } from './canvas';
import { profileCanvas } from './canvas/profile';
import { refreshDocs } from './docs';
import { engineBenchmark } from './engine';
import { parseOptions, UsageError } from './options';
import { planningBenchmark } from './planning';
import { pollingBenchmark } from './polling';
import { machine, merge, readResults, writeResults, type StoredSection } from './results';
import { textTable } from './table';
import type { Benchmark, BenchmarkName, BenchSettings } from './types';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** Run order: the bundle first (it builds the renderer the canvas needs), the canvas last. */
const RUN_ORDER: readonly Benchmark[] = [bundleBenchmark, pollingBenchmark, planningBenchmark, engineBenchmark, canvasBenchmark];

async function main(argv: readonly string[]): Promise<number> {
  let options;
  try {
    options = parseOptions(argv, REPO);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  const settings: BenchSettings = { quick: options.quick, repo: REPO, log: (line) => console.log(`  … ${line}`) };
  if (options.profile) {
    await profileCanvas(REPO, options.profile, options.quick ? 100 : 1000, (line) => console.log(line));
    return 0;
  }
  const command = `npm run ${options.quick ? 'bench:quick' : 'bench'}${argv.filter((a) => a !== '--quick' && a !== '--docs').length > 0 ? ` -- ${argv.filter((a) => a !== '--quick' && a !== '--docs').join(' ')}` : ''}`;
  const done: StoredSection[] = [];
  const failures: string[] = [];
  for (const benchmark of RUN_ORDER.filter((b) => options.only.includes(b.name))) {
    const started = performance.now();
    console.log(`\n== ${benchmark.name}${options.quick ? ' (quick)' : ''}`);
    try {
      const section = await benchmark.run(settings);
      for (const table of section.tables) console.log(`\n${textTable(table)}`);
      const problems = benchmark.problems(section, settings);
      if (problems.length > 0) {
        failures.push(...problems);
        console.log(`\n${benchmark.name}: NONSENSE\n  ${problems.join('\n  ')}`);
      } else {
        done.push({ ...section, measuredAt: new Date().toISOString(), command, quick: options.quick, machine: machine() });
      }
    } catch (error) {
      const message = `${benchmark.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
      failures.push(message);
      console.log(`\n${message}`);
    }
    console.log(`(${benchmark.name}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }

  const targets = done.flatMap((s) => s.targets);
  if (targets.length > 0) {
    console.log(`\n${textTable({ title: 'Targets of issue 9', head: ['target', 'wanted', 'measured', 'verdict'], rows: targets.map((t) => [t.what, t.target, t.measured, t.met ? 'met' : 'MISSED']) })}`);
  }
  if (done.length > 0) {
    const results = merge(await readResults(options.out), done);
    await writeResults(options.out, results);
    console.log(`\nWrote ${path.relative(process.cwd(), options.out) || options.out} (${done.map((s) => s.name).join(', ')}).`);
    if (options.docs) {
      await refreshDocs(path.join(REPO, 'docs/performance.md'), results);
      console.log('Refreshed the results in docs/performance.md.');
    }
  }
  if (failures.length > 0) {
    const failed = new Set<BenchmarkName>(options.only.filter((n) => !done.some((s) => s.name === n)));
    console.error(`\nbench: ${[...failed].join(', ')} did not give a sound result.`);
    return 1;
  }
  return 0;
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
// Everything is closed by now; should a handle still hold the process, CI must not hang on it.
setTimeout(() => {
  console.error('bench: something was left open; exiting anyway.');
  process.exit(code);
}, 10_000).unref();
