import { describe, expect, it, vi } from 'vitest';
import { MEDIA_LIMITS } from '../../shared/models';
import { createNativeDialogs, GRAPH_FILTERS, mediaFilters, withGraphExtension } from './dialogs';

function setup(window: object | null = { id: 'main' }) {
  const dialog = {
    showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: false, filePaths: ['/w/a.seedance.json'] })),
    showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: false, filePath: '/w/new' })),
    showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0, checkboxChecked: false })),
  };
  const shell = { showItemInFolder: vi.fn(), openPath: vi.fn(async (_path: string) => '') };
  const dialogs = createNativeDialogs({ dialog, shell, getWindow: () => (window ?? undefined) as never, defaultDir: '/home/u/Documents' });
  return { dialog, shell, dialogs };
}

describe('native dialogs', () => {
  it('are native', () => {
    expect(setup().dialogs.native).toBe(true);
  });

  it('open a graph, modal to the window, filtered to graph files', async () => {
    const { dialog, dialogs } = setup();
    expect(await dialogs.openGraph()).toBe('/w/a.seedance.json');
    expect(dialog.showOpenDialog).toHaveBeenCalledWith({ id: 'main' }, expect.objectContaining({ filters: GRAPH_FILTERS, properties: ['openFile'] }));
    expect(GRAPH_FILTERS.map((f) => f.extensions)).toEqual([['seedance.json'], ['json']]);
  });

  it('answer undefined when the user cancels', async () => {
    const { dialog, dialogs } = setup();
    dialog.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    expect(await dialogs.openGraph()).toBeUndefined();
    expect(await dialogs.saveGraph('x')).toBeUndefined();
    expect(await dialogs.pickMedia(['video'], true)).toBeUndefined();
  });

  it('save a graph with .seedance.json added when the name does not end in it', async () => {
    const { dialog, dialogs } = setup();
    expect(await dialogs.saveGraph('My: flow?')).toBe('/w/new.seedance.json');
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(
      { id: 'main' },
      expect.objectContaining({ defaultPath: '/home/u/Documents/My flow.seedance.json', filters: GRAPH_FILTERS }),
    );
    // The service saves only .seedance.json files (issue 8.6).
    expect(withGraphExtension('/w/a.seedance.json')).toBe('/w/a.seedance.json');
    expect(withGraphExtension('/w/a.Seedance.JSON')).toBe('/w/a.Seedance.JSON');
    expect(withGraphExtension('/w/a.json')).toBe('/w/a.seedance.json');
    expect(withGraphExtension('/w/a.JSON')).toBe('/w/a.seedance.json');
    expect(withGraphExtension('/w/a.seedance')).toBe('/w/a.seedance.seedance.json');
  });

  it('pick media with the extensions the model accepts', async () => {
    const { dialog, dialogs } = setup();
    dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/m/a.mp4', '/m/b.png'] });
    expect(await dialogs.pickMedia(['video', 'image'], true)).toEqual(['/m/a.mp4', '/m/b.png']);
    expect(dialog.showOpenDialog).toHaveBeenCalledWith(
      { id: 'main' },
      expect.objectContaining({ properties: ['openFile', 'multiSelections'], filters: mediaFilters(['video', 'image']) }),
    );
    expect(mediaFilters(['audio'])).toEqual([{ name: 'Audio', extensions: [...MEDIA_LIMITS.audio.extensions] }]);
    expect(mediaFilters(['video', 'image'])[0]).toEqual({
      name: 'Supported media',
      extensions: [...MEDIA_LIMITS.video.extensions, ...MEDIA_LIMITS.image.extensions],
    });
  });

  it('work without a window (app-modal)', async () => {
    const { dialog, dialogs } = setup(null);
    await dialogs.openGraph();
    expect(dialog.showOpenDialog.mock.calls[0]).toHaveLength(1);
  });

  it('pick a folder to copy into: folders only, may create one, starts in the default folder, modal to the window', async () => {
    const { dialog, dialogs } = setup();
    dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/home/u/Favourites'] });
    expect(await dialogs.pickFolder('Copy favourites to folder')).toBe('/home/u/Favourites');
    expect(dialog.showOpenDialog).toHaveBeenCalledWith(
      { id: 'main' },
      { title: 'Copy favourites to folder', defaultPath: '/home/u/Documents', properties: ['openDirectory', 'createDirectory'] },
    );
    dialog.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    expect(await dialogs.pickFolder('Copy favourites to folder')).toBeUndefined();
    dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [] });
    expect(await dialogs.pickFolder('Copy favourites to folder')).toBeUndefined();
  });

  it('reveal a file in the OS file browser', async () => {
    const { shell, dialogs } = setup();
    await dialogs.reveal?.('/out/a.mp4');
    expect(shell.showItemInFolder).toHaveBeenCalledWith('/out/a.mp4');
  });

  it('open a file in its app, and say when the system could not', async () => {
    const { shell, dialogs } = setup();
    await dialogs.openFile?.('/out/a.mp4');
    expect(shell.openPath).toHaveBeenCalledWith('/out/a.mp4');
    shell.openPath.mockResolvedValueOnce('No application knows this file type');
    await expect(dialogs.openFile?.('/out/a.mp4')).rejects.toThrow(/could not open \/out\/a\.mp4: No application knows this file type\. Use Show in folder/);
  });

  it('ask before the API key goes to another address; No is the default and the cancel answer', async () => {
    const { dialog, dialogs } = setup();
    const request = { boundTo: 'https://api.modellix.ai', target: 'http://127.0.0.1:8977' };
    expect(await dialogs.confirmKeyOrigin(request)).toBe(false);
    const [window, options] = dialog.showMessageBox.mock.calls[0] as [unknown, Electron.MessageBoxOptions];
    expect(window).toEqual({ id: 'main' });
    expect(options).toMatchObject({
      type: 'warning',
      message: 'Send your Modellix API key to http://127.0.0.1:8977? It was entered for https://api.modellix.ai.',
      defaultId: 0,
      cancelId: 0,
    });
    expect(options.buttons?.[0]).toBe('No');
    dialog.showMessageBox.mockResolvedValue({ response: 1, checkboxChecked: false });
    expect(await dialogs.confirmKeyOrigin(request)).toBe(true);
  });
});
