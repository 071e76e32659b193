/** `serve --open`: the right program per platform, arguments as an array, no shell, loopback only. */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { browserCommand, openBrowser, type Spawn } from './open-browser';

const URL_OK = 'http://127.0.0.1:8080/?token=abc_DEF-123';

describe('browserCommand', () => {
  it.each([
    ['linux', 'xdg-open', [URL_OK]],
    ['freebsd', 'xdg-open', [URL_OK]],
    ['darwin', 'open', [URL_OK]],
    ['win32', 'rundll32.exe', ['url.dll,FileProtocolHandler', URL_OK]],
  ] as const)('on %s runs %s', (platform, command, args) => {
    expect(browserCommand(platform, URL_OK)).toEqual({ command, args });
  });

  it.each(['http://evil.example/', 'http://127.0.0.1:8080/?token=a&calc.exe', 'http://127.0.0.1:8080/?token=a;rm -rf', 'file:///etc/passwd', `${URL_OK}\n`])(
    'refuses anything but our loopback address: %s',
    (url) => {
      expect(() => browserCommand('linux', url)).toThrow();
    },
  );
});

describe('openBrowser', () => {
  it('spawns without a shell, detached, and reports a failure to start', () => {
    const calls: unknown[][] = [];
    const child = Object.assign(new EventEmitter(), { unref: () => undefined });
    const spawn = ((...args: unknown[]) => {
      calls.push(args);
      return child;
    }) as unknown as Spawn;
    const errors: string[] = [];
    openBrowser(URL_OK, { platform: 'linux', spawn, onError: (m) => errors.push(m) });
    expect(calls).toEqual([['xdg-open', [URL_OK], { stdio: 'ignore', detached: true, shell: false }]]);
    child.emit('error', Object.assign(new Error('spawn xdg-open ENOENT'), { code: 'ENOENT' }));
    expect(errors).toEqual(['Could not start xdg-open (ENOENT).']);
  });
});
