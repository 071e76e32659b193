/**
 * What `seedance-flow simulate` runs: start the simulator, print where it listens, stop it on
 * Ctrl-C. The command line itself lives in electron/cli; this only checks what it is handed.
 */
import { z } from 'zod';
import { faultsSchema } from './options';
import { startSimulator, type SimulatorHandle } from './server';

const simulatorCliSchema = z.strictObject({
  port: z.number().int().min(0).max(65535).default(0),
  /** Time from submit to result; a few seconds by default so progress can be seen. */
  processingMs: z.number().int().min(0).max(24 * 60 * 60 * 1000).default(3000),
  faults: faultsSchema.default({}),
  /** Accepted keys; by default any non-empty key works, so a pipeline can be tried without one. */
  apiKeys: z.array(z.string().min(1)).min(1).optional(),
});
export type SimulatorCliInput = z.input<typeof simulatorCliSchema>;

export interface SimulatorCliHooks {
  /** Where lines go (default: stdout). */
  out?: (line: string) => void;
  /** Close on SIGINT/SIGTERM (default true). */
  handleSignals?: boolean;
}

export class SimulatorConfigError extends Error {
  override name = 'SimulatorConfigError';
}

export async function runSimulatorCli(input: SimulatorCliInput & SimulatorCliHooks = {}): Promise<SimulatorHandle> {
  const { out = (line: string) => void process.stdout.write(`${line}\n`), handleSignals = true, ...rest } = input;
  const parsed = simulatorCliSchema.safeParse(rest);
  if (!parsed.success) throw new SimulatorConfigError(`Invalid simulator settings:\n${z.prettifyError(parsed.error)}`);
  const { apiKeys, ...settings } = parsed.data;
  const sim = await startSimulator({ ...settings, ...(apiKeys ? { apiKeys } : {}) });
  out(`Modellix simulator listening on ${sim.url}`);
  out(`Point the app at it: MODELLIX_BASE_URL=${sim.url} MODELLIX_API_KEY=${apiKeys ? '<one of the accepted keys>' : '<any non-empty key>'}`);
  if (!handleSignals) return sim;
  const stop = () => {
    void sim.close().then(() => out('Modellix simulator stopped.'));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const close = sim.close.bind(sim);
  return Object.freeze({
    url: sim.url,
    port: sim.port,
    get stats() {
      return sim.stats;
    },
    get faults() {
      return sim.faults;
    },
    setFaults: sim.setFaults.bind(sim),
    close: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      return close();
    },
  });
}
