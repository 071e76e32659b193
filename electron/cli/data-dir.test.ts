import { describe, expect, it } from 'vitest';
import { defaultDataDir, resolveDataDir } from './data-dir';

describe('data dir', () => {
  it('defaults to Electron userData for "Seedance Flow" on each platform', () => {
    expect(defaultDataDir('linux', {}, '/home/ana')).toBe('/home/ana/.config/Seedance Flow');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ana')).toBe('/xdg/Seedance Flow');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '' }, '/home/ana')).toBe('/home/ana/.config/Seedance Flow');
    expect(defaultDataDir('freebsd', {}, '/home/ana')).toBe('/home/ana/.config/Seedance Flow');
    expect(defaultDataDir('darwin', { XDG_CONFIG_HOME: '/xdg' }, '/Users/ana')).toBe('/Users/ana/Library/Application Support/Seedance Flow');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana')).toBe('C:\\Users\\ana\\AppData\\Roaming\\Seedance Flow');
    expect(defaultDataDir('win32', {}, 'C:\\Users\\ana')).toBe('C:\\Users\\ana\\AppData\\Roaming\\Seedance Flow');
  });

  it('--data-dir wins over SEEDANCE_FLOW_HOME, which wins over the default; relative to cwd', () => {
    const base = { platform: 'linux' as const, homedir: '/home/ana', cwd: '/work' };
    expect(resolveDataDir({ ...base, flag: 'ledger', env: { SEEDANCE_FLOW_HOME: '/sf' } })).toEqual({ dir: '/work/ledger', from: 'flag' });
    expect(resolveDataDir({ ...base, env: { SEEDANCE_FLOW_HOME: '/sf' } })).toEqual({ dir: '/sf', from: 'env' });
    expect(resolveDataDir({ ...base, env: { SEEDANCE_FLOW_HOME: '  ' } })).toEqual({ dir: '/home/ana/.config/Seedance Flow', from: 'default' });
    expect(resolveDataDir({ ...base, platform: 'win32', cwd: 'D:\\jobs', flag: 'ledger', env: {} })).toEqual({ dir: 'D:\\jobs\\ledger', from: 'flag' });
  });
});
