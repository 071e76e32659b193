/**
 * Runs the runner for a command: its events go to the reporter, Ctrl-C aborts it (and a second
 * Ctrl-C waits a little for submits already sent), and the reporter is closed whatever happens.
 * `run`, `resume` and `recover` all go through here.
 */
import type { CliIo } from './context';
import { SubmitsInFlight, type RunnerDeps } from '../engine/runner';
import { installInterrupt } from './interrupt';
import type { RunReporter } from './output/reporter';

export async function driveRunner<T>(
  io: Pick<CliIo, 'onSignal' | 'exit'>,
  reporter: RunReporter,
  deps: Omit<RunnerDeps, 'onEvent' | 'signal' | 'submits'>,
  work: (deps: RunnerDeps) => Promise<T>,
): Promise<T> {
  const submits = new SubmitsInFlight();
  const interrupt = installInterrupt(io, (line) => reporter.note(line), submits);
  try {
    return await work({ ...deps, onEvent: (event) => reporter.event(event), signal: interrupt.signal, submits });
  } finally {
    interrupt.dispose();
    reporter.finish();
  }
}
