/**
 * Runs the runner for a command: its events go to the reporter, Ctrl-C aborts it, and the
 * reporter is closed whatever happens. `run` and `resume` both go through here.
 */
import type { CliIo } from './context';
import type { RunnerDeps } from '../engine/runner';
import { installInterrupt } from './interrupt';
import type { RunReporter } from './output/reporter';

export async function driveRunner<T>(
  io: Pick<CliIo, 'onSignal' | 'exit'>,
  reporter: RunReporter,
  deps: Omit<RunnerDeps, 'onEvent' | 'signal'>,
  work: (deps: RunnerDeps) => Promise<T>,
): Promise<T> {
  const interrupt = installInterrupt(io, (line) => reporter.note(line));
  try {
    return await work({ ...deps, onEvent: (event) => reporter.event(event), signal: interrupt.signal });
  } finally {
    interrupt.dispose();
    reporter.finish();
  }
}
