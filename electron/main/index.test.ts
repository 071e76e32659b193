import { describe, expect, it, vi } from 'vitest';

const order: string[] = [];

vi.mock('electron', async () => {
  const fake = await import('./test-support/fake-electron');
  fake.app.enableSandbox.mockImplementation(() => void order.push('enableSandbox'));
  fake.protocol.registerSchemesAsPrivileged.mockImplementation(() => void order.push('registerSchemesAsPrivileged'));
  return fake;
});
vi.mock('../service/service', () => ({ createAppService: vi.fn() }));
vi.mock('./app', () => ({ startDesktopApp: vi.fn(() => void order.push('startDesktopApp')) }));

describe('main entry', () => {
  it('turns on the sandbox for every renderer and registers the media scheme before anything else', async () => {
    await import('./index');
    const { app, protocol } = await import('./test-support/fake-electron');
    const { startDesktopApp } = await import('./app');
    const { createAppService } = await import('../service/service');
    expect(order).toEqual(['enableSandbox', 'registerSchemesAsPrivileged', 'startDesktopApp']);
    expect(app.enableSandbox).toHaveBeenCalledTimes(1);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'seedance-media', privileges: expect.objectContaining({ standard: true, secure: true, stream: true }) }),
    ]);
    expect(startDesktopApp).toHaveBeenCalledWith({ createAppService, mainDir: expect.stringMatching(/electron[\\/]main$/) });
  });
});
