import { describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy, CSP_DIRECTIVES, installCspHeaders, parseCsp, withCspHeader } from './csp';
import { rendererLocation } from './renderer-location';

const file = rendererLocation({ isPackaged: true, mainDir: '/app/out/main' });
const dev = rendererLocation({ isPackaged: false, mainDir: '/app/out/main', devServerUrl: 'http://localhost:5173' });

describe('content security policy', () => {
  const policy = parseCsp(contentSecurityPolicy(file));

  it('runs only the app’s own scripts: no eval, no inline script, no remote code', () => {
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    const all = [...policy.values()].flat();
    expect(all).not.toContain("'unsafe-eval'");
    expect(all).not.toContain("'wasm-unsafe-eval'");
    expect(all.some((s) => /^https?:|^\*$|^ws:/.test(s))).toBe(false);
  });

  it('lets media and images come from the preview protocol', () => {
    expect(policy.get('media-src')).toContain('seedance-media:');
    expect(policy.get('img-src')).toContain('seedance-media:');
  });

  it('forbids plugins, base rewriting, forms and framing', () => {
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('adds only the dev server’s HMR socket in development', () => {
    const devPolicy = parseCsp(contentSecurityPolicy(dev));
    expect(devPolicy.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(devPolicy.get('script-src')).toEqual(CSP_DIRECTIVES['script-src']);
  });

  it('replaces any policy a server sent, whatever its header case', () => {
    const headers = withCspHeader({ 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] }, 'default-src x');
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ['default-src x'] });
  });

  it('is sent with our own pages only', () => {
    const onHeadersReceived = vi.fn();
    installCspHeaders({ webRequest: { onHeadersReceived } } as never, dev);
    const listener = onHeadersReceived.mock.calls[0]?.[0] as (details: unknown, callback: (r: unknown) => void) => void;
    const ours = vi.fn();
    listener({ url: 'http://localhost:5173/', responseHeaders: { 'Content-Type': ['text/html'] } }, ours);
    expect(ours).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [contentSecurityPolicy(dev)] },
    });
    const theirs = vi.fn();
    listener({ url: 'https://api.modellix.ai/x', responseHeaders: {} }, theirs);
    expect(theirs).toHaveBeenCalledWith({});
  });
});
