import { describe, expect, it } from 'vitest';
import { runSimulatorCli, SimulatorConfigError } from './cli';

describe('runSimulatorCli', () => {
  it('starts the simulator, prints its URL and stops on close', async () => {
    const lines: string[] = [];
    const before = process.listenerCount('SIGINT');
    const sim = await runSimulatorCli({ port: 0, processingMs: 0, faults: { rateLimit: { count: 1 } }, out: (l) => lines.push(l) });
    try {
      expect(lines[0]).toBe(`Modellix simulator listening on ${sim.url}`);
      expect(lines[1]).toContain(`MODELLIX_BASE_URL=${sim.url}`);
      expect(process.listenerCount('SIGINT')).toBe(before + 1);
      // Any non-empty key works by default; the fault plan given is in force.
      const balance = () => fetch(`${sim.url}/api/v1/team/balance`, { headers: { Authorization: 'Bearer anything' } });
      expect((await balance()).status).toBe(429);
      expect((await balance()).status).toBe(200);
      expect(sim.stats.faults.rateLimited).toBe(1);
    } finally {
      await sim.close();
    }
    expect(process.listenerCount('SIGINT')).toBe(before);
  });

  it('refuses settings it cannot use, saying which', async () => {
    await expect(runSimulatorCli({ port: -1, handleSignals: false, out: () => undefined })).rejects.toThrow(SimulatorConfigError);
    await expect(
      runSimulatorCli({ faults: { dropSubmit: { when: 'sometimes' } } as never, handleSignals: false, out: () => undefined }),
    ).rejects.toThrow(/dropSubmit/);
  });
});
