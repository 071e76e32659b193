/**
 * Builds the window's typed API object from a transport (Electron IPC in the preload, HTTP and
 * server-sent events in browser mode). Results and events are checked against the contract on
 * arrival, so the window never acts on a malformed answer.
 */
import type { z } from 'zod';
import {
  ApiError,
  apiErrorSchema,
  EVENT_NAMES,
  events,
  METHOD_NAMES,
  methods,
  type EventName,
  type EventOf,
  type MethodName,
  type SeedanceApi,
} from './contract';

/** What a transport must do: send one call, and deliver raw event payloads. */
export interface ApiTransport {
  /** Resolves with `{ ok: true, result }` or `{ ok: false, error }`, as the Node side answered. */
  call(method: MethodName, args: unknown): Promise<unknown>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

/** The envelope every transport carries back for a call. */
export type CallAnswer = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };

function unwrap(method: MethodName, answer: unknown): unknown {
  const a = answer as Partial<CallAnswer> | null;
  if (a && a.ok === true) {
    const parsed = (methods[method].result as z.ZodType).safeParse(a.result);
    if (!parsed.success) throw new ApiError('failed', `${method} answered in an unexpected shape; update or restart Seedance Flow.`);
    return parsed.data;
  }
  const error = apiErrorSchema.safeParse(a && a.ok === false ? a.error : undefined);
  if (error.success) throw new ApiError(error.data.code, error.data.message);
  throw new ApiError('failed', `${method} failed without an explanation.`);
}

export function createApiClient(transport: ApiTransport): SeedanceApi {
  const api: Record<string, unknown> = {};
  for (const method of METHOD_NAMES) {
    api[method] = async (args: unknown) => unwrap(method, await transport.call(method, args ?? {}));
  }
  api.on = <E extends EventName>(event: E, listener: (payload: EventOf<E>) => void, onInvalid?: (payload: unknown) => void): (() => void) => {
    if (!EVENT_NAMES.includes(event)) throw new ApiError('unknown-method', `There is no event "${String(event)}".`);
    return transport.subscribe(event, (payload) => {
      const parsed = (events[event] as z.ZodType).safeParse(payload);
      if (parsed.success) listener(parsed.data as EventOf<E>);
      else onInvalid?.(payload);
    });
  };
  return Object.freeze(api) as SeedanceApi;
}
