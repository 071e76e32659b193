/**
 * The application menu. Commands that act on the open document or the canvas (New, Open, Save,
 * Undo, Fit view, Run, ...) are sent to the window as `menu.command` events, and the window
 * decides what they mean there; text editing (Cut, Copy, Paste, Select All), zoom, full screen
 * and Quit use Electron's standard roles. A command's label and accelerator come from the command
 * registry (shared/commands), the same table the window's buttons and keys read.
 *
 * Undo and Redo are window commands rather than the `undo`/`redo` roles: the roles only undo
 * typing in a text field and would never reach the graph's own undo history. The window undoes
 * text when a text field has focus and the graph otherwise.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { commandOf, menuAccelerator, type CommandId, type MenuPlatform } from '../../shared/commands';

export type MenuCommand = CommandId;

export const MODELLIX_DOCS_URL = 'https://docs.modellix.ai/';

export interface RecentFile {
  path: string;
  name: string;
}

export interface MenuActions {
  /** Sends a command to the window (`menu.command`). */
  command(command: MenuCommand): void;
  /** Opens a recent file in the window. */
  openRecent(path: string): void;
  openExternal(url: string): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Developer tools and reload appear only in an unpackaged (development) app. */
  isPackaged: boolean;
  appName: string;
  recent: readonly RecentFile[];
  actions: MenuActions;
}

/** The most recent files shown in File > Open Recent. */
const MAX_RECENT_IN_MENU = 10;

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { actions, platform } = options;
  const mac = platform === 'darwin';
  const menuPlatform: MenuPlatform = mac ? 'darwin' : platform === 'win32' ? 'win32' : 'linux';
  const send = (command: MenuCommand): MenuItemConstructorOptions => {
    const accelerator = menuAccelerator(command, menuPlatform);
    return { label: commandOf(command).label, id: command, ...(accelerator ? { accelerator } : {}), click: () => actions.command(command) };
  };
  const separator: MenuItemConstructorOptions = { type: 'separator' };

  const recentItems: MenuItemConstructorOptions[] =
    options.recent.length === 0
      ? [{ label: 'No Recent Files', enabled: false }]
      : options.recent.slice(0, MAX_RECENT_IN_MENU).map((file) => ({
          label: file.name.replace(/&/g, '&&'),
          toolTip: file.path,
          click: () => actions.openRecent(file.path),
        }));

  const appMenu: MenuItemConstructorOptions = {
    label: options.appName,
    submenu: [
      { role: 'about' },
      separator,
      send('settings'),
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      send('new'),
      send('open'),
      { label: 'Open Recent', id: 'openRecent', submenu: recentItems },
      separator,
      send('save'),
      send('saveAs'),
      ...(mac ? [] : [separator, { role: 'quit', label: 'Quit', accelerator: 'CmdOrCtrl+Q' } satisfies MenuItemConstructorOptions]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      send('undo'),
      send('redo'),
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      send('fitView'),
      send('autoLayout'),
      separator,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
      ...(options.isPackaged ? [] : [separator, { role: 'reload' }, { role: 'toggleDevTools' }] satisfies MenuItemConstructorOptions[]),
    ],
  };

  const run: MenuItemConstructorOptions = {
    label: '&Run',
    submenu: [
      send('run'),
      send('runAgain'),
      send('runNode'),
      send('runFromHere'),
      send('runTimes'),
      send('cancelRun'),
      separator,
      send('importBatchCsv'),
      send('runBatch'),
      send('retryFailedRows'),
      send('stopBatch'),
      separator,
      send('history'),
      ...(mac ? [] : [separator, send('settings')]),
    ],
  };

  const help: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [
      send('shortcuts'),
      { label: 'Modellix Documentation', click: () => actions.openExternal(MODELLIX_DOCS_URL) },
    ],
  };

  return [...(mac ? [appMenu] : []), file, edit, view, run, ...(mac ? [{ role: 'windowMenu' } satisfies MenuItemConstructorOptions] : []), help];
}
