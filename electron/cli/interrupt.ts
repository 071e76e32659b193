/**
 * Ctrl-C during a run: the first one aborts the runner's signal (polling stops, tasks in flight
 * are marked cancelled, which is final). The second one quits, but first waits a few seconds for
 * submits already sent: their answer carries the task id, without which a task that may be billed
 * could only be found on the dashboard. A third one quits at once.
 */
import { QUIT_WAIT_MS, type SubmitsInFlight } from '../engine/runner/submits-in-flight';
import type { CliIo } from './context';

const CANCEL_NOTE =
  'Stopping: no new task is sent, polling stops and tasks in flight are marked cancelled (final; they are not resumed). ' +
  'Modellix has no cancel, so a task already sent may still finish there and be billed. Press Ctrl-C again to quit.';

const submitsText = (n: number) => `${n} submit${n === 1 ? '' : 's'} already sent`;

export interface Interrupt {
  signal: AbortSignal;
  /** Stops listening for Ctrl-C. */
  dispose(): void;
}

export function installInterrupt(io: Pick<CliIo, 'onSignal' | 'exit'>, note: (line: string) => void, submits?: SubmitsInFlight, waitMs = QUIT_WAIT_MS): Interrupt {
  const controller = new AbortController();
  let presses = 0;
  const onSignal = () => {
    presses += 1;
    if (presses === 1) {
      const waiting = submits?.size ?? 0;
      note(waiting > 0 ? `${CANCEL_NOTE} (Waiting first for the answer to ${submitsText(waiting)}, so their task ids are kept.)` : CANCEL_NOTE);
      controller.abort(new Error('Cancelled by the user (Ctrl-C).'));
      return;
    }
    const waiting = submits?.size ?? 0;
    if (presses > 2 || waiting === 0) return io.exit(130);
    note(
      `Quitting: waiting up to ${Math.round(waitMs / 1000)} s for ${submitsText(waiting)}, so their task ids are kept. ` +
        'Press Ctrl-C again to quit now: their outcome would be unknown (never re-sent; check your Modellix dashboard).',
    );
    void (submits as SubmitsInFlight).settled(waitMs).then(() => {
      if (presses === 2) io.exit(130);
    });
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
