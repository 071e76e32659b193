/** What every benchmark hands back: figures for the JSON, tables for people, targets, checks. */
export const BENCHMARKS = ['canvas', 'engine', 'planning', 'polling', 'bundle'] as const;
export type BenchmarkName = (typeof BENCHMARKS)[number];

export interface Table {
  title: string;
  head: string[];
  rows: string[][];
}

/** A target of issue 9, judged on a measured figure. */
export interface Target {
  what: string;
  target: string;
  measured: string;
  met: boolean;
}

export interface Section {
  name: BenchmarkName;
  title: string;
  /** Every figure by a dotted key (`n1000.app.openMs`): medians where there were rounds. */
  figures: Record<string, number>;
  tables: Table[];
  targets: Target[];
  /** How it was measured, in a sentence or two each (printed under the tables). */
  notes: string[];
  /** Raw samples per round, for whoever wants to look again. */
  samples?: unknown;
}

export interface BenchSettings {
  quick: boolean;
  /** Where the repository is. */
  repo: string;
  log: (line: string) => void;
}

export interface Benchmark {
  name: BenchmarkName;
  run(settings: BenchSettings): Promise<Section>;
  /** What makes a result nonsense (a figure that is NaN, nothing rendered, tasks lost): one line each. */
  problems(section: Section, settings: BenchSettings): string[];
}
