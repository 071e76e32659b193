/** Which bridge the window uses: the desktop preload's, if it exposes one, else HTTP. */
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../shared/api';
import { findDesktopBridge } from './desktop';

const noop = () => undefined;

describe('findDesktopBridge', () => {
  it('finds none in a plain browser page, or when the preload exposes something else', () => {
    expect(findDesktopBridge({})).toBeUndefined();
    expect(findDesktopBridge({ seedanceFlow: { platform: 'linux' } })).toBeUndefined();
    expect(findDesktopBridge({ seedanceFlow: 'nope' })).toBeUndefined();
  });

  it('takes a transport (call + subscribe)', () => {
    const transport = { call: async () => ({ ok: true, result: {} }), subscribe: () => noop };
    expect(findDesktopBridge({ seedanceFlow: transport })).toEqual({ transport });
  });

  it('takes a finished API (every method and on), with the preload\'s media URLs', () => {
    const api = Object.fromEntries([...METHOD_NAMES.map((m) => [m, noop]), ['on', noop]]);
    const found = findDesktopBridge({ seedanceFlow: api, seedanceMediaUrl: (id: string) => `seedance-media://${id}` });
    expect(found?.api).toBe(api);
    expect(found?.mediaUrl?.('x')).toBe('seedance-media://x');
  });

  it('does not take an API missing a method', () => {
    const partial = Object.fromEntries([...METHOD_NAMES.slice(1).map((m) => [m, noop]), ['on', noop]]);
    expect(findDesktopBridge({ seedanceFlow: partial })).toBeUndefined();
  });
});
