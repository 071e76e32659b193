/** The browser-side HTTP transport with a fake fetch and a fake EventSource. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient } from '../../../shared/api';
import { createHttpTransport, type EventSourceLike } from './http-transport';

class FakeEventSource implements EventSourceLike {
  static opened: FakeEventSource[] = [];
  readyState = 0;
  onopen: EventSourceLike['onopen'] = null;
  onerror: EventSourceLike['onerror'] = null;
  closed = false;
  private readonly handlers = new Map<string, ((event: MessageEvent<string>) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
  emit(type: string, data: string): void {
    for (const handler of this.handlers.get(type) ?? []) handler({ data } as MessageEvent<string>);
  }
  fail(closed: boolean): void {
    this.readyState = closed ? 2 : 0;
    this.onerror?.call(this as unknown as EventSource, new Event('error'));
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.call(this as unknown as EventSource, new Event('open'));
  }
}

function transport(fetchImpl: typeof fetch = vi.fn<typeof fetch>()) {
  FakeEventSource.opened = [];
  return createHttpTransport({ fetch: fetchImpl, openEventSource: (url) => new FakeEventSource(url), reconnectMs: { min: 100, max: 400 } });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('calls', () => {
  it('POSTs JSON to /api/call/<method> on our own origin, with the cookie', async () => {
    const fetchImpl = vi.fn<typeof fetch>(async () => new Response(JSON.stringify({ ok: true, result: { version: '1', mode: 'browser', platform: 'linux', dataDir: '/d', examplesDir: null } })));
    const api = createApiClient(transport(fetchImpl));
    await expect(api['app.info']({})).resolves.toEqual({ version: '1', mode: 'browser', platform: 'linux', dataDir: '/d', examplesDir: null });
    const [url, init] = fetchImpl.mock.calls[0] ?? [];
    expect(url).toBe('/api/call/app.info');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{}' });
    expect(new Headers(init?.headers).get('content-type')).toBe('application/json');
  });

  it('passes the server\'s error envelope on (401 included)', async () => {
    const fetchImpl = vi.fn<typeof fetch>(async () => new Response(JSON.stringify({ ok: false, error: { code: 'forbidden', message: 'The access token is missing.' } }), { status: 401 }));
    const api = createApiClient(transport(fetchImpl));
    await expect(api['app.info']({})).rejects.toEqual(new ApiError('forbidden', 'The access token is missing.'));
  });

  it('turns an unreachable server or an unreadable answer into a message', async () => {
    const down = createApiClient(transport(vi.fn<typeof fetch>(async () => Promise.reject(new TypeError('Failed to fetch')))));
    await expect(down['app.info']({})).rejects.toThrow(/not reachable/);
    const garbled = createApiClient(transport(vi.fn<typeof fetch>(async () => new Response('<html>', { status: 502 }))));
    await expect(garbled['app.info']({})).rejects.toThrow(/HTTP 502/);
  });
});

describe('events', () => {
  it('shares one EventSource on /api/events among all subscriptions, and closes it after the last', () => {
    const t = transport();
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = t.subscribe('menu.command', (p) => a.push(p));
    const offB = t.subscribe('key.changed', (p) => b.push(p));
    expect(FakeEventSource.opened).toHaveLength(1);
    const es = FakeEventSource.opened[0];
    expect(es?.url).toBe('/api/events');
    es?.emit('menu.command', '{"command":"save"}');
    es?.emit('key.changed', '{"present":false}');
    es?.emit('menu.command', 'not json');
    expect(a).toEqual([{ command: 'save' }]);
    expect(b).toEqual([{ present: false }]);
    offA();
    expect(es?.closed).toBe(false);
    offB();
    expect(es?.closed).toBe(true);
  });

  it('unsubscribes only the subscription it was returned for', () => {
    const t = transport();
    const seen: unknown[] = [];
    const listener = (p: unknown) => seen.push(p);
    const off1 = t.subscribe('menu.command', listener);
    t.subscribe('menu.command', listener);
    off1();
    FakeEventSource.opened[0]?.emit('menu.command', '{"command":"undo"}');
    expect(seen).toHaveLength(1);
  });

  it('keeps delivering when one listener throws', () => {
    const t = transport();
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const seen: unknown[] = [];
    t.subscribe('menu.command', () => {
      throw new Error('listener bug');
    });
    t.subscribe('menu.command', (p) => seen.push(p));
    FakeEventSource.opened[0]?.emit('menu.command', '{"command":"redo"}');
    expect(seen).toEqual([{ command: 'redo' }]);
    spy.mockRestore();
  });

  it('leaves a passing network error to EventSource, and reopens a closed stream with a growing delay', () => {
    vi.useFakeTimers();
    const t = transport();
    const seen: unknown[] = [];
    t.subscribe('menu.command', (p) => seen.push(p));
    FakeEventSource.opened[0]?.fail(false);
    vi.advanceTimersByTime(1000);
    expect(FakeEventSource.opened).toHaveLength(1);

    FakeEventSource.opened[0]?.fail(true);
    vi.advanceTimersByTime(99);
    expect(FakeEventSource.opened).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeEventSource.opened).toHaveLength(2);

    FakeEventSource.opened[1]?.fail(true);
    vi.advanceTimersByTime(199);
    expect(FakeEventSource.opened).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeEventSource.opened).toHaveLength(3);

    FakeEventSource.opened[2]?.open();
    FakeEventSource.opened[2]?.emit('menu.command', '{"command":"run"}');
    expect(seen).toEqual([{ command: 'run' }]);
    FakeEventSource.opened[2]?.fail(true);
    vi.advanceTimersByTime(100);
    expect(FakeEventSource.opened).toHaveLength(4);
  });

  it('does not reopen once nobody listens', () => {
    vi.useFakeTimers();
    const t = transport();
    const off = t.subscribe('menu.command', () => undefined);
    FakeEventSource.opened[0]?.fail(true);
    off();
    vi.advanceTimersByTime(10_000);
    expect(FakeEventSource.opened).toHaveLength(1);
  });
});
