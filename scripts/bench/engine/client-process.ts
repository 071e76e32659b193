/**
 * One engine client in a process of its own, so that its CPU time and memory are its own (the
 * simulator runs in the parent). Prints one line of JSON: what it did and what it cost.
 *   node --import tsx scripts/bench/engine/client-process.ts '{"mode":"runner","tasks":1000,...}'
 */
import { runThroughFetch } from './fetch-client';
import { runThroughRunner, type ClientRun } from './runner-client';

export type ClientMode = 'runner' | 'fetch';

export interface ClientReport {
  mode: ClientMode;
  tasks: number;
  succeeded: number;
  wallMs: number;
  cpuMs: number;
  /** Peak resident set of the whole process (getrusage). */
  peakRssMb: number;
  /** Peak V8 heap in use, sampled every 10 ms during the run. */
  peakHeapMb: number;
  ledgerBytes: number;
}

const input = JSON.parse(process.argv[2] ?? '{}') as ClientRun & { mode: ClientMode };
let peakHeap = process.memoryUsage().heapUsed;
const sampler = setInterval(() => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}, 10);
const cpu = process.cpuUsage();
const started = performance.now();
const outcome = input.mode === 'runner' ? await runThroughRunner(input) : await runThroughFetch(input);
const wallMs = performance.now() - started;
const used = process.cpuUsage(cpu);
clearInterval(sampler);
peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
const report: ClientReport = {
  mode: input.mode,
  tasks: input.tasks,
  succeeded: outcome.succeeded,
  wallMs,
  cpuMs: (used.user + used.system) / 1000,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  peakHeapMb: peakHeap / 2 ** 20,
  ledgerBytes: outcome.ledgerBytes,
};
process.stdout.write(`${JSON.stringify(report)}\n`);
