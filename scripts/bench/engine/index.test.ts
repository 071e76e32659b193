import { describe, expect, it } from 'vitest';
import type { Section } from '../types';
import { engineBenchmark } from './index';

const settings = { quick: true, repo: '.', log: () => undefined };

function section(overrides: Record<string, number> = {}): Section {
  const figures: Record<string, number> = { tasks: 100, 'runner.ledgerBytesPerTask': 2000 };
  for (const mode of ['runner', 'fetch']) {
    Object.assign(figures, {
      [`${mode}.succeeded`]: 100,
      [`${mode}.submitsPerTask`]: 1,
      [`${mode}.downloadsPerTask`]: 1,
      [`${mode}.duplicateSubmits`]: 0,
      [`${mode}.tasksPerS`]: 200,
      [`${mode}.cpuMsPerTask`]: 5,
      [`${mode}.peakRssMb`]: 150,
    });
  }
  return { name: 'engine', title: 'Engine', figures: { ...figures, ...overrides }, tables: [], targets: [], notes: [] };
}

describe('the engine benchmark checks', () => {
  it('accept a sound result, however slow', () => {
    expect(engineBenchmark.problems(section({ 'runner.tasksPerS': 0.5 }), settings)).toEqual([]);
  });

  it('call lost tasks, double submits and a NaN nonsense', () => {
    expect(engineBenchmark.problems(section({ 'runner.succeeded': 99, 'fetch.submitsPerTask': 1.01, 'runner.cpuMsPerTask': Number.NaN }), settings)).toEqual([
      'engine: runner.cpuMsPerTask is NaN',
      'engine: runner.succeeded is 99, expected 100',
      'engine: runner.cpuMsPerTask is NaN, expected more than 0',
      'engine: fetch.submitsPerTask is 1.01, expected 1',
    ]);
  });
});
