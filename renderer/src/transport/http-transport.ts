/**
 * Browser mode's transport: calls are `POST /api/call/<method>` on our own origin (the session
 * cookie goes along), events come from one EventSource on `/api/events` shared by every
 * subscription, reopened with a growing delay when the server closes it for good.
 */
import { BROWSER_PATHS, EVENT_NAMES, type ApiTransport, type CallAnswer, type EventName, type MethodName } from '../../../shared/api';

type Listener = (payload: unknown) => void;

/** The part of EventSource this transport uses (a test passes a fake). */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((this: EventSource, ev: Event) => unknown) | null;
  onerror: ((this: EventSource, ev: Event) => unknown) | null;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

export interface HttpTransportOptions {
  fetch?: typeof fetch;
  openEventSource?: (url: string) => EventSourceLike;
  /** First and longest wait before reopening a closed event stream. */
  reconnectMs?: { min: number; max: number };
}

export interface HttpTransport extends ApiTransport {
  /** Closes the event stream and forgets every subscription. */
  close(): void;
}

const CLOSED = 2;

const failed = (message: string): CallAnswer => ({ ok: false, error: { code: 'failed', message } });

export function createHttpTransport(options: HttpTransportOptions = {}): HttpTransport {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const openEventSource = options.openEventSource ?? ((url: string) => new EventSource(url));
  const { min, max } = options.reconnectMs ?? { min: 1000, max: 30_000 };
  const listeners = new Map<EventName, Set<Listener>>();
  let source: EventSourceLike | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let delay = min;

  const subscribers = () => [...listeners.values()].reduce((n, set) => n + set.size, 0);

  function deliver(event: EventName, data: string): void {
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      return;
    }
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        console.error(error);
      }
    }
  }

  function open(): void {
    const es = openEventSource(BROWSER_PATHS.events);
    for (const event of EVENT_NAMES) es.addEventListener(event, (message) => deliver(event, message.data));
    es.onopen = () => {
      delay = min;
    };
    // A network hiccup is retried by EventSource itself; a refusal (401, a restart) closes it for good.
    es.onerror = () => {
      if (es.readyState !== CLOSED || source !== es) return;
      source = undefined;
      scheduleReopen();
    };
    source = es;
  }

  function scheduleReopen(): void {
    if (retry !== undefined || subscribers() === 0) return;
    retry = setTimeout(() => {
      retry = undefined;
      if (source === undefined && subscribers() > 0) open();
    }, delay);
    delay = Math.min(delay * 2, max);
  }

  function shut(): void {
    if (retry !== undefined) clearTimeout(retry);
    retry = undefined;
    source?.close();
    source = undefined;
    delay = min;
  }

  return {
    async call(method: MethodName, args: unknown): Promise<unknown> {
      let response: Response;
      try {
        response = await doFetch(`${BROWSER_PATHS.call}${encodeURIComponent(method)}`, {
          method: 'POST',
          credentials: 'same-origin',
          cache: 'no-store',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify(args ?? {}),
        });
      } catch {
        return failed('Seedance Flow is not reachable. Is `seedance-flow serve` still running?');
      }
      try {
        return (await response.json()) as unknown;
      } catch {
        return failed(`Seedance Flow answered ${method} with HTTP ${response.status} and no readable body.`);
      }
    },
    subscribe(event: EventName, listener: Listener): () => void {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      // The same function may subscribe twice; each subscription unsubscribes itself only.
      const own: Listener = (payload) => listener(payload);
      set.add(own);
      if (source === undefined && retry === undefined) open();
      return () => {
        set.delete(own);
        if (subscribers() === 0) shut();
      };
    },
    close(): void {
      listeners.clear();
      shut();
    },
  };
}
