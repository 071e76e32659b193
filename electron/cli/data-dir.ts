/**
 * Where the task ledger lives. `--data-dir` wins, then `SEEDANCE_FLOW_HOME`, then the folder the
 * desktop app uses: Electron's `app.getPath('userData')` for productName "Seedance Flow", so the
 * app and the CLI share one ledger (and one never pays twice for what the other did).
 */
import path from 'node:path';

const PRODUCT_NAME = 'Seedance Flow';

export interface DataDirInput {
  flag?: string;
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  homedir: string;
  cwd: string;
}

export interface ResolvedDataDir {
  dir: string;
  from: 'flag' | 'env' | 'default';
}

const nonEmpty = (value: string | undefined): string | undefined => (value && value.trim() !== '' ? value : undefined);

/** Electron's `appData` folder for a platform (what `app.getPath('appData')` gives). */
function appDataDir(platform: NodeJS.Platform, env: DataDirInput['env'], homedir: string): string {
  switch (platform) {
    case 'win32':
      return nonEmpty(env.APPDATA) ?? path.win32.join(homedir, 'AppData', 'Roaming');
    case 'darwin':
      return path.posix.join(homedir, 'Library', 'Application Support');
    default: {
      const xdg = nonEmpty(env.XDG_CONFIG_HOME);
      return xdg && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(homedir, '.config');
    }
  }
}

/** The desktop app's `userData` folder on this platform. */
export function defaultDataDir(platform: NodeJS.Platform, env: DataDirInput['env'], homedir: string): string {
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  return join(appDataDir(platform, env, homedir), PRODUCT_NAME);
}

export function resolveDataDir(input: DataDirInput): ResolvedDataDir {
  const resolve = input.platform === 'win32' ? path.win32.resolve : path.posix.resolve;
  const flag = nonEmpty(input.flag);
  if (flag) return { dir: resolve(input.cwd, flag), from: 'flag' };
  const env = nonEmpty(input.env.SEEDANCE_FLOW_HOME);
  if (env) return { dir: resolve(input.cwd, env), from: 'env' };
  return { dir: defaultDataDir(input.platform, input.env, input.homedir), from: 'default' };
}
