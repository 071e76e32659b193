/**
 * Runs one command line and returns its exit code. Commander's own errors (unknown flag,
 * missing argument, unknown command) are exit 2; `--help` and `--version` are 0.
 */
import { CommanderError } from 'commander';
import type { CliContext } from './context';
import { CliError, EXIT } from './exit-codes';
import { createPrinter } from './output/printer';
import { createProgram, type ProgramResult } from './program';

export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  const printer = createPrinter(ctx.io);
  const result: ProgramResult = {};
  const program = createProgram(ctx, printer, result);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return result.exitCode ?? EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof CliError) {
      printer.err(error.message);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    printer.err(`seedance-flow: ${message}`);
    return EXIT.failed;
  }
}
