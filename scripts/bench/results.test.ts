import { describe, expect, it } from 'vitest';
import { machine, merge, type StoredSection } from './results';

const stored = (name: StoredSection['name'], at: string): StoredSection => ({
  name,
  title: name,
  figures: { x: 1 },
  tables: [],
  targets: [],
  notes: [],
  measuredAt: at,
  command: 'npm run bench',
  quick: false,
  machine: machine(),
});

describe('merge', () => {
  it('replaces only the benchmarks that ran, and keeps the usual order', () => {
    const before = merge(undefined, [stored('bundle', 'old'), stored('engine', 'old')]);
    const after = merge(before, [stored('engine', 'new'), stored('canvas', 'new')]);
    expect(Object.keys(after.sections)).toEqual(['canvas', 'engine', 'bundle']);
    expect(after.sections.engine?.measuredAt).toBe('new');
    expect(after.sections.bundle?.measuredAt).toBe('old');
  });

  it('says what machine measured it', () => {
    const m = machine();
    expect(m.cpus).toBeGreaterThan(0);
    expect(m.node).toMatch(/^v\d+/);
  });
});
