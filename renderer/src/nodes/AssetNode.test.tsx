// @vitest-environment happy-dom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkMediaFile } from '../../../shared/models';
import { useEditor } from '../store/editor';
import { AssetNode } from './AssetNode';
import { asset, graphOf, mediaInfo, renderInFlow, resetEditor, seedance, wire } from './test-support';

const transport = vi.hoisted(() => ({
  pick: vi.fn(),
  importFiles: vi.fn(),
}));

vi.mock('../transport', () => ({
  api: { 'media.pick': transport.pick, 'media.import': transport.importFiles },
  mediaUrl: (mediaId: string) => `seedance-media://media/${mediaId}`,
}));

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  transport.pick.mockReset();
  transport.importFiles.mockReset();
  transport.importFiles.mockResolvedValue({ files: [], errors: [] });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function sourceOf(id: string) {
  const node = useEditor.getState().graph.nodes.find((n) => n.id === id);
  return node?.type === 'asset' ? node.data.source : undefined;
}

function nameOf(id: string) {
  const node = useEditor.getState().graph.nodes.find((n) => n.id === id);
  return node?.type === 'asset' ? node.data.name : undefined;
}

describe('AssetNode', () => {
  it('shows the preview, badges and the warning for a video a model would refuse', () => {
    const facts = { kind: 'video' as const, seconds: 16.2, width: 1280, height: 720, bytes: 4.4 * 1024 * 1024, mimeType: 'video/mp4' };
    const info = mediaInfo('/clips/long.mp4', 'video', { ...facts, problems: checkMediaFile(facts) });
    resetEditor(graphOf([asset('v1', 'video', '/clips/long.mp4'), seedance('shot', 'seedance-2.0-v2v', '[Video 1]')], [wire('e1', 'v1', 'shot', 'video:1')]), {
      [info.path]: info,
    });
    renderInFlow(<AssetNode id="v1" />);

    const node = screen.getByRole('group', { name: 'Video asset long.mp4' });
    expect(within(node).getByText('long.mp4')).toBeTruthy();
    const facts_ = within(screen.getByRole('list', { name: 'Media facts' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(facts_).toEqual(['Duration 16.2 s', 'Resolution 1280x720', 'Size 4.4 MB', '⚠ 1 limit exceeded']);

    const problems = screen.getByRole('list', { name: 'Problems' });
    expect(within(problems).getByText(/long\.mp4 lasts 16\.2 s; each video may last at most 15 s/)).toBeTruthy();
    expect(screen.getByRole('button', { name: '1 error' })).toBeTruthy();

    const video = screen.getByLabelText('Preview of long.mp4') as HTMLVideoElement;
    expect(video.tagName).toBe('VIDEO');
    expect(video.getAttribute('src')).toBe('seedance-media://media/id-long.mp4');
    expect(video.getAttribute('preload')).toBe('metadata');
    expect(video.muted).toBe(true);
    expect(video.getAttribute('aria-describedby')).toBe(problems.id);

    const output = screen.getByRole('button', { name: 'long.mp4 output' });
    expect(output.getAttribute('data-handleid')).toBe('media');
    expect(output.classList.contains('source')).toBe(true);
    expect(output.getAttribute('aria-describedby')).toBe(problems.id);
  });

  it('plays the muted preview on hover, or from a Play button by keyboard', async () => {
    const user = userEvent.setup();
    const info = mediaInfo('/clips/a.mp4', 'video', { seconds: 5, width: 1280, height: 720 });
    resetEditor(graphOf([asset('v1', 'video', '/clips/a.mp4')]), { [info.path]: info });
    renderInFlow(<AssetNode id="v1" />);
    const video = screen.getByLabelText('Preview of a.mp4') as HTMLVideoElement;
    const play = screen.getByRole('button', { name: 'Play a.mp4' });
    expect(play.getAttribute('aria-pressed')).toBe('false');

    play.focus();
    await user.keyboard('{Enter}');
    expect(video.paused).toBe(false);
    expect(screen.getByRole('button', { name: 'Pause a.mp4' }).getAttribute('aria-pressed')).toBe('true');
    await user.keyboard('{Enter}');
    expect(video.paused).toBe(true);
    expect(screen.getByRole('button', { name: 'Play a.mp4' })).toBeTruthy();

    await user.hover(video);
    expect(video.paused).toBe(false);
    await user.unhover(video);
    expect(video.paused).toBe(true);
  });

  it('shows an image thumbnail and an audio player with its duration', () => {
    const still = mediaInfo('/stills/look.png', 'image', { width: 1024, height: 1024 });
    const track = mediaInfo('/audio/beat.mp3', 'audio', { seconds: 9.5 });
    resetEditor(graphOf([asset('i1', 'image', still.path), asset('a1', 'audio', track.path)]), { [still.path]: still, [track.path]: track });
    renderInFlow(
      <>
        <AssetNode id="i1" />
        <AssetNode id="a1" />
      </>,
    );
    const img = screen.getByRole('img', { name: 'Preview of look.png' });
    expect(img.getAttribute('src')).toBe('seedance-media://media/id-look.png');
    const image = screen.getByRole('group', { name: 'Image asset look.png' });
    expect(within(image).getByText('1024x1024')).toBeTruthy();

    const audioNode = screen.getByRole('group', { name: 'Audio asset beat.mp3' });
    const audio = within(audioNode).getByLabelText('Preview of beat.mp3') as HTMLAudioElement;
    expect(audio.tagName).toBe('AUDIO');
    expect(audio.controls).toBe(true);
    expect(within(audioNode).getByText('9.5 s')).toBeTruthy();
  });

  it('chooses a file through media.pick and stores its facts', async () => {
    const user = userEvent.setup();
    const picked = mediaInfo('/clips/picked.mp4', 'video', { seconds: 4, width: 1280, height: 720 });
    transport.pick.mockResolvedValue({ canceled: false, unsupported: false, files: [picked] });
    resetEditor(graphOf([asset('v1', 'video')]));
    renderInFlow(<AssetNode id="v1" />);
    expect(screen.getByText('No file chosen')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Choose file…' }));
    expect(transport.pick).toHaveBeenCalledWith({ kinds: ['video'], multiple: false });
    expect(sourceOf('v1')).toEqual({ kind: 'file', path: '/clips/picked.mp4' });
    expect(useEditor.getState().media['/clips/picked.mp4']).toEqual(picked);
    expect(screen.getByLabelText('Preview of picked.mp4')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'picked.mp4 output' })).toBeTruthy();
  });

  it('in browser mode asks for a path and imports it with media.import', async () => {
    const user = userEvent.setup();
    transport.pick.mockResolvedValue({ canceled: false, unsupported: true, files: [] });
    const imported = mediaInfo('/home/me/shot.mp4', 'video', { seconds: 6 });
    resetEditor(graphOf([asset('v1', 'video')]));
    renderInFlow(<AssetNode id="v1" />);

    await user.click(screen.getByRole('button', { name: 'Choose file…' }));
    const path = screen.getByRole('textbox', { name: 'File path' });

    transport.importFiles.mockResolvedValue({ files: [], errors: [{ path: '/nope.mp4', message: 'No such file: /nope.mp4' }] });
    await user.type(path, '/nope.mp4{Enter}');
    expect(screen.getByRole('alert').textContent).toBe('No such file: /nope.mp4');
    expect(sourceOf('v1')).toBeUndefined();

    transport.importFiles.mockResolvedValue({ files: [imported], errors: [] });
    await user.clear(path);
    await user.type(path, '/home/me/shot.mp4');
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(transport.importFiles).toHaveBeenLastCalledWith({ paths: ['/home/me/shot.mp4'] });
    expect(sourceOf('v1')).toEqual({ kind: 'file', path: '/home/me/shot.mp4' });
    expect(screen.queryByRole('textbox', { name: 'File path' })).toBeNull();
  });

  it('takes several paths (one per line) as batch items, one row each, and removes one', async () => {
    const user = userEvent.setup();
    transport.pick.mockResolvedValue({ canceled: false, unsupported: true, files: [] });
    const files = ['/c/a.mp4', '/c/b.mp4', '/c/c.mp4'].map((p) => mediaInfo(p, 'video'));
    transport.importFiles.mockResolvedValue({ files, errors: [] });
    resetEditor(graphOf([asset('v1', 'video')]));
    renderInFlow(<AssetNode id="v1" />);
    await user.click(screen.getByRole('button', { name: 'Choose several…' }));
    expect(transport.pick).toHaveBeenCalledWith({ kinds: ['video'], multiple: true });
    await user.type(screen.getByRole('textbox', { name: 'File path' }), '/c/a.mp4{Shift>}{Enter}{/Shift}/c/b.mp4{Shift>}{Enter}{/Shift}/c/c.mp4{Enter}');
    expect(transport.importFiles).toHaveBeenLastCalledWith({ paths: ['/c/a.mp4', '/c/b.mp4', '/c/c.mp4'] });
    const node = useEditor.getState().graph.nodes[0];
    expect(node?.type === 'asset' && node.data.items).toEqual(files.map((f) => ({ kind: 'file', path: f.path })));
    expect(sourceOf('v1')).toEqual({ kind: 'file', path: '/c/a.mp4' });
    // Several items make a batch: the graph gets an identity for its rows.
    expect(useEditor.getState().graph.batch?.id).toMatch(/^[\w-]+$/);
    const list = await screen.findByRole('list', { name: 'Batch items' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['a.mp4✕', 'b.mp4✕', 'c.mp4✕']);
    await user.click(screen.getByRole('button', { name: 'Remove item 2 (b.mp4)' }));
    const after = useEditor.getState().graph.nodes[0];
    expect(after?.type === 'asset' && after.data.items).toEqual([{ kind: 'file', path: '/c/a.mp4' }, { kind: 'file', path: '/c/c.mp4' }]);
    await user.click(screen.getByRole('button', { name: 'Remove item 2 (c.mp4)' }));
    // One item left: a plain node again, as before.
    const single = useEditor.getState().graph.nodes[0];
    expect(single?.type === 'asset' && single.data).not.toHaveProperty('items');
    expect(sourceOf('v1')).toEqual({ kind: 'file', path: '/c/a.mp4' });
  });

  it('refuses a file of another kind', async () => {
    const user = userEvent.setup();
    transport.pick.mockResolvedValue({ canceled: false, unsupported: false, files: [mediaInfo('/a/b.png', 'image')] });
    resetEditor(graphOf([asset('v1', 'video')]));
    renderInFlow(<AssetNode id="v1" />);
    await user.click(screen.getByRole('button', { name: 'Choose file…' }));
    expect(screen.getByRole('alert').textContent).toBe('b.png is an image; this node takes a video.');
    expect(sourceOf('v1')).toBeUndefined();
  });

  it('takes an http(s) URL and refuses anything else', async () => {
    const user = userEvent.setup();
    resetEditor(graphOf([asset('v1', 'video')]));
    renderInFlow(<AssetNode id="v1" />);
    await user.click(screen.getByRole('radio', { name: 'URL' }));
    const url = screen.getByRole('textbox', { name: 'URL' });
    await user.type(url, 'ftp://host/clip.mp4{Enter}');
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/must be an http\(s\) URL/)).toBeTruthy();
    expect(sourceOf('v1')).toBeUndefined();

    await user.clear(url);
    await user.type(url, 'https://cdn.example.com/clip.mp4');
    await user.tab();
    expect(sourceOf('v1')).toEqual({ kind: 'url', url: 'https://cdn.example.com/clip.mp4' });
    expect(url.getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByRole('group', { name: 'Video asset clip.mp4' })).toBeTruthy();
  });

  it('validates the batch name like the graph schema, and keeps it unique', async () => {
    const user = userEvent.setup();
    resetEditor(graphOf([asset('v1', 'video', '/a.mp4'), asset('v2', 'video', '/b.mp4', { name: 'taken' })]));
    renderInFlow(<AssetNode id="v1" />);
    const name = screen.getByRole('textbox', { name: 'Batch name' });
    await user.type(name, '1clip');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/must start with a letter or underscore/)).toBeTruthy();
    expect(nameOf('v1')).toBeUndefined();

    await user.clear(name);
    await user.type(name, 'taken');
    expect(screen.getByText('Another asset is already named "taken".')).toBeTruthy();
    // Only valid names reach the graph: the last valid one typed stays until the field is fixed.
    expect(nameOf('v1')).toBe('take');

    await user.clear(name);
    await user.type(name, 'hero_clip');
    expect(nameOf('v1')).toBe('hero_clip');
    expect(name.getAttribute('aria-invalid')).toBeNull();
  });

  it('reads the facts of a file it has none for (an opened graph)', async () => {
    const info = mediaInfo('/clips/opened.mp4', 'video', { seconds: 3, width: 1280, height: 720 });
    transport.importFiles.mockResolvedValue({ files: [info], errors: [] });
    resetEditor(graphOf([asset('v1', 'video', '/clips/opened.mp4')]));
    renderInFlow(<AssetNode id="v1" />);
    expect(screen.getByText('Reading the file…')).toBeTruthy();
    await waitFor(() => expect(screen.getByLabelText('Preview of opened.mp4')).toBeTruthy());
    expect(transport.importFiles).toHaveBeenCalledWith({ paths: ['/clips/opened.mp4'] });
  });

  it('shows plan problems for the node, such as a missing source', () => {
    resetEditor(graphOf([asset('v1', 'video'), seedance('shot', 'seedance-2.0-v2v', '[Video 1]')], [wire('e1', 'v1', 'shot', 'video:1')]));
    renderInFlow(<AssetNode id="v1" />);
    expect(within(screen.getByRole('list', { name: 'Problems' })).getByText(/has no file or URL/)).toBeTruthy();
  });

  it('renames through the store as one coalesced step', async () => {
    const user = userEvent.setup();
    resetEditor(graphOf([asset('v1', 'video', '/a.mp4')]));
    renderInFlow(<AssetNode id="v1" />);
    await user.type(screen.getByRole('textbox', { name: 'Label' }), 'Hero');
    expect(useEditor.getState().past).toHaveLength(1);
    act(() => useEditor.getState().undo());
    expect((screen.getByRole('textbox', { name: 'Label' }) as HTMLInputElement).value).toBe('');
  });
});
