/**
 * The engine's own cost: N tasks through the runner against the simulator at zero processing
 * time, next to a plain fetch loop making the same HTTP calls at the same concurrency. Each client
 * runs in a fresh process (its CPU and memory alone) against a fresh simulator in this one;
 * rounds alternate which goes first, and the figures are medians over rounds.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSimulator, type SimulatorStats } from '../../../electron/engine/simulator';
import { Expect, figureProblems } from '../checks';
import { fmt, median, ratio } from '../stats';
import type { Benchmark, BenchSettings, Section } from '../types';
import type { ClientMode, ClientReport } from './client-process';
import { BENCH_API_KEY } from './tasks';

export interface EngineRound {
  report: ClientReport;
  sim: Pick<SimulatorStats, 'polls' | 'downloads'> & { submits: number; duplicates: number };
}

function runClient(repo: string, input: { mode: ClientMode; tasks: number; concurrency: number; baseUrl: string; dir: string }): Promise<ClientReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repo, 'scripts/bench/engine/client-process.ts'), JSON.stringify(input)], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`the ${input.mode} client exited with ${code}: ${err.trim().split('\n').slice(-5).join(' / ')}`));
      try {
        resolve(JSON.parse(last) as ClientReport);
      } catch {
        reject(new Error(`the ${input.mode} client printed no report: ${last.slice(0, 200)}`));
      }
    });
  });
}

async function oneRound(settings: BenchSettings, mode: ClientMode, tasks: number, concurrency: number): Promise<EngineRound> {
  const dir = await mkdtemp(path.join(tmpdir(), `sf-bench-engine-${mode}-`));
  const sim = await startSimulator({ apiKeys: [BENCH_API_KEY], processingMs: 0 });
  try {
    const report = await runClient(settings.repo, { mode, tasks, concurrency, baseUrl: sim.url, dir });
    const stats = sim.stats;
    return { report, sim: { submits: stats.submits.total, duplicates: stats.submits.duplicates.length, polls: stats.polls, downloads: stats.downloads } };
  } finally {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export const engineBenchmark: Benchmark = {
  name: 'engine',
  async run(settings) {
    const tasks = settings.quick ? 100 : 1000;
    const rounds = settings.quick ? 1 : 3;
    const concurrency = 16;
    const samples: Record<ClientMode, EngineRound[]> = { runner: [], fetch: [] };
    for (let r = 0; r < rounds; r++) {
      for (const mode of (r % 2 === 0 ? ['runner', 'fetch'] : ['fetch', 'runner']) as ClientMode[]) {
        settings.log(`engine: round ${r + 1}/${rounds}, ${mode}, ${tasks} tasks`);
        samples[mode].push(await oneRound(settings, mode, tasks, concurrency));
      }
    }
    const figures: Record<string, number> = { tasks, rounds, concurrency };
    for (const mode of ['runner', 'fetch'] as const) {
      const of = (pick: (s: EngineRound) => number) => median(samples[mode].map(pick));
      Object.assign(figures, {
        [`${mode}.succeeded`]: Math.min(...samples[mode].map((s) => s.report.succeeded)),
        [`${mode}.tasksPerS`]: of((s) => (s.report.tasks / s.report.wallMs) * 1000),
        [`${mode}.cpuMsPerTask`]: of((s) => s.report.cpuMs / s.report.tasks),
        [`${mode}.peakRssMb`]: of((s) => s.report.peakRssMb),
        [`${mode}.peakHeapMb`]: of((s) => s.report.peakHeapMb),
        [`${mode}.submitsPerTask`]: Math.max(...samples[mode].map((s) => s.sim.submits / tasks)),
        [`${mode}.pollsPerTask`]: of((s) => s.sim.polls / tasks),
        [`${mode}.downloadsPerTask`]: Math.min(...samples[mode].map((s) => s.sim.downloads / tasks)),
        [`${mode}.duplicateSubmits`]: Math.max(...samples[mode].map((s) => s.sim.duplicates)),
      });
    }
    figures['runner.ledgerBytesPerTask'] = median(samples.runner.map((s) => s.report.ledgerBytes / tasks));
    const f = (key: string) => figures[key] ?? Number.NaN;
    const row = (label: string, key: string, digits = 3) => [label, fmt(f(`runner.${key}`), digits), fmt(f(`fetch.${key}`), digits), `${fmt(ratio(f(`runner.${key}`), f(`fetch.${key}`)))}x`];
    return {
      name: 'engine',
      title: 'Engine',
      figures,
      tables: [
        {
          title: `${tasks} tasks against the simulator (processing 0 ms), concurrency ${concurrency}, median of ${rounds} round${rounds > 1 ? 's' : ''}`,
          head: ['figure', 'runner', 'fetch loop', 'runner / loop'],
          rows: [
            row('tasks per second', 'tasksPerS'),
            row('CPU ms per task', 'cpuMsPerTask'),
            row('peak RSS MB', 'peakRssMb'),
            row('peak JS heap MB', 'peakHeapMb'),
            row('polls per task', 'pollsPerTask'),
            ['ledger bytes per task', fmt(f('runner.ledgerBytesPerTask')), '-', '-'],
          ],
        },
      ],
      targets: [],
      notes: [
        'Each client runs in a process of its own (CPU: process.cpuUsage of that process; peak RSS: getrusage, whole process life; heap sampled every 10 ms). Both download every result video to disk; the runner also writes the ledger, its run folders and sidecars.',
      ],
      samples,
    } satisfies Section;
  },
  problems(section, { quick }) {
    const tasks = quick ? 100 : 1000;
    const check = new Expect(section);
    for (const mode of ['runner', 'fetch']) {
      check
        .equal(`${mode}.succeeded`, tasks)
        .equal(`${mode}.submitsPerTask`, 1)
        .equal(`${mode}.downloadsPerTask`, 1)
        .equal(`${mode}.duplicateSubmits`, 0)
        .positive(`${mode}.tasksPerS`)
        .positive(`${mode}.cpuMsPerTask`)
        .positive(`${mode}.peakRssMb`);
    }
    check.positive('runner.ledgerBytesPerTask');
    return [...figureProblems(section), ...check.problems];
  },
};
