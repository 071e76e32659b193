/**
 * `seedance-flow simulate`: a Modellix-compatible server on 127.0.0.1, to try a pipeline
 * without a key or to test against faults. Runs until Ctrl-C (or SIGTERM).
 */
import { z } from 'zod';
import { SimulatorConfigError } from '../../engine/simulator';
import type { CliContext } from '../context';
import { CliError, EXIT, type ExitCode } from '../exit-codes';
import { intFlag, parseOptions } from '../options';
import type { Printer } from '../output/printer';
import { parseFaults } from '../simulate-faults';

const simulateOptionsSchema = z.strictObject({
  port: intFlag('--port', { min: 0, max: 65535, example: 8787 }).optional(),
  processingMs: intFlag('--processing-ms', { min: 0, max: 24 * 3600_000, example: 3000 }).optional(),
  fault: z.array(z.string()).default([]),
});

export async function simulateCommand(ctx: CliContext, printer: Printer, raw: unknown): Promise<ExitCode> {
  const { io, deps } = ctx;
  const opts = parseOptions(simulateOptionsSchema, raw, 'simulate');
  const faults = parseFaults(opts.fault);
  if (!faults.ok) throw new CliError(`${faults.errors.map((e) => `error: ${e}`).join('\n')}\nRun \`seedance-flow simulate --help\` for the faults.`);

  let sim;
  try {
    sim = await deps.startSimulator({
      ...(opts.port !== undefined ? { port: opts.port } : {}),
      ...(opts.processingMs !== undefined ? { processingMs: opts.processingMs } : {}),
      faults: faults.faults,
      out: (line) => printer.out(line),
      handleSignals: false,
    });
  } catch (error) {
    if (error instanceof SimulatorConfigError) throw new CliError(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CliError(`Port ${opts.port ?? 0} is taken on 127.0.0.1. Pick another with --port, or --port 0 for any free port.`);
    throw error;
  }
  const active = Object.keys(faults.faults);
  if (active.length > 0) printer.out(`Faults: ${opts.fault.join(', ')}`);
  printer.out(`Try: MODELLIX_API_KEY=test seedance-flow run <graph.json> --base-url ${sim.url}`);
  printer.out('Press Ctrl-C to stop.');

  await new Promise<void>((resolve) => {
    const offs = [io.onSignal('SIGINT', done), io.onSignal('SIGTERM', done)];
    function done() {
      for (const off of offs) off();
      resolve();
    }
  });
  await sim.close();
  printer.out('Modellix simulator stopped.');
  return EXIT.ok;
}
