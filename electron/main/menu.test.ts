import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { events } from '../../shared/api';
import { acceleratorOf, COMMAND_IDS, commandOf, hasModifier, type CommandId, type MenuPlatform } from '../../shared/commands';
import { buildMenuTemplate, MODELLIX_DOCS_URL, type MenuOptions } from './menu';

type Item = MenuItemConstructorOptions;

function build(over: Partial<MenuOptions> = {}) {
  const actions = { command: vi.fn(), openRecent: vi.fn(), openExternal: vi.fn() };
  const template = buildMenuTemplate({ platform: 'linux', isPackaged: true, appName: 'Seedance Flow', recent: [], actions, ...over });
  return { template, actions };
}

const submenu = (item: Item | undefined): Item[] => (Array.isArray(item?.submenu) ? (item.submenu as Item[]) : []);
const top = (template: Item[], label: string) => template.find((i) => i.label?.replace('&', '') === label);
const find = (items: Item[], label: string): Item | undefined => {
  for (const item of items) {
    if (item.label === label) return item;
    const inner = find(submenu(item), label);
    if (inner) return inner;
  }
  return undefined;
};
const all = (items: Item[]): Item[] => items.flatMap((i) => [i, ...all(submenu(i))]);
const click = (item: Item | undefined) => (item?.click as unknown as () => void)();

describe('application menu', () => {
  it('has File, Edit, View, Run and Help', () => {
    expect(build().template.map((i) => i.label ?? i.role)).toEqual(['&File', '&Edit', '&View', '&Run', '&Help']);
  });

  it('File: New, Open…, Open Recent, Save, Save As…, Quit with the usual shortcuts', () => {
    const file = submenu(top(build().template, 'File'));
    const labels = file.filter((i) => i.type !== 'separator').map((i) => i.label);
    expect(labels).toEqual(['New', 'Open…', 'Open Recent', 'Save', 'Save as…', 'Quit']);
    expect(find(file, 'New')?.accelerator).toBe('CmdOrCtrl+N');
    expect(find(file, 'Open…')?.accelerator).toBe('CmdOrCtrl+O');
    expect(find(file, 'Save')?.accelerator).toBe('CmdOrCtrl+S');
    expect(find(file, 'Save as…')?.accelerator).toBe('Shift+CmdOrCtrl+S');
    expect(find(file, 'Quit')?.role).toBe('quit');
  });

  it('Edit: text editing uses the standard roles; undo and redo go to the window', () => {
    const { template, actions } = build();
    const edit = submenu(top(template, 'Edit'));
    expect(edit.filter((i) => i.role).map((i) => i.role)).toEqual(['cut', 'copy', 'paste', 'selectAll']);
    click(find(edit, 'Undo'));
    click(find(edit, 'Redo'));
    expect(actions.command.mock.calls).toEqual([['undo'], ['redo']]);
    expect(find(edit, 'Undo')?.accelerator).toBe('CmdOrCtrl+Z');
    expect(find(edit, 'Redo')?.accelerator).toBe('Shift+CmdOrCtrl+Z');
    expect(find(submenu(top(build({ platform: 'win32' }).template, 'Edit')), 'Redo')?.accelerator).toBe('Ctrl+Y');
  });

  it('sends only command registry ids, the contract’s menu.command values', () => {
    const { template, actions } = build();
    for (const item of all(template)) if (item.click && item.id) click(item);
    const sent = actions.command.mock.calls.map(([c]) => c as string);
    expect(sent.length).toBeGreaterThan(0);
    for (const id of sent) expect(COMMAND_IDS).toContain(id);
    expect(events['menu.command'].shape.command.options).toEqual(COMMAND_IDS);
  });

  it.each<MenuPlatform>(['linux', 'win32', 'darwin'])('on %s every command item has the registry’s label, and an accelerator that is one of its key combos', (platform) => {
    const items = all(build({ platform }).template).filter((i) => i.click && i.id);
    for (const item of items) {
      const command = commandOf(item.id as CommandId);
      expect(item.label).toBe(command.label);
      const combos = command.keys.map((combo) => acceleratorOf(combo));
      if (item.accelerator !== undefined) expect(combos).toContain(item.accelerator);
      else expect(command.keys.some(hasModifier)).toBe(false);
    }
  });

  it('keeps the accelerators the menu always had (the window handles the same combos)', () => {
    const accelerators = Object.fromEntries(all(build().template).filter((i) => i.id).map((i) => [i.id, i.accelerator]));
    expect(accelerators).toMatchObject({
      fitView: 'Shift+CmdOrCtrl+F',
      autoLayout: 'Shift+CmdOrCtrl+L',
      shortcuts: 'CmdOrCtrl+/',
      run: 'CmdOrCtrl+Enter',
      settings: 'CmdOrCtrl+,',
    });
  });

  it('shows developer tools and reload only when not packaged', () => {
    const roles = (t: Item[]) => all(t).map((i) => i.role);
    expect(roles(build({ isPackaged: true }).template)).not.toContain('toggleDevTools');
    expect(roles(build({ isPackaged: true }).template)).not.toContain('reload');
    expect(roles(build({ isPackaged: false }).template)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });

  it('View: Fit view, Auto-layout, zoom roles; Run: Run and Settings', () => {
    const { template } = build();
    const view = submenu(top(template, 'View'));
    expect(view.filter((i) => i.role).map((i) => i.role)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    expect(find(view, 'Fit view')?.id).toBe('fitView');
    expect(find(view, 'Auto-layout')?.id).toBe('autoLayout');
    const run = submenu(top(template, 'Run'));
    expect(find(run, 'Run')?.accelerator).toBe('CmdOrCtrl+Enter');
    expect(find(run, 'Run this node')?.accelerator).toBe('CmdOrCtrl+Alt+Enter');
    expect(find(run, 'Run from here')?.id).toBe('runFromHere');
    expect(find(run, 'Settings…')?.accelerator).toBe('CmdOrCtrl+,');
    expect(find(run, 'History')).toMatchObject({ id: 'history', accelerator: 'Shift+CmdOrCtrl+H' });
  });

  it('Help opens the Modellix documentation in the system browser', () => {
    const { template, actions } = build();
    click(find(template, 'Modellix Documentation'));
    expect(actions.openExternal).toHaveBeenCalledWith(MODELLIX_DOCS_URL);
    expect(find(template, 'Shortcuts')?.id).toBe('shortcuts');
  });

  it('lists recent files and opens the one chosen', () => {
    const recent = [
      { path: '/work/a.seedance.json', name: 'a.seedance.json' },
      { path: '/work/R&D.seedance.json', name: 'R&D.seedance.json' },
    ];
    const { template, actions } = build({ recent });
    const items = submenu(find(template, 'Open Recent'));
    expect(items.map((i) => i.label)).toEqual(['a.seedance.json', 'R&&D.seedance.json']);
    click(items[1]);
    expect(actions.openRecent).toHaveBeenCalledWith('/work/R&D.seedance.json');
    expect(submenu(find(build().template, 'Open Recent'))).toEqual([{ label: 'No Recent Files', enabled: false }]);
  });

  it('on macOS has the app menu (with Settings and Quit) and a Window menu', () => {
    const { template } = build({ platform: 'darwin' });
    expect(template.map((i) => i.label ?? i.role)).toEqual(['Seedance Flow', '&File', '&Edit', '&View', '&Run', 'windowMenu', '&Help']);
    expect(find(submenu(template[0]), 'Settings…')?.id).toBe('settings');
    expect(submenu(template[0]).map((i) => i.role)).toContain('quit');
    expect(find(submenu(top(template, 'File')), 'Quit')).toBeUndefined();
  });
});
