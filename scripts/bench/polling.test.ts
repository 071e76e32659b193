import { describe, expect, it } from 'vitest';
import { FAST_POLLING, MODELLIX_POLLING } from '../../electron/engine/runner';
import { pollingBenchmark, pollSchedule } from './polling';
import { seededRandom } from './stats';

const noJitter = { ...MODELLIX_POLLING, jitter: 0 };
const settings = { quick: true, repo: '.', log: () => undefined };

describe('pollSchedule', () => {
  it('walks the backoff: 10, 15, 22.5, 30, 30 … s after the submit', () => {
    // Polls at 10, 25, 47.5, 77.5 s: a 30 s task is seen at 47.5 s, on the 3rd poll.
    expect(pollSchedule(noJitter, 30_000, Math.random)).toEqual({ polls: 3, noticeMs: 17_500 });
    // A task done exactly at a poll is seen at once.
    expect(pollSchedule(noJitter, 25_000, Math.random)).toEqual({ polls: 2, noticeMs: 0 });
    expect(pollSchedule(noJitter, 1, Math.random)).toEqual({ polls: 1, noticeMs: 9_999 });
  });

  it('never notices later than the longest delay, with any jitter', () => {
    for (let seed = 1; seed < 200; seed++) {
      const { noticeMs } = pollSchedule(MODELLIX_POLLING, 300_000, seededRandom(seed));
      expect(noticeMs).toBeLessThanOrEqual(MODELLIX_POLLING.maxDelayMs * 1.2);
    }
  });

  it('gives up on a schedule that never moves', () => {
    expect(() => pollSchedule({ ...FAST_POLLING, firstDelayMs: 0, factor: 1, jitter: 0 }, 1000, Math.random)).toThrow(/never reaches/);
  });
});

describe('the polling benchmark', () => {
  it('reports every task length and passes its own checks', async () => {
    const section = await pollingBenchmark.run(settings);
    expect(pollingBenchmark.problems(section, settings)).toEqual([]);
    expect(section.figures['task300s.polls.mean']).toBeGreaterThan(section.figures['task30s.polls.mean'] ?? Infinity);
    expect(section.tables[0]?.rows).toHaveLength(4);
  });

  it('calls a broken figure a problem', async () => {
    const section = await pollingBenchmark.run(settings);
    section.figures['task60s.noticeS.max'] = Number.NaN;
    section.figures['task30s.polls.mean'] = 0;
    expect(pollingBenchmark.problems(section, settings)).toEqual([
      'polling: task60s.noticeS.max is NaN',
      'polling: task30s.polls.mean is 0, expected 1..1000',
      'polling: task60s.noticeS.max is NaN, expected 0..36',
    ]);
  });
});
