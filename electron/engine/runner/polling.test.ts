import { describe, expect, it } from 'vitest';
import { MODELLIX_POLLING, pollDelay } from './polling';
import { RateGate } from './rate-gate';

describe('polling policy', () => {
  it('starts near 10 s and backs off to about 30 s', () => {
    const mid = () => 0.5;
    expect(pollDelay(MODELLIX_POLLING, 0, mid)).toBe(10_000);
    expect(pollDelay(MODELLIX_POLLING, 1, mid)).toBe(15_000);
    expect(pollDelay(MODELLIX_POLLING, 2, mid)).toBe(22_500);
    expect(pollDelay(MODELLIX_POLLING, 10, mid)).toBe(30_000);
  });
  it('spreads delays with jitter, within bounds', () => {
    const delays = Array.from({ length: 200 }, (_, i) => pollDelay(MODELLIX_POLLING, 8, () => (i % 100) / 100));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(24_000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(36_000);
    expect(new Set(delays).size).toBeGreaterThan(50);
  });
});

describe('rate gate', () => {
  it('holds every caller until the longest hold has passed', async () => {
    const gate = new RateGate();
    gate.hold(60);
    gate.hold(10);
    const started = Date.now();
    await gate.pass();
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    expect(gate.remainingMs()).toBe(0);
  });
  it('lets a cancelled caller go at once', async () => {
    const gate = new RateGate();
    gate.hold(10_000);
    const controller = new AbortController();
    const waiting = gate.pass(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });
});
