/**
 * Quitting is not cancelling. When the app quits mid-run, its runs are *suspended*: polling and
 * downloads stop, but nothing is recorded as cancelled and no run is closed, so the next start
 * resumes them (the tasks were paid for; their results are still on Modellix). A cancel by the
 * user aborts with any other reason and is recorded as before.
 */
export class RunSuspended extends Error {
  override readonly name = 'RunSuspended';
  constructor(message = 'The app quit; the run is finished when it starts again (Resume).') {
    super(message);
  }
}

/** Whether `signal` was aborted to suspend the runs (the app quitting), not to cancel them. */
export function isSuspended(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true && signal.reason instanceof RunSuspended;
}
