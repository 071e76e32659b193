/**
 * What turns a benchmark result into nonsense, whatever the machine: a figure that is not a
 * finite number, nothing rendered, tasks lost. Slowness is never a problem here: CI runs
 * `bench:quick` on whatever machine it gets.
 */
import type { Section } from './types';

/** Every figure of the section that is NaN, infinite or negative. */
export function figureProblems(section: Section): string[] {
  const problems: string[] = [];
  if (Object.keys(section.figures).length === 0) problems.push(`${section.name}: no figures at all`);
  for (const [key, value] of Object.entries(section.figures)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) problems.push(`${section.name}: ${key} is ${String(value)}`);
    else if (value < 0) problems.push(`${section.name}: ${key} is negative (${value})`);
  }
  return problems;
}

/** Checks on named figures, collecting one line per failure. */
export class Expect {
  readonly problems: string[] = [];
  constructor(private readonly section: Section) {}

  private value(key: string): number | undefined {
    const value = this.section.figures[key];
    if (value === undefined) this.problems.push(`${this.section.name}: ${key} is missing`);
    return value;
  }

  equal(key: string, expected: number): this {
    const value = this.value(key);
    if (value !== undefined && value !== expected) this.problems.push(`${this.section.name}: ${key} is ${value}, expected ${expected}`);
    return this;
  }

  positive(key: string): this {
    const value = this.value(key);
    if (value !== undefined && !(value > 0)) this.problems.push(`${this.section.name}: ${key} is ${value}, expected more than 0`);
    return this;
  }

  within(key: string, low: number, high: number): this {
    const value = this.value(key);
    if (value !== undefined && !(value >= low && value <= high)) this.problems.push(`${this.section.name}: ${key} is ${value}, expected ${low}..${high}`);
    return this;
  }
}
