/**
 * `serve --open`: hands the address to the desktop's default browser. The program and its
 * arguments are passed as an array (never a shell string), and only a loopback address of the
 * exact shape `serve` prints is accepted.
 */
import { spawn } from 'node:child_process';
import { z } from 'zod';

const loopbackUrl = z.string().regex(/^http:\/\/127\.0\.0\.1:\d{1,5}\/(\?token=[A-Za-z0-9_-]+)?$/);

export function browserCommand(platform: NodeJS.Platform, url: string): { command: string; args: string[] } {
  const checked = loopbackUrl.parse(url);
  switch (platform) {
    case 'darwin':
      return { command: 'open', args: [checked] };
    case 'win32':
      // `start` is a cmd.exe built-in; this opens the default browser without any shell.
      return { command: 'rundll32.exe', args: ['url.dll,FileProtocolHandler', checked] };
    default:
      return { command: 'xdg-open', args: [checked] };
  }
}

export type Spawn = typeof spawn;

/** Starts the browser and returns at once; `onError` hears why it could not start. */
export function openBrowser(url: string, options: { platform: NodeJS.Platform; onError: (message: string) => void; spawn?: Spawn }): void {
  const { command, args } = browserCommand(options.platform, url);
  const child = (options.spawn ?? spawn)(command, args, { stdio: 'ignore', detached: true, shell: false });
  child.on('error', (error: NodeJS.ErrnoException) => options.onError(`Could not start ${command} (${error.code ?? error.message}).`));
  child.unref();
}
