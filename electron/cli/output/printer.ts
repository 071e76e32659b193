/**
 * Every line the CLI writes goes through here, and through the redactor: the API key is never
 * printed, whatever a server or an error message carried.
 */
import { makeRedactor, MESSAGE_REDACTION_MIN_LENGTH } from '../../engine/modellix/redact';
import type { CliIo, OutStream } from '../context';

export interface Printer {
  /** One line (or several) to stdout: the command's output. */
  out(text: string): void;
  /** One line (or several) to stderr: messages, warnings, prompts. */
  err(text: string): void;
  /** Text with every known secret removed. */
  redact(text: string): string;
  /** Adds a secret to remove from everything written from now on. */
  addSecret(secret: string): void;
  readonly stdout: OutStream;
  readonly stderr: OutStream;
}

export function createPrinter(io: Pick<CliIo, 'stdout' | 'stderr'>): Printer {
  const secrets: string[] = [];
  // Keys shorter than this are not real keys (e.g. the simulator's "test"); redacting them would eat words.
  let redactor = makeRedactor(secrets, MESSAGE_REDACTION_MIN_LENGTH);
  const redact = (text: string) => redactor(text);
  const line = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);
  return {
    out: (text) => void io.stdout.write(redact(line(text))),
    err: (text) => void io.stderr.write(redact(line(text))),
    redact,
    addSecret(secret) {
      if (secret.trim() === '' || secrets.includes(secret)) return;
      secrets.push(secret);
      redactor = makeRedactor(secrets, MESSAGE_REDACTION_MIN_LENGTH);
    },
    stdout: io.stdout,
    stderr: io.stderr,
  };
}
