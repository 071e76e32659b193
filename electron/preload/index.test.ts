import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { METHOD_NAMES } from '../../shared/api';

vi.mock('electron', () => import('../main/test-support/fake-electron'));

describe('preload entry', () => {
  it('keeps zod off its eval-based JIT (the page’s CSP forbids eval)', async () => {
    expect(z.config().jitless).not.toBe(true);
    await import('./index');
    expect(z.config().jitless).toBe(true);
  });

  it('exposes the API, the media URL helper and pathForFile through contextBridge, and only them', async () => {
    await import('./index');
    const { contextBridge } = await import('../main/test-support/fake-electron');
    expect([...contextBridge.exposed.keys()]).toEqual(['seedanceFlow', 'seedanceMediaUrl', 'pathForFile']);
    const api = contextBridge.exposed.get('seedanceFlow') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES, 'on'].sort());
    expect(Object.isFrozen(api)).toBe(true);
    expect(typeof contextBridge.exposed.get('seedanceMediaUrl')).toBe('function');
    expect(typeof contextBridge.exposed.get('pathForFile')).toBe('function');
  });

});
