/**
 * The y/N question before a big run. Only asked on a terminal; anything but y/yes is a no, and
 * so is the end of input.
 */
import { createInterface } from 'node:readline';
import type { CliIo } from './context';

export async function askYesNo(io: Pick<CliIo, 'stdin' | 'stderr'>, question: string): Promise<boolean> {
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: false });
  try {
    io.stderr.write(`${question} [y/N] `);
    const answer = await new Promise<string | undefined>((resolve) => {
      rl.once('line', (line) => resolve(line));
      rl.once('close', () => resolve(undefined));
    });
    if (answer === undefined) io.stderr.write('\n');
    return /^\s*y(es)?\s*$/i.test(answer ?? '');
  } finally {
    rl.close();
  }
}
