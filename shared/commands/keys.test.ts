/** The menu's accelerator is one of the command's own combos, never a bare key. */
import { describe, expect, it } from 'vitest';
import { acceleratorOf, menuCombo, type KeyCombo } from './keys';
import { menuAccelerator } from './registry';

describe('menu accelerators', () => {
  it('are written the way Electron reads them', () => {
    expect(acceleratorOf({ key: 's', mod: true, shift: true })).toBe('Shift+CmdOrCtrl+S');
    expect(acceleratorOf({ key: 'y', ctrl: true })).toBe('Ctrl+Y');
    expect(acceleratorOf({ key: 'Enter', mod: true })).toBe('CmdOrCtrl+Enter');
    expect(acceleratorOf({ key: ' ', alt: true })).toBe('Alt+Space');
  });

  it('take the combo marked for the platform, else the first with a modifier, never a bare key', () => {
    const keys: KeyCombo[] = [{ key: 'f' }, { key: 'z', mod: true, shift: true }, { key: 'y', ctrl: true, menuOn: ['win32'] }];
    expect(menuCombo(keys, 'linux')).toEqual(keys[1]);
    expect(menuCombo(keys, 'win32')).toEqual(keys[2]);
    expect(menuCombo([{ key: 'g' }, { key: 'Escape' }], 'darwin')).toBeUndefined();
  });

  it('redo shows Ctrl+Y on Windows and Shift+Cmd/Ctrl+Z elsewhere; connections (C) has none', () => {
    expect(menuAccelerator('redo', 'win32')).toBe('Ctrl+Y');
    expect(menuAccelerator('redo', 'darwin')).toBe('Shift+CmdOrCtrl+Z');
    expect(menuAccelerator('connections', 'linux')).toBeUndefined();
  });
});
