/**
 * Polling against the real service, on a fake clock: for a task that takes L seconds, how many
 * polls the runner's schedule (`pollDelay` with `MODELLIX_POLLING`) makes, and how long after
 * the task finished the runner notices. Answers are taken as instant; jitter varies by seed.
 */
import { MODELLIX_POLLING, pollDelay, type PollingPolicy } from '../../electron/engine/runner';
import { Expect, figureProblems } from './checks';
import { fmt, max, mean, seededRandom } from './stats';
import type { Benchmark, Section } from './types';

export const TASK_SECONDS = [30, 60, 120, 300] as const;

export interface PollOutcome {
  polls: number;
  /** From the task's finish to the poll that sees it. */
  noticeMs: number;
}

/** Polls as the runner makes them (delay before poll `attempt`, from the submit) for a task of `taskMs`. */
export function pollSchedule(policy: PollingPolicy, taskMs: number, random: () => number): PollOutcome {
  let at = 0;
  for (let attempt = 0; attempt < 1_000_000; attempt++) {
    at += pollDelay(policy, attempt, random);
    if (at >= taskMs) return { polls: attempt + 1, noticeMs: at - taskMs };
  }
  throw new Error('the polling schedule never reaches the end of the task');
}

export const pollingBenchmark: Benchmark = {
  name: 'polling',
  async run({ quick }) {
    const seeds = quick ? 100 : 10_000;
    const figures: Record<string, number> = { seeds };
    const rows: string[][] = [];
    for (const seconds of TASK_SECONDS) {
      const outcomes = Array.from({ length: seeds }, (_, seed) => pollSchedule(MODELLIX_POLLING, seconds * 1000, seededRandom(seed + 1)));
      const polls = outcomes.map((o) => o.polls);
      const notice = outcomes.map((o) => o.noticeMs / 1000);
      const key = `task${seconds}s`;
      Object.assign(figures, {
        [`${key}.polls.mean`]: mean(polls),
        [`${key}.polls.max`]: max(polls),
        [`${key}.noticeS.mean`]: mean(notice),
        [`${key}.noticeS.max`]: max(notice),
      });
      rows.push([seconds < 60 ? `${seconds} s` : `${seconds / 60} min`, fmt(mean(polls)), fmt(max(polls)), fmt(mean(notice)), fmt(max(notice))]);
    }
    const p = MODELLIX_POLLING;
    return {
      name: 'polling',
      title: 'Polling (MODELLIX_POLLING, fake clock)',
      figures,
      tables: [{ title: `Polling against Modellix, ${seeds} jitter seeds per length`, head: ['task length', 'polls mean', 'polls max', 'notice delay mean s', 'notice delay max s'], rows }],
      targets: [],
      notes: [
        `Policy: first poll after ${p.firstDelayMs / 1000} s, then x${p.factor} up to ${p.maxDelayMs / 1000} s, ±${p.jitter * 100}% jitter. Notice delay: from the moment the task is done to the poll that sees it (answers taken as instant).`,
      ],
    } satisfies Section;
  },
  problems(section) {
    const check = new Expect(section);
    const worst = (MODELLIX_POLLING.maxDelayMs * (1 + MODELLIX_POLLING.jitter)) / 1000;
    for (const seconds of TASK_SECONDS) {
      check.within(`task${seconds}s.polls.mean`, 1, 1000).within(`task${seconds}s.noticeS.max`, 0, worst).within(`task${seconds}s.noticeS.mean`, 0, worst);
    }
    return [...figureProblems(section), ...check.problems];
  },
};
