/** The real outside world for the CLI: this process's streams, environment and signals. */
import os from 'node:os';
import type { CliIo } from './context';

/**
 * A closed pipe (`seedance-flow run g.json --json | head -3`) must not kill a run that is paying
 * for tasks: the rest of its output is dropped and the run finishes (the ledger has it all).
 */
function ignoreClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    throw error;
  });
}

export function nodeIo(): CliIo {
  ignoreClosedPipe(process.stdout);
  ignoreClosedPipe(process.stderr);
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    platform: process.platform,
    homedir: os.homedir(),
    onSignal(signal, handler) {
      process.on(signal, handler);
      return () => void process.off(signal, handler);
    },
    exit: (code) => process.exit(code),
    now: () => Date.now(),
  };
}
