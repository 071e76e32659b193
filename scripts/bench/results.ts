/**
 * The results file: one entry per benchmark, each with when, how (the command) and where (the
 * machine) it was measured. A run of some benchmarks replaces only theirs.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BENCHMARKS, type BenchmarkName, type Section } from './types';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  platform: string;
  node: string;
}

export interface StoredSection extends Section {
  measuredAt: string;
  command: string;
  quick: boolean;
  machine: Machine;
}

export interface ResultsFile {
  about: string;
  sections: Partial<Record<BenchmarkName, StoredSection>>;
}

export function machine(): Machine {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
  };
}

export function merge(previous: ResultsFile | undefined, fresh: readonly StoredSection[]): ResultsFile {
  const sections: ResultsFile['sections'] = { ...previous?.sections };
  for (const section of fresh) sections[section.name] = section;
  const ordered: ResultsFile['sections'] = {};
  for (const name of BENCHMARKS) if (sections[name]) ordered[name] = sections[name];
  return { about: 'Written by `npm run bench` (scripts/bench); explained in docs/performance.md.', sections: ordered };
}

export async function readResults(file: string): Promise<ResultsFile | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as ResultsFile;
  } catch {
    return undefined;
  }
}

export async function writeResults(file: string, results: ResultsFile): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
}
