/**
 * Ctrl-C during a run: the first one aborts the runner's signal (polling stops, tasks in flight
 * are marked cancelled, which is final); the second one ends the process at once.
 */
import type { CliIo } from './context';

export const CANCEL_NOTE =
  'Stopping: no new task is sent, polling stops and tasks in flight are marked cancelled (final; they are not resumed). ' +
  'Modellix has no cancel, so a task already sent may still finish there and be billed. Press Ctrl-C again to quit at once.';

export interface Interrupt {
  signal: AbortSignal;
  /** Stops listening for Ctrl-C. */
  dispose(): void;
}

export function installInterrupt(io: Pick<CliIo, 'onSignal' | 'exit'>, note: (line: string) => void): Interrupt {
  const controller = new AbortController();
  const onSignal = () => {
    if (!controller.signal.aborted) {
      note(CANCEL_NOTE);
      controller.abort(new Error('Cancelled by the user (Ctrl-C).'));
    } else {
      io.exit(130);
    }
  };
  const offInt = io.onSignal('SIGINT', onSignal);
  const offTerm = io.onSignal('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      offInt();
      offTerm();
    },
  };
}
