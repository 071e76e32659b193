/**
 * The server's CSP is the renderer's meta-tag CSP: one policy, two places. The header may add
 * `frame-ancestors 'none'`, which browsers ignore in a meta tag and honour only in a header.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './headers';

function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter((d) => d !== '')
      .map((d) => {
        const [name = '', ...values] = d.split(/\s+/);
        return [name, values.join(' ')];
      }),
  );
}

describe('CONTENT_SECURITY_POLICY', () => {
  it('carries every directive of the meta tag in renderer/index.html, and adds nothing but frame-ancestors', () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const fromMeta = directives(meta ?? '');
    const fromHeader = directives(CONTENT_SECURITY_POLICY);
    fromHeader.delete('frame-ancestors');
    fromMeta.delete('frame-ancestors');
    expect(fromHeader).toEqual(fromMeta);
  });

  it("forbids framing, and allows scripts, connections and media only from our own origin", () => {
    const policy = directives(CONTENT_SECURITY_POLICY);
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect(policy.get('default-src')).toBe("'self'");
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('connect-src')).toBe("'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });
});
