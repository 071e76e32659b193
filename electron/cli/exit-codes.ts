/**
 * Exit codes of `seedance-flow`, and the error that carries one. Scripts rely on these:
 * 0 everything succeeded (a reused output counts), 1 some task failed, is of unknown outcome or
 * was cancelled, 2 bad usage or an invalid graph / CSV / flag (nothing was sent).
 */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * A problem the user can fix before anything is sent: the message says what to do. The CLI
 * prints it to stderr and exits with `exitCode` (2 unless said otherwise).
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.usage,
  ) {
    super(message);
  }
}

/** The worse of two exit codes (2 beats 1 beats 0). */
export function worstExit(a: ExitCode, b: ExitCode): ExitCode {
  return a >= b ? a : b;
}
