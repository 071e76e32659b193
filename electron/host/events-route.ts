/**
 * `GET /api/events`: every service event as a server-sent event (`event: <name>`, `data: <json>`),
 * with a heartbeat comment so proxies and the browser keep the stream open. The subscription ends
 * when the client goes away, when it falls too far behind, or when the host closes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BROWSER_PATHS } from '../../shared/api';
import type { AppService } from '../service/types';
import { sendText } from './reply';

export const EVENTS_PATH = BROWSER_PATHS.events;
/** A client that has not read this much is dropped (its EventSource reconnects). */
const MAX_BACKLOG_BYTES = 8 * 1024 * 1024;
const RECONNECT_MS = 2000;

export interface EventStreams {
  serve(req: IncomingMessage, res: ServerResponse): void;
  /** Open streams right now. */
  readonly size: number;
  /** Ends every open stream. */
  closeAll(): void;
}

export function createEventStreams(service: Pick<AppService, 'subscribe' | 'secrets'>, heartbeatMs: number): EventStreams {
  const open = new Set<() => void>();

  function serve(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET') return sendText(res, 405, 'Only GET.', { Allow: 'GET' });
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write(`retry: ${RECONNECT_MS}\n: connected\n\n`);

    const write = (chunk: string) => {
      if (res.writableLength > MAX_BACKLOG_BYTES) return void stop();
      res.write(chunk);
    };
    const unsubscribe = service.subscribe((event, payload) => {
      const data = JSON.stringify(payload);
      if (service.secrets().some((s) => s.length >= 4 && data.includes(s))) return;
      write(`event: ${event}\ndata: ${data}\n\n`);
    });
    const heartbeat = setInterval(() => write(': heartbeat\n\n'), heartbeatMs);
    heartbeat.unref();

    let stopped = false;
    function stop() {
      if (stopped) return;
      stopped = true;
      open.delete(stop);
      clearInterval(heartbeat);
      unsubscribe();
      res.end();
    }
    open.add(stop);
    res.on('close', stop);
  }

  return {
    serve,
    get size() {
      return open.size;
    },
    closeAll() {
      for (const stop of [...open]) stop();
    },
  };
}
