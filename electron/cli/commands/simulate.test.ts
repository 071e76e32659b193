import { afterEach, describe, expect, it } from 'vitest';
import { faultsSchema } from '../../engine/simulator';
import { parseFaults } from '../simulate-faults';
import { makeHarness, type Harness } from '../test-support/harness';

let h: Harness;
afterEach(() => h?.cleanup());

describe('--fault', () => {
  it('maps repeatable NAME[:COUNT] flags onto the simulator fault options', () => {
    const parsed = parseFaults(['rate-limit:3', 'server-error:2', 'drop-after:1', 'fail:2', 'truncate-download']);
    expect(parsed).toEqual({
      ok: true,
      faults: {
        rateLimit: { count: 3 },
        serverError: { count: 2 },
        dropSubmit: { count: 1, when: 'after-create' },
        failTasks: { count: 2 },
        truncateDownloads: {},
      },
    });
    if (parsed.ok) expect(faultsSchema.safeParse(parsed.faults).success).toBe(true);
  });

  it('rejects unknown faults, bad counts and a fault given twice', () => {
    const parsed = parseFaults(['explode:1', 'rate-limit:x', 'drop-after:1', 'drop-before:2']);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors[0]).toContain('--fault "explode:1" is not a fault');
      expect(parsed.errors[1]).toContain('--fault "rate-limit:x" is not a fault');
      expect(parsed.errors[2]).toContain('given twice');
    }
  });
});

describe('simulate', () => {
  it('starts the simulator with the options, prints the URL, stops on SIGINT', async () => {
    h = makeHarness();
    let closed = false;
    h.deps.startSimulator.mockImplementation(async (input) => {
      input.out('Modellix simulator listening on http://127.0.0.1:8787');
      return { url: 'http://127.0.0.1:8787', port: 8787, close: async () => void (closed = true) } as never;
    });
    const running = h.run('simulate', '--port', '8787', '--processing-ms', '50', '--fault', 'rate-limit:3', '--fault', 'fail:1');
    await new Promise((r) => setTimeout(r, 50));
    expect(h.deps.startSimulator).toHaveBeenCalledWith(
      expect.objectContaining({ port: 8787, processingMs: 50, faults: { rateLimit: { count: 3 }, failTasks: { count: 1 } }, handleSignals: false }),
    );
    expect(h.io.stdout.text).toContain('http://127.0.0.1:8787');
    expect(closed).toBe(false);
    h.io.signal('SIGINT');
    expect(await running).toBe(0);
    expect(closed).toBe(true);
    expect(h.io.stdout.text).toContain('stopped');
  });

  it('bad values are exit 2 and start nothing', async () => {
    h = makeHarness();
    expect(await h.run('simulate', '--port', '70000')).toBe(2);
    expect(h.io.stderr.text).toContain('--port must be a whole number from 0 to 65535');
    expect(await h.run('simulate', '--fault', 'nope')).toBe(2);
    expect(h.io.stderr.text).toContain('--fault "nope" is not a fault');
    expect(h.deps.startSimulator).not.toHaveBeenCalled();
  });

  it('really serves on loopback (real simulator, port 0)', async () => {
    h = makeHarness();
    const { runSimulatorCli } = await import('../../engine/simulator');
    h.deps.startSimulator.mockImplementation((input) => runSimulatorCli(input));
    const running = h.run('simulate', '--port', '0', '--processing-ms', '0');
    let url: string | undefined;
    for (let i = 0; i < 100 && !url; i++) {
      await new Promise((r) => setTimeout(r, 20));
      url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(h.io.stdout.text)?.[1];
    }
    expect(url).toBeDefined();
    const answer = await fetch(`${url}/api/v1/apikey/validate`, { headers: { authorization: 'Bearer any-key' } });
    expect(answer.status).toBe(200);
    h.io.signal('SIGTERM');
    expect(await running).toBe(0);
  });
});
