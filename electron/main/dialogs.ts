/**
 * Native dialogs for the app service (the `Dialogs` port): open and save a graph, pick media
 * files of given kinds, pick a folder to copy into, show a file in the OS file browser, and ask before the API key goes to a
 * service address it was not entered for (the page cannot show or answer these). Dialogs are
 * modal to the main window.
 */
import { extname, join } from 'node:path';
import type { BrowserWindow, Dialog, FileFilter, MessageBoxOptions, OpenDialogOptions, SaveDialogOptions, Shell } from 'electron';
import { MEDIA_LIMITS, type MediaKind } from '../../shared/models';
import { GRAPH_FILE_SUFFIX, isGraphFileName } from '../service/graph-files';
import type { Dialogs } from '../service/ports';

export const GRAPH_FILTERS: FileFilter[] = [
  { name: 'Seedance Flow graphs', extensions: ['seedance.json'] },
  { name: 'JSON files', extensions: ['json'] },
];

const KIND_NAMES: Record<MediaKind, string> = { video: 'Videos', image: 'Images', audio: 'Audio' };

/** One filter with every extension the kinds allow, then one per kind. */
export function mediaFilters(kinds: readonly MediaKind[]): FileFilter[] {
  const unique = [...new Set(kinds)];
  const perKind = unique.map((kind) => ({ name: KIND_NAMES[kind], extensions: [...MEDIA_LIMITS[kind].extensions] }));
  if (perKind.length <= 1) return perKind;
  return [{ name: 'Supported media', extensions: perKind.flatMap((f) => f.extensions) }, ...perKind];
}

/**
 * A saved graph's name: the user's choice, ending in `.seedance.json` (the only files graph.save
 * writes): `a.json` becomes `a.seedance.json`, any other name gets the suffix added.
 */
export function withGraphExtension(path: string): string {
  if (isGraphFileName(path)) return path;
  const base = extname(path).toLowerCase() === '.json' ? path.slice(0, -'.json'.length) : path;
  return `${base}${GRAPH_FILE_SUFFIX}`;
}

function suggestedFileName(name: string): string {
  const base =
    [...name]
      .map((c) => (c.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(c) ? ' ' : c))
      .join('')
      .replace(/\s+/g, ' ')
      .trim() || 'Untitled';
  return withGraphExtension(base);
}

export interface NativeDialogsOptions {
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog' | 'showMessageBox'>;
  shell: Pick<Shell, 'showItemInFolder' | 'openPath'>;
  /** The window the dialogs belong to (undefined: app-modal). */
  getWindow(): BrowserWindow | undefined;
  /** Folder the save dialog starts in (e.g. Documents). */
  defaultDir?: string;
}

export function createNativeDialogs(options: NativeDialogsOptions): Dialogs {
  const open = (opts: OpenDialogOptions) => {
    const window = options.getWindow();
    return window ? options.dialog.showOpenDialog(window, opts) : options.dialog.showOpenDialog(opts);
  };
  const save = (opts: SaveDialogOptions) => {
    const window = options.getWindow();
    return window ? options.dialog.showSaveDialog(window, opts) : options.dialog.showSaveDialog(opts);
  };
  const message = (opts: MessageBoxOptions) => {
    const window = options.getWindow();
    return window ? options.dialog.showMessageBox(window, opts) : options.dialog.showMessageBox(opts);
  };
  return {
    native: true,
    async openGraph() {
      const result = await open({ title: 'Open graph', filters: GRAPH_FILTERS, properties: ['openFile'] });
      return result.canceled ? undefined : result.filePaths[0];
    },
    async saveGraph(suggestedName) {
      const name = suggestedFileName(suggestedName);
      const result = await save({
        title: 'Save graph',
        defaultPath: options.defaultDir ? join(options.defaultDir, name) : name,
        filters: GRAPH_FILTERS,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      return result.canceled || !result.filePath ? undefined : withGraphExtension(result.filePath);
    },
    async pickMedia(kinds, multiple) {
      const result = await open({
        title: multiple ? 'Choose media files' : 'Choose a media file',
        filters: mediaFilters(kinds),
        properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'],
      });
      return result.canceled || result.filePaths.length === 0 ? undefined : result.filePaths;
    },
    async pickCsv() {
      const result = await open({ title: 'Import a batch CSV', filters: [{ name: 'Batch CSV', extensions: ['csv'] }], properties: ['openFile'] });
      return result.canceled || result.filePaths.length === 0 ? undefined : result.filePaths[0];
    },
    async pickFolder(title) {
      const result = await open({
        title,
        ...(options.defaultDir ? { defaultPath: options.defaultDir } : {}),
        properties: ['openDirectory', 'createDirectory'],
      });
      return result.canceled || result.filePaths.length === 0 ? undefined : result.filePaths[0];
    },
    async reveal(path) {
      options.shell.showItemInFolder(path);
    },
    async openFile(path) {
      // openPath answers with an error message, empty when the file was handed to its app.
      const problem = await options.shell.openPath(path);
      if (problem) throw new Error(`The system could not open ${path}: ${problem}. Use Show in folder and open it from there.`);
    },
    async confirmKeyOrigin({ boundTo, target }) {
      const { response } = await message({
        type: 'warning',
        title: 'Send the API key to another address?',
        message: `Send your Modellix API key to ${target}? It was entered for ${boundTo}.`,
        detail:
          'The service address changed since the key was set. Anyone at that address could use the key and spend your balance. ' +
          'Choose "Send the key" only if you trust it (for example the Modellix simulator on this machine); otherwise nothing is sent.',
        buttons: ['No', 'Send the key'],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      });
      return response === 1;
    },
  };
}
