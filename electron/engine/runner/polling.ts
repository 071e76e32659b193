/**
 * When to poll a task: Modellix advises a first check after 10-15 s, then backing off with
 * jitter to about 30 s. The simulator policy polls fast so tests and demos finish quickly.
 */
export interface PollingPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  /** Each delay is the previous one times this (at least 1). */
  factor: number;
  /** +- this fraction of random spread (0 to 1), so many tasks do not poll in step. */
  jitter: number;
  /** Give up polling one task after this long (the service itself expires tasks after 48 h by default). */
  maxWaitMs: number;
}

export const MODELLIX_POLLING: PollingPolicy = {
  firstDelayMs: 10_000,
  maxDelayMs: 30_000,
  factor: 1.5,
  jitter: 0.2,
  maxWaitMs: 72 * 3600_000,
};

export const FAST_POLLING: PollingPolicy = {
  firstDelayMs: 20,
  maxDelayMs: 200,
  factor: 1.5,
  jitter: 0.2,
  maxWaitMs: 10 * 60_000,
};

/** Whether a base URL is this machine (the simulator), where polling need not wait. */
export function isLoopbackUrl(baseUrl: string): boolean {
  const host = new URL(baseUrl).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The polling policy for a base URL: fast against a loopback simulator, Modellix's advice otherwise. */
export function pollingFor(baseUrl: string): PollingPolicy {
  return isLoopbackUrl(baseUrl) ? FAST_POLLING : MODELLIX_POLLING;
}

/** The delay before poll number `attempt` (0 = the first poll after the submit). */
export function pollDelay(policy: PollingPolicy, attempt: number, random: () => number = Math.random): number {
  const raw = Math.min(policy.maxDelayMs, policy.firstDelayMs * policy.factor ** attempt);
  const spread = raw * policy.jitter * (random() * 2 - 1);
  return Math.max(0, Math.round(Math.min(policy.maxDelayMs * (1 + policy.jitter), raw + spread)));
}
