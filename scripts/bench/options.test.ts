import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOptions, UsageError } from './options';

const repo = '/repo';

describe('parseOptions', () => {
  it('runs everything at full size into bench/results.json by default', () => {
    expect(parseOptions([], repo)).toEqual({ quick: false, only: ['canvas', 'engine', 'planning', 'polling', 'bundle'], out: path.resolve('/repo/bench/results.json'), docs: false });
  });

  it('keeps quick results apart from the tracked ones', () => {
    expect(parseOptions(['--quick'], repo).out).toBe(path.resolve('/repo/bench/results.quick.json'));
    expect(parseOptions(['--quick', '--out', 'x.json'], repo).out).toBe(path.resolve('/repo/x.json'));
  });

  it('runs only the benchmarks named, in the usual order', () => {
    expect(parseOptions(['--only', 'engine, canvas'], repo).only).toEqual(['canvas', 'engine']);
  });

  it('profiles instead of measuring when asked', () => {
    expect(parseOptions(['--profile', 'tmp/prof'], repo).profile).toBe(path.resolve('/repo/tmp/prof'));
    expect(parseOptions([], repo).profile).toBeUndefined();
  });

  it.each([[['--only', 'canvas,fast']], [['--only', '']], [['--fast']], [['extra']], [['--quick', '--docs']], [['--profile', 'x', '--docs']], [['--profile', 'x', '--only', 'engine']]])('refuses %j', (argv) => {
    expect(() => parseOptions(argv, repo)).toThrow(UsageError);
  });
});
