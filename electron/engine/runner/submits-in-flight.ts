/**
 * Submits that have left and whose answer has not come back yet. A submit cannot be called back
 * (Modellix has no cancel and no idempotency key), so quitting while one is in flight would leave
 * a task that may be billed with no task id on record. Whoever quits (Ctrl-C, closing the window)
 * asks how many there are and waits a few seconds for their answers.
 */
/** How long quitting waits for the answers to submits already sent (a submit times out after 30 s). */
export const QUIT_WAIT_MS = 10_000;

export class SubmitsInFlight {
  private readonly pending = new Set<Promise<unknown>>();

  /** How many submits are waiting for their answer now. */
  get size(): number {
    return this.pending.size;
  }

  /** Tracks one submit until it settles; returns it unchanged. */
  track<T>(submit: Promise<T>): Promise<T> {
    const settled = submit.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
    return submit;
  }

  /** Resolves when every submit in flight has its answer, or after `timeoutMs`; true when none is left. */
  async settled(timeoutMs: number): Promise<boolean> {
    if (this.pending.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    try {
      for (;;) {
        const now = [...this.pending];
        if (now.length === 0) return true;
        const done = await Promise.race([Promise.all(now).then(() => true), timeout.then(() => false)]);
        if (!done) return this.pending.size === 0;
      }
    } finally {
      clearTimeout(timer);
    }
  }
}
