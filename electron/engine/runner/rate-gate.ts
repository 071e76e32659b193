/**
 * Back-pressure on 429: when the service says "slow down", every submit waits until the time it
 * named has passed, not just the one that was refused.
 */
import { sleep } from './sleep';

export class RateGate {
  private openAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Holds every submit for `ms` from now (never shortens an earlier, longer hold). */
  hold(ms: number): void {
    this.openAt = Math.max(this.openAt, this.now() + Math.max(0, ms));
  }

  /** How long a submit would wait now. */
  remainingMs(): number {
    return Math.max(0, this.openAt - this.now());
  }

  /** Waits until the gate is open; re-checks, since another 429 may extend the hold meanwhile. */
  async pass(signal?: AbortSignal): Promise<void> {
    for (let wait = this.remainingMs(); wait > 0; wait = this.remainingMs()) await sleep(wait, signal);
  }
}
