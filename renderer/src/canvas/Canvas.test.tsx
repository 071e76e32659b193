// @vitest-environment happy-dom
/**
 * The canvas through its UI, by role and name: adding, undo and redo, wiring and unwiring (with
 * the prompt following), refusals said in words, copy and paste between graphs through the
 * clipboard, duplicate, quick add, the shortcut sheet, drops and auto-layout.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GraphDocument } from '../../../shared/graph';
import { App } from '../app/App';
import { fake } from '../app/test-transport';
import { useShell } from '../store/shell';
import { assetNode, createFakeApi, edge, graphWith, resetStores, seedanceNode, servicesOf } from '../app/test-support';
import { useEditor } from '../store/editor';
import { CLIPBOARD_FORMAT } from './clipboard';
import { installLayoutStubs } from './test-dom';
import { openDocument, useCanvasUi } from '../store/canvas-ui';

vi.mock('../transport', async () => (await import('../app/test-transport')).fakeTransportModule());

installLayoutStubs();

beforeEach(() => {
  fake.api = createFakeApi();
});
afterEach(cleanup);

async function renderCanvas(graph?: GraphDocument, options: { pathForFile?: (file: File) => string | undefined } = {}) {
  resetStores(graph);
  useShell.setState({ startDismissed: true });
  const user = userEvent.setup();
  render(<App services={servicesOf(fake.api, options.pathForFile)} />);
  await screen.findByRole('application', { name: 'Canvas' });
  return user;
}

const graph = () => useEditor.getState().graph;
/** The data of the graph's `index`th node, which must be an asset. */
const assetData = (index: number) => {
  const n = graph().nodes[index];
  if (n?.type !== 'asset') throw new Error(`node ${index} is not an asset`);
  return n.data;
};
const promptOf = (id: string) => {
  const node = graph().nodes.find((n) => n.id === id);
  return node?.type === 'seedance' ? node.data.prompt : undefined;
};
const node = (name: string) => screen.getByRole('group', { name });
const promptField = (nodeName: string) => within(node(nodeName)).getByRole('textbox', { name: 'Prompt' });

/** Dispatches a copy or cut event as the browser does for Ctrl+C / Ctrl+X; returns what was put on the clipboard. */
function clipboardEvent(type: 'copy' | 'cut'): string {
  const clipboardData = new DataTransfer();
  (document.activeElement ?? document.body).dispatchEvent(new ClipboardEvent(type, { clipboardData, bubbles: true, cancelable: true }));
  return clipboardData.getData('text/plain');
}

function twoVideosGraph(): GraphDocument {
  return graphWith(
    [assetNode('a', 'video', '/clips/a.mp4'), assetNode('b', 'video', '/clips/b.mp4', 0, 300), seedanceNode('shot1', 'Cut [Video 1] into [Video 2]')],
    [edge('e1', 'a', 'shot1', 'video:1'), edge('e2', 'b', 'shot1', 'video:2')],
  );
}

describe('the canvas', () => {
  it('adds a node from the palette, and undo and redo take it away and back (buttons and keys)', async () => {
    const user = await renderCanvas();
    await user.click(screen.getByRole('button', { name: 'Add Seedance node' }));
    expect(await screen.findByRole('group', { name: 'Seedance node shot1' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(screen.queryByRole('group', { name: 'Seedance node shot1' })).toBeNull());
    await user.click(screen.getByRole('button', { name: 'Redo' }));
    expect(await screen.findByRole('group', { name: 'Seedance node shot1' })).toBeTruthy();

    // The same from the keyboard, focus on the page.
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(screen.queryByRole('group', { name: 'Seedance node shot1' })).toBeNull());
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    expect(await screen.findByRole('group', { name: 'Seedance node shot1' })).toBeTruthy();
    await user.keyboard('{Control>}z{/Control}');
    await user.keyboard('{Control>}y{/Control}');
    expect(await screen.findByRole('group', { name: 'Seedance node shot1' })).toBeTruthy();
  });

  it('removing the first of two wired videos renumbers the prompt, visibly; undo brings it back', async () => {
    const user = await renderCanvas(twoVideosGraph());
    expect((promptField('Seedance node shot1') as HTMLTextAreaElement).value).toBe('Cut [Video 1] into [Video 2]');

    await user.click(await screen.findByRole('button', { name: 'Remove wire a.mp4 to shot1 [Video 1]' }));

    await waitFor(() => expect((promptField('Seedance node shot1') as HTMLTextAreaElement).value).toBe('Cut [Video ?] into [Video 1]'));
    expect(screen.getByRole('button', { name: 'Remove wire b.mp4 to shot1 [Video 1]' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Remove wire a\.mp4/ })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect((promptField('Seedance node shot1') as HTMLTextAreaElement).value).toBe('Cut [Video 1] into [Video 2]'));
  });

  it('wires and unwires by keyboard in the Connections dialog, with the same rules and the reason for a refusal', async () => {
    const user = await renderCanvas(
      graphWith([assetNode('clip', 'video', '/clips/clip.mp4'), assetNode('still', 'image', '/clips/still.png', 0, 300), seedanceNode('shot1', 'Go [Video 1]')]),
    );
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('c');
    const dialog = await screen.findByRole('dialog', { name: 'Connections' });

    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'From' }), 'Image asset still.png');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'To' }), 'Seedance node shot1: [Video 1]');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('[Video 1] takes a video, not an image.');
    expect(screen.getByRole('status', { name: 'Messages' }).textContent).toBe('[Video 1] takes a video, not an image.');
    expect(graph().edges).toHaveLength(0);

    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'From' }), 'Video asset clip.mp4');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    const wires = within(dialog).getByRole('list', { name: 'Wires' });
    expect(within(wires).getByText('clip.mp4 to shot1 [Video 1]')).toBeTruthy();
    expect(graph().edges).toEqual([expect.objectContaining({ source: 'clip', target: 'shot1', targetHandle: 'video:1' })]);

    await user.click(within(dialog).getByRole('button', { name: 'Remove wire clip.mp4 to shot1 [Video 1]' }));
    expect(graph().edges).toHaveLength(0);
    expect(promptOf('shot1')).toBe('Go [Video ?]');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Connections' })).toBeNull();
  });

  it('copies a selection to the system clipboard and pastes it into another graph with new ids, its inner wire re-made', async () => {
    const user = await renderCanvas(graphWith([assetNode('clip', 'video', '/clips/clip.mp4'), seedanceNode('shot1', 'Restyle [Video 1]')], [edge('e1', 'clip', 'shot1', 'video:1')]));
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('{Control>}a{/Control}');
    // What Ctrl+C does in a browser: a copy event on the focused element (user-event's copy() only
    // copies selected page text).
    const text = clipboardEvent('copy');
    const payload = JSON.parse(text) as { format: string; nodes: unknown[]; edges: unknown[] };
    expect(payload.format).toBe(CLIPBOARD_FORMAT);
    expect(payload.nodes).toHaveLength(2);
    expect(payload.edges).toHaveLength(1);

    // Another graph, which already uses the ids "shot1" and "asset1".
    act(() => openDocument(graphWith([seedanceNode('shot1', 'Other'), assetNode('asset1', 'image', '/x/still.png')]), null));
    await screen.findByRole('group', { name: 'Seedance node shot1' });
    (document.activeElement as HTMLElement | null)?.blur();
    await user.paste(text);

    const ids = graph().nodes.map((n) => n.id);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    const pasted = graph().nodes.filter((n) => n.id !== 'shot1' && n.id !== 'asset1');
    const pastedShot = pasted.find((n) => n.type === 'seedance');
    const pastedClip = pasted.find((n) => n.type === 'asset');
    expect(pastedShot?.type === 'seedance' && pastedShot.data.prompt).toBe('Restyle [Video 1]');
    expect(graph().edges).toEqual([expect.objectContaining({ source: pastedClip?.id, target: pastedShot?.id, targetHandle: 'video:1' })]);
    // Offset from where they were, and selected.
    expect(pastedShot?.position).toEqual({ x: 440, y: 40 });
    expect([...useCanvasUi.getState().selectedNodes].sort()).toEqual([pastedClip?.id, pastedShot?.id].sort());
    expect(await screen.findByRole('group', { name: `Seedance node ${pastedShot?.id}` })).toBeTruthy();
    // One undo step takes the whole paste away.
    await user.keyboard('{Control>}z{/Control}');
    expect(graph().nodes.map((n) => n.id)).toEqual(['shot1', 'asset1']);
  });

  it('cut puts only the wires inside the selection on the clipboard and removes the nodes as one step', async () => {
    await renderCanvas(graphWith([assetNode('clip', 'video', '/clips/clip.mp4'), seedanceNode('shot1', 'Go [Video 1]')], [edge('e1', 'clip', 'shot1', 'video:1')]));
    act(() => useCanvasUi.getState().select(['shot1']));
    (document.activeElement as HTMLElement | null)?.blur();
    let text = '';
    act(() => {
      text = clipboardEvent('cut');
    });
    const payload = JSON.parse(text) as { nodes: { id: string }[]; edges: unknown[] };
    expect(payload.nodes.map((n) => n.id)).toEqual(['shot1']);
    expect(payload.edges).toEqual([]);
    expect(graph().nodes.map((n) => n.id)).toEqual(['clip']);
    expect(graph().edges).toEqual([]);
    expect(useEditor.getState().past.map((p) => p.label)).toEqual(['delete node']);
  });

  it('duplicates the selection with Ctrl+D, wires between the copies included', async () => {
    const user = await renderCanvas(graphWith([assetNode('clip', 'video', '/clips/clip.mp4'), seedanceNode('shot1', '[Video 1]')], [edge('e1', 'clip', 'shot1', 'video:1')]));
    act(() => useCanvasUi.getState().select(['clip', 'shot1']));
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('{Control>}d{/Control}');
    expect(graph().nodes).toHaveLength(4);
    expect(graph().edges).toHaveLength(2);
    expect(useEditor.getState().past.at(-1)?.label).toBe('duplicate 2 nodes');
  });

  it('pasting a media URL on the canvas adds an asset node of the right kind with that URL', async () => {
    const user = await renderCanvas();
    (document.activeElement as HTMLElement | null)?.blur();
    await user.paste('https://cdn.example.com/looks/style.webp?sig=abc');
    expect(graph().nodes).toEqual([
      expect.objectContaining({ type: 'asset', data: { media: 'image', source: { kind: 'url', url: 'https://cdn.example.com/looks/style.webp?sig=abc' } } }),
    ]);
    // Plain text that is not a media URL does nothing.
    await user.paste('hello');
    expect(graph().nodes).toHaveLength(1);
  });

  it('quick add: "/" opens a search over node types and models; arrows and Enter add the chosen one', async () => {
    const user = await renderCanvas();
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('/');
    const box = await screen.findByRole('combobox', { name: 'Search node types, models and commands' });
    const all = within(screen.getByRole('listbox', { name: 'Node types, models and commands' })).getAllByRole('option');
    expect(all.slice(0, 6).map((o) => o.textContent)).toEqual(['Video', 'Image', 'Audio', 'Seedance', 'Note', 'Seedance · Seedance 2.0 · video to video']);
    expect(all.filter((o) => o.textContent?.startsWith('Seedance · '))).toHaveLength(9);
    await user.type(box, 'mini');
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      'Seedance · Seedance 2.0 Mini · video to video',
      'Seedance · Seedance 2.0 Mini · image to video',
      'Seedance · Seedance 2.0 Mini · text to video',
    ]);
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    expect(graph().nodes).toEqual([expect.objectContaining({ type: 'seedance', data: expect.objectContaining({ model: 'seedance-2.0-mini-t2v' }) })]);
    expect(screen.queryByRole('dialog', { name: 'Quick add' })).toBeNull();
    // Ctrl+K opens it too.
    await user.keyboard('{Control>}k{/Control}');
    expect(await screen.findByRole('dialog', { name: 'Quick add' })).toBeTruthy();
  });

  it('quick add offers the commands: one runs on Enter, one that cannot run now is disabled and says why', async () => {
    const user = await renderCanvas();
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('/');
    const box = await screen.findByRole('combobox', { name: 'Search node types, models and commands' });
    await user.type(box, 'redo');
    const redo = within(screen.getByRole('listbox')).getByRole('option', { name: 'Redo — Nothing to redo.' });
    expect(redo.getAttribute('aria-disabled')).toBe('true');
    expect(redo.getAttribute('aria-keyshortcuts')).toBe('Control+Shift+Z Control+Y');
    await user.keyboard('{Enter}');
    expect(screen.getByRole('dialog', { name: 'Quick add' })).toBeTruthy();

    await user.clear(box);
    await user.type(box, 'snap');
    expect(within(screen.getByRole('listbox')).getAllByRole('option').map((o) => o.textContent)).toEqual(['Snap to grid G']);
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('dialog', { name: 'Quick add' })).toBeNull();
    expect(useCanvasUi.getState().snapToGrid).toBe(false);
  });

  it('"?" opens the keyboard shortcut sheet listing every shortcut', async () => {
    const user = await renderCanvas();
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('?');
    const sheet = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    const row = within(sheet).getByRole('row', { name: /Duplicate the selected nodes/ });
    expect(within(row).getByText('Ctrl+D')).toBeTruthy();
    for (const name of [
      'Ctrl+Z Undo',
      'Ctrl+Shift+Z or Ctrl+Y Redo',
      '/ or Ctrl+K Quick add: search node types, models and commands',
      'Shift+L or Ctrl+Shift+L Auto-layout, left to right',
      'F or Ctrl+Shift+F Fit the graph in view',
      'Ctrl+S Save',
      'Ctrl+Enter Run the graph',
      '? or Ctrl+/ Show this list of shortcuts',
    ]) {
      expect(within(sheet).getByRole('row', { name })).toBeTruthy();
    }
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
  });

  it('a wire selected from the keyboard is deleted with Delete, and the prompt follows', async () => {
    const user = await renderCanvas(twoVideosGraph());
    const wire = await screen.findByRole('group', { name: 'Wire a.mp4 to shot1 [Video 1]' });
    wire.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(useCanvasUi.getState().selectedEdges).toEqual(['e1']));
    await user.keyboard('{Delete}');
    await waitFor(() => expect(promptOf('shot1')).toBe('Cut [Video ?] into [Video 1]'));
    expect(useEditor.getState().past.at(-1)?.label).toBe('remove wire');
  });

  it('files dropped from the desktop become asset nodes by type; browser mode says it needs a path', async () => {
    await renderCanvas(undefined, { pathForFile: (file) => `/home/me/${file.name}` });
    const pane = screen.getByRole('application', { name: 'Canvas' });
    const files = [new File(['x'], 'shot.mov'), new File(['x'], 'look.png'), new File(['x'], 'song.mp3')];
    fireEvent.drop(pane, { dataTransfer: { files, types: ['Files'], getData: () => '' }, clientX: 100, clientY: 100 });
    await waitFor(() => expect(graph().nodes).toHaveLength(3));
    expect(graph().nodes.map((n) => (n.type === 'asset' ? [n.data.media, n.data.source] : null))).toEqual([
      ['video', { kind: 'file', path: '/home/me/shot.mov' }],
      ['image', { kind: 'file', path: '/home/me/look.png' }],
      ['audio', { kind: 'file', path: '/home/me/song.mp3' }],
    ]);
    expect(useEditor.getState().past).toHaveLength(1);

    cleanup();
    await renderCanvas();
    fireEvent.drop(screen.getByRole('application', { name: 'Canvas' }), { dataTransfer: { files: [new File(['x'], 'a.mp4')], types: ['Files'], getData: () => '' } });
    expect((await screen.findByRole('status', { name: 'Messages' })).textContent).toMatch(/browser mode .* type its path/i);
    expect(graph().nodes).toHaveLength(0);
  });

  it('files dropped on an asset node become its file, or (several) its batch items; other kinds are left out and said so', async () => {
    await renderCanvas(graphWith([assetNode('clip', 'video')]), { pathForFile: (file) => `/home/me/${file.name}` });
    const onto = screen.getAllByRole('group', { name: /^Video asset/ }).at(-1) as HTMLElement;
    const files = [new File(['x'], 'a.mp4'), new File(['x'], 'b.mp4'), new File(['x'], 'look.png')];
    fireEvent.drop(onto, { dataTransfer: { files, types: ['Files'], getData: () => '' } });
    await waitFor(() => expect(assetData(0).items).toEqual([
      { kind: 'file', path: '/home/me/a.mp4' },
      { kind: 'file', path: '/home/me/b.mp4' },
    ]));
    // No new node: the drop went to the node it landed on, and the batch now has its rows.
    expect(graph().nodes).toHaveLength(1);
    expect(graph().batch).toBeDefined();
    expect(useEditor.getState().notice?.text).toBe('Loaded 2 files, one batch row each. Left out: look.png is not a video.');
    fireEvent.drop(onto, { dataTransfer: { files: [new File(['x'], 'c.mp4')], types: ['Files'], getData: () => '' } });
    await waitFor(() => expect(assetData(0).source).toEqual({ kind: 'file', path: '/home/me/c.mp4' }));
    expect(assetData(0).items).toBeUndefined();
  });

  it('Import file… in browser mode asks for a path and adds the right node', async () => {
    const user = await renderCanvas();
    await user.click(screen.getByRole('button', { name: 'Import file…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import media file' });
    await user.type(within(dialog).getByRole('textbox', { name: 'File path' }), '/media/in.mp4');
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    await waitFor(() => expect(graph().nodes).toEqual([expect.objectContaining({ type: 'asset', data: { media: 'video', source: { kind: 'file', path: '/media/in.mp4' } } })]));
    expect(useEditor.getState().media['/media/in.mp4']).toBeTruthy();
  });

  it('a palette item dragged onto the canvas lands where it was dropped', async () => {
    await renderCanvas();
    const pane = screen.getByRole('application', { name: 'Canvas' });
    fireEvent.drop(pane, { dataTransfer: { files: [], types: ['application/x-seedance-flow-node'], getData: (t: string) => (t === 'application/x-seedance-flow-node' ? 'note' : '') }, clientX: 300, clientY: 200 });
    expect(graph().nodes).toEqual([expect.objectContaining({ type: 'note' })]);
  });

  it('zoomed out, nodes draw as named boxes without fields; zooming in brings the fields back once the zoom rests', async () => {
    const user = await renderCanvas({ ...twoVideosGraph(), viewport: { x: 0, y: 0, zoom: 0.45 } });
    expect(node('Seedance node shot1').textContent).toContain('shot1');
    expect(within(node('Seedance node shot1')).queryByRole('textbox', { name: 'Prompt' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Remove wire/ })).toBeNull();
    expect(screen.queryByRole('img', { name: 'Mini map' })).toBeNull();
    await user.click(screen.getByRole('button', { name: /zoom in/i }));
    await waitFor(() => expect(promptField('Seedance node shot1')).toBeTruthy());
    expect(screen.getAllByRole('button', { name: /^Remove wire/ }).length).toBeGreaterThan(0);
    expect(screen.getByRole('img', { name: 'Mini map' })).toBeTruthy();
  });

  it('zoomed far out, the boxes lose their names too, and get them back from 25 %', async () => {
    const user = await renderCanvas({ ...twoVideosGraph(), viewport: { x: 0, y: 0, zoom: 0.2 } });
    const canvas = () => document.querySelector('.sf-canvas');
    expect(canvas()?.classList.contains('sf-canvas--tiny')).toBe(true);
    await user.click(screen.getByRole('button', { name: /zoom in/i }));
    await user.click(screen.getByRole('button', { name: /zoom in/i }));
    await waitFor(() => expect(canvas()?.classList.contains('sf-canvas--tiny')).toBe(false));
    expect(within(node('Seedance node shot1')).queryByRole('textbox', { name: 'Prompt' })).toBeNull();
  });

  it('auto-layout puts inputs left of what they feed, as one undo step; snap to grid toggles', async () => {
    const user = await renderCanvas(
      graphWith(
        [seedanceNode('shot2', '[Video 1]', 'seedance-2.0-v2v', 0, 0), seedanceNode('shot1', '[Video 1]', 'seedance-2.0-v2v', 0, 0), assetNode('clip', 'video', '/c.mp4', 0, 0)],
        [edge('e1', 'clip', 'shot1', 'video:1'), edge('e2', 'shot1', 'shot2', 'video:1', 'video')],
      ),
    );
    await user.click(screen.getByRole('button', { name: 'Auto-layout' }));
    // dagre is loaded on first use: the layout lands a moment after the click.
    await waitFor(() => expect(useEditor.getState().past.map((p) => p.label)).toEqual(['auto-layout']));
    const x = (id: string) => graph().nodes.find((n) => n.id === id)?.position.x ?? NaN;
    expect(x('clip')).toBeLessThan(x('shot1'));
    expect(x('shot1')).toBeLessThan(x('shot2'));
    expect(useEditor.getState().past.map((p) => p.label)).toEqual(['auto-layout']);

    const snap = screen.getByRole('button', { name: 'Snap to grid' });
    expect(snap.getAttribute('aria-pressed')).toBe('true');
    await user.click(snap);
    expect(snap.getAttribute('aria-pressed')).toBe('false');
  });
});
