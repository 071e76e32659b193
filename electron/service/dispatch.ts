/**
 * One call through the contract, whatever the transport: the method name and arguments are
 * checked, the handler runs, its result is checked too, and any failure becomes a message for the
 * user. Both Electron IPC and browser mode answer through this function.
 */
import type { z } from 'zod';
import { ApiError, isMethodName, methods, parseArgs, type ApiHandlers, type CallAnswer, type MethodName } from '../../shared/api';

export interface DispatchOptions {
  /** Secrets that must never appear in an answer (the API key). */
  secrets?: () => readonly string[];
  /** Where unexpected errors are logged (never with arguments, which may hold a key). */
  log?: (message: string) => void;
}

function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  return out;
}

export async function dispatch(handlers: ApiHandlers, method: unknown, args: unknown, options: DispatchOptions = {}): Promise<CallAnswer> {
  const secrets = options.secrets?.() ?? [];
  if (!isMethodName(method)) {
    return { ok: false, error: { code: 'unknown-method', message: `There is no method ${JSON.stringify(String(method)).slice(0, 80)}.` } };
  }
  try {
    const parsed = parseArgs(method, args);
    const handler = handlers[method] as (a: typeof parsed) => Promise<unknown>;
    const result = await handler(parsed);
    const checked = (methods[method as MethodName].result as z.ZodType).parse(result);
    const text = JSON.stringify(checked);
    // Belt and braces: an answer that would carry the key is refused, not sent.
    if (secrets.some((s) => s.length >= 4 && text.includes(s))) {
      return { ok: false, error: { code: 'failed', message: `${method} was stopped: its answer would have contained the API key.` } };
    }
    return { ok: true, result: checked };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: { code: error.code, message: scrub(error.message, secrets) } };
    const message = error instanceof Error ? error.message : String(error);
    options.log?.(`${method} failed: ${scrub(message, secrets)}`);
    return { ok: false, error: { code: 'failed', message: scrub(message, secrets) } };
  }
}
