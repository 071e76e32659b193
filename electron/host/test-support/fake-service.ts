/**
 * A small AppService for the host's tests: `app.info` and `settings.get` answer, every other
 * method says it is not available, events are emitted by hand, and media ids map to given files.
 */
import { ApiError, METHOD_NAMES, settingsSchema, type ApiHandlers, type EventName, type EventOf } from '../../../shared/api';
import type { AppService, EventListener } from '../../service/types';

export interface FakeService extends AppService {
  /** Subscribers right now (an event stream that ended must have left). */
  listenerCount(): number;
  /** Method names in the order they were called. */
  readonly calls: string[];
}

export interface FakeServiceOptions {
  media?: Readonly<Record<string, string>>;
  secrets?: readonly string[];
  version?: string;
}

export function createFakeService(options: FakeServiceOptions = {}): FakeService {
  const listeners = new Set<EventListener>();
  const calls: string[] = [];
  const unavailable = Object.fromEntries(
    METHOD_NAMES.map((method) => [
      method,
      async () => {
        calls.push(method);
        throw new ApiError('failed', `${method} is not available in the test service.`);
      },
    ]),
  ) as unknown as ApiHandlers;
  const handlers: ApiHandlers = {
    ...unavailable,
    'app.info': async () => {
      calls.push('app.info');
      return { version: options.version ?? '0.0.0-test', mode: 'browser', platform: process.platform, dataDir: '/nonexistent/test', examplesDir: null };
    },
    'settings.get': async () => {
      calls.push('settings.get');
      return settingsSchema.parse({});
    },
  };
  return {
    handlers,
    calls,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit<E extends EventName>(event: E, payload: EventOf<E>) {
      for (const listener of [...listeners]) listener(event, payload);
    },
    secrets: () => [...(options.secrets ?? [])],
    mediaPath: (id) => (Object.hasOwn(options.media ?? {}, id) ? options.media?.[id] : undefined),
    submitsInFlight: () => 0,
    dispose: async () => {
      listeners.clear();
    },
    listenerCount: () => listeners.size,
  };
}
