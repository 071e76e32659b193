/** `GET /api/events` over real HTTP: events arrive as SSE, heartbeats flow, a gone client unsubscribes. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from './test-support/fixture';
import { openStream } from './test-support/http';

let t: TestHost;
beforeAll(async () => {
  t = await startTestHost({ heartbeatMs: 50, secrets: ['sk-the-secret-key'] });
});
afterAll(async () => {
  await t.close();
});

// Each test starts with no stream open: the previous test's disconnects have been seen.
afterEach(async () => {
  await until(() => t.service.listenerCount() === 0);
});

async function until(check: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('GET /api/events', () => {
  it('streams each service event as `event: <name>` and `data: <json>`', async () => {
    const stream = await openStream({ port: t.host.port, path: '/api/events', headers: t.auth });
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      expect(stream.headers['cache-control']).toBe('no-store');
      await stream.waitFor('retry: ');
      await until(() => t.service.listenerCount() === 1);

      t.service.emit('menu.command', { command: 'fitView' });
      await stream.waitFor('event: menu.command\ndata: {"command":"fitView"}\n\n');
      const status = { present: true, source: 'file' as const, encryptionAvailable: false, note: 'kept in a file' };
      t.service.emit('key.changed', status);
      await stream.waitFor(`event: key.changed\ndata: ${JSON.stringify(status)}\n\n`);
    } finally {
      stream.close();
    }
  });

  it('sends heartbeat comments', async () => {
    const stream = await openStream({ port: t.host.port, path: '/api/events', headers: t.auth });
    try {
      await stream.waitFor(': heartbeat\n\n', 2000);
    } finally {
      stream.close();
    }
  });

  it('unsubscribes when the client disconnects', async () => {
    const a = await openStream({ port: t.host.port, path: '/api/events', headers: t.auth });
    const b = await openStream({ port: t.host.port, path: '/api/events', headers: t.auth });
    await until(() => t.service.listenerCount() === 2);
    a.close();
    await until(() => t.service.listenerCount() === 1);
    t.service.emit('menu.command', { command: 'save' });
    await b.waitFor('data: {"command":"save"}');
    b.close();
    await until(() => t.service.listenerCount() === 0);
  });

  it('never sends an event that would carry a secret', async () => {
    const stream = await openStream({ port: t.host.port, path: '/api/events', headers: t.auth });
    try {
      await until(() => t.service.listenerCount() === 1);
      t.service.emit('key.changed', { present: true, source: 'file', encryptionAvailable: false, note: 'sk-the-secret-key' });
      t.service.emit('menu.command', { command: 'undo' });
      await stream.waitFor('"undo"');
      expect(stream.text()).not.toContain('sk-the-secret-key');
    } finally {
      stream.close();
    }
  });
});
