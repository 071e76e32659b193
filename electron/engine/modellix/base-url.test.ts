import { describe, expect, it } from 'vitest';
import { BASE_URL_ENV, BaseUrlError, resolveBaseUrl } from './base-url';
import { DEFAULT_BASE_URL } from './client';

describe('resolveBaseUrl: one rule for every entry point', () => {
  it('takes the flag first, then MODELLIX_BASE_URL, then the saved setting, then the real service', () => {
    const env = { [BASE_URL_ENV]: 'http://127.0.0.1:8977' };
    expect(resolveBaseUrl({ flag: 'https://eu.example', env, saved: 'https://saved.example' })).toEqual({ baseUrl: 'https://eu.example', source: 'flag' });
    expect(resolveBaseUrl({ env, saved: 'https://saved.example' })).toEqual({ baseUrl: 'http://127.0.0.1:8977', source: 'env' });
    expect(resolveBaseUrl({ env: {}, saved: 'https://saved.example/' })).toEqual({ baseUrl: 'https://saved.example', source: 'settings' });
    expect(resolveBaseUrl({ env: {} })).toEqual({ baseUrl: DEFAULT_BASE_URL, source: 'default' });
    expect(resolveBaseUrl({ env: {}, saved: `${DEFAULT_BASE_URL}/` })).toEqual({ baseUrl: DEFAULT_BASE_URL, source: 'default' });
  });

  it('ignores an empty or blank variable', () => {
    expect(resolveBaseUrl({ env: { [BASE_URL_ENV]: '  ' } })).toEqual({ baseUrl: DEFAULT_BASE_URL, source: 'default' });
  });

  it('names the variable when its value is not a usable address', () => {
    const error = (() => {
      try {
        return resolveBaseUrl({ env: { [BASE_URL_ENV]: 'http://api.modellix.ai' }, saved: 'https://saved.example' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(BaseUrlError);
    expect(error).toMatchObject({ source: 'env', message: expect.stringMatching(/^MODELLIX_BASE_URL: The Modellix base URL must use https/) });
  });

  it('names the flag and the setting too', () => {
    expect(() => resolveBaseUrl({ flag: 'ftp://x', env: {} })).toThrow(/^--base-url: /);
    expect(() => resolveBaseUrl({ env: {}, saved: 'https://x.example/api' })).toThrow(/^The service address in Settings: .*origin only/);
  });
});
