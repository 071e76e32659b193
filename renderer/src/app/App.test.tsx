// @vitest-environment happy-dom
/**
 * The app shell through its UI, by role and name, over a fake of the contract in browser mode:
 * the start screen and templates, the unsaved marker and the question before losing changes,
 * save and open by typed path, recent files, the recovery offer and autosave, Run guarded by the
 * plan with progress from run events, settings, and menu commands.
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { parseGraph } from '../../../shared/graph';
import { useCanvasUi } from '../store/canvas-ui';
import { useEditor } from '../store/editor';
import { renderApp, setUpAppTests } from './test-app';
import { fake } from './test-transport';
import { assetNode, createFakeApi, edge, graphWith, seedanceNode } from './test-support';
import { TEMPLATES } from './templates';

vi.mock('../transport', async () => (await import('./test-transport')).fakeTransportModule());

setUpAppTests();

const graph = () => useEditor.getState().graph;

describe('the start screen', () => {
  it('offers a new graph, Open… and the example pipelines as templates', async () => {
    const user = renderApp();
    const templates = await screen.findByRole('list', { name: 'Templates' });
    const names = within(templates)
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(names).toEqual(['Extend a clip', 'First frame to last frame', 'Music video with an audio track', 'Restyle with reference images', 'Two looks, one pipeline']);
    expect(TEMPLATES).toHaveLength(5);
    expect(screen.getByRole('button', { name: 'New empty graph' })).toBeTruthy();
    expect(screen.getByRole('main', { name: 'Start' })).toBeTruthy();

    await user.click(within(templates).getByRole('button', { name: 'Extend a clip' }));
    expect(await screen.findByRole('group', { name: 'Seedance node Extension 1' })).toBeTruthy();
    expect(useEditor.getState().path).toBeNull();
    // A template is a new, unsaved graph.
    await waitFor(() => expect(document.title).toBe('● Extend a clip — Seedance Flow'));
    await waitFor(() => expect(screen.getByRole('status', { name: 'Messages' }).textContent).toMatch(/with its example media/));
    // Its media paths now point into the examples folder the Node side reported.
    const clip = useEditor.getState().graph.nodes.find((n) => n.id === 'clip');
    expect(clip?.type === 'asset' && clip.data.source).toEqual({ kind: 'file', path: '/repo/examples/media/clip.mp4' });
  });

  it('opens a template from the toolbar too, once the start screen is gone (asking before losing changes)', async () => {
    useEditor.getState().load(graphWith([seedanceNode('shot1', 'Mine')]), null, { dirty: true });
    const user = renderApp();
    await screen.findByRole('group', { name: 'Seedance node shot1' });
    await user.click(screen.getByRole('button', { name: 'Templates' }));
    const menu = await screen.findByRole('menu', { name: 'Templates' });
    // The templates load as the menu first opens.
    await waitFor(() => expect(within(menu).getAllByRole('menuitem').map((i) => i.textContent)).toEqual(TEMPLATES.map((t) => t.name)));
    await user.keyboard('{End}{Enter}');
    const ask = await screen.findByRole('alertdialog');
    await user.click(within(ask).getByRole('button', { name: /discard/i }));
    await waitFor(() => expect(document.title).toBe(`● ${TEMPLATES.at(-1)?.name ?? ''} — Seedance Flow`));
    expect(graph().nodes.some((n) => n.id === 'shot1' && n.type === 'seedance' && n.data.prompt === 'Mine')).toBe(false);
  });

  it('lists recent files, and opens one', async () => {
    fake.api.files.set('/work/a.seedance.json', `${JSON.stringify(graphWith([seedanceNode('shot1', 'Hi')], [], 'A'))}`);
    await fake.api['graph.open']({ path: '/work/a.seedance.json' });
    const user = renderApp();
    const recent = await screen.findByRole('list', { name: 'Recent files' });
    await user.click(within(recent).getByRole('button', { name: 'a.seedance.json' }));
    expect(await screen.findByRole('group', { name: 'Seedance node shot1' })).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('a.seedance.json — Seedance Flow'));
  });
});

describe('files', () => {
  it('marks unsaved changes in the title and asks Save / Discard / Cancel before losing them', async () => {
    const user = renderApp();
    await user.click(await screen.findByRole('button', { name: 'New empty graph' }));
    await waitFor(() => expect(document.title).toBe('Untitled — Seedance Flow'));
    await user.click(screen.getByRole('button', { name: 'Add Seedance node' }));
    await waitFor(() => expect(document.title).toBe('● Untitled — Seedance Flow'));
    expect(screen.getByLabelText('Unsaved changes')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'New' }));
    let question = await screen.findByRole('alertdialog', { name: 'Unsaved changes' });
    await user.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(graph().nodes).toHaveLength(1);
    expect(screen.queryByRole('alertdialog')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'New' }));
    question = await screen.findByRole('alertdialog', { name: 'Unsaved changes' });
    await user.click(within(question).getByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(graph().nodes).toHaveLength(0));
    await waitFor(() => expect(document.title).toBe('Untitled — Seedance Flow'));

    // Save from the question: browser mode asks for a path, then the new graph comes.
    await user.click(screen.getByRole('button', { name: 'Add Note node' }));
    await user.click(screen.getByRole('button', { name: 'New' }));
    question = await screen.findByRole('alertdialog', { name: 'Unsaved changes' });
    await user.click(within(question).getByRole('button', { name: 'Save' }));
    const pathDialog = await screen.findByRole('dialog', { name: 'Save graph as' });
    await user.type(within(pathDialog).getByRole('textbox', { name: 'File path' }), '/work/notes');
    await user.click(within(pathDialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(graph().nodes).toHaveLength(0));
    expect([...fake.api.files.keys()]).toEqual(['/work/notes.seedance.json']);
  });

  it('saves to a typed path, then opens it again from a typed path and from Open recent', async () => {
    useEditor.getState().load(graphWith([assetNode('clip', 'video', '/m/clip.mp4'), seedanceNode('shot1', 'Go [Video 1]')], [edge('e1', 'clip', 'shot1', 'video:1')]), null, { dirty: true });
    const user = renderApp();
    await screen.findByRole('group', { name: 'Seedance node shot1' });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const dialog = await screen.findByRole('dialog', { name: 'Save graph as' });
    await user.type(within(dialog).getByRole('textbox', { name: 'File path' }), '/work/pipeline.seedance.json{Enter}');
    await waitFor(() => expect(document.title).toBe('pipeline.seedance.json — Seedance Flow'));
    const saved = parseGraph(fake.api.files.get('/work/pipeline.seedance.json') ?? '');
    expect(saved.ok && saved.graph.edges).toEqual([edge('e1', 'clip', 'shot1', 'video:1')]);
    expect(fake.api.calls.some((c) => c.method === 'autosave.clear')).toBe(true);

    // Saving again goes to the same file without asking.
    await user.click(screen.getByRole('button', { name: 'Add Note node' }));
    await user.keyboard('{Control>}s{/Control}');
    await waitFor(() => expect(document.title).toBe('pipeline.seedance.json — Seedance Flow'));
    expect(screen.queryByRole('dialog', { name: 'Save graph as' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'New' }));
    await waitFor(() => expect(graph().nodes).toHaveLength(0));
    await user.click(screen.getByRole('button', { name: 'Open…' }));
    const open = await screen.findByRole('dialog', { name: 'Open graph' });
    await user.type(within(open).getByRole('textbox', { name: 'File path' }), '/work/pipeline.seedance.json');
    await user.click(within(open).getByRole('button', { name: 'Open' }));
    expect(await screen.findByRole('group', { name: 'Seedance node shot1' })).toBeTruthy();
    expect(graph().nodes).toHaveLength(3);

    await user.click(screen.getByRole('button', { name: 'New' }));
    await waitFor(() => expect(graph().nodes).toHaveLength(0));
    await user.click(screen.getByRole('button', { name: 'Open recent' }));
    const menu = await screen.findByRole('menu', { name: 'Recent files' });
    await user.click(within(menu).getByRole('menuitem', { name: 'pipeline.seedance.json' }));
    await waitFor(() => expect(graph().nodes).toHaveLength(3));
  });

  it('says why a file could not be opened', async () => {
    const user = renderApp();
    await user.click(await within(screen.getByRole('main', { name: 'Start' })).findByRole('button', { name: 'Open…' }));
    const open = await screen.findByRole('dialog', { name: 'Open graph' });
    await user.type(within(open).getByRole('textbox', { name: 'File path' }), '/nope.seedance.json{Enter}');
    await waitFor(() => expect(screen.getByRole('status', { name: 'Messages' }).textContent).toBe('Could not open: /nope.seedance.json does not exist any more.'));
  });

  it('offers to restore the recovery file on start', async () => {
    fake.api.recovery = { graph: graphWith([seedanceNode('shot1', 'kept')], [], 'Lost work'), path: '/work/lost.seedance.json', savedAt: '2025-01-01T00:00:00.000Z' };
    const user = renderApp();
    const offer = await screen.findByRole('alertdialog', { name: 'Restore unsaved work?' });
    expect(offer.textContent).toMatch(/lost\.seedance\.json/);
    await user.click(within(offer).getByRole('button', { name: 'Restore' }));
    expect(await screen.findByRole('group', { name: 'Seedance node shot1' })).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('● lost.seedance.json — Seedance Flow'));
  });

  it('discarding the recovery file clears it', async () => {
    fake.api.recovery = { graph: graphWith([seedanceNode('shot1', 'kept')]), path: null, savedAt: '2025-01-01T00:00:00.000Z' };
    const user = renderApp();
    await user.click(within(await screen.findByRole('alertdialog', { name: 'Restore unsaved work?' })).getByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(fake.api.recovery).toBeNull());
    expect(screen.getByRole('button', { name: 'New empty graph' })).toBeTruthy();
  });

  it('autosaves changes to the recovery file a moment after they happen, and guards closing the page', async () => {
    const user = renderApp({ autosaveMs: 30 });
    await user.click(await screen.findByRole('button', { name: 'New empty graph' }));
    await user.click(screen.getByRole('button', { name: 'Add Video node' }));
    await waitFor(() => expect(fake.api.recovery?.graph.nodes).toHaveLength(1));
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('simulated mode', () => {
  it('says Simulated on the toolbar while runs go to the built-in simulator; the badge opens Settings and goes when it is left', async () => {
    fake.api.connection = { baseUrl: 'http://127.0.0.1:40001', source: 'simulated', simulated: true };
    const user = renderApp();
    const badge = await screen.findByRole('button', { name: 'Simulated' });
    await user.click(badge);
    expect(await screen.findByRole('dialog', { name: 'Settings' })).toBeTruthy();
    fake.api.connection = { baseUrl: 'https://api.modellix.ai', source: 'default', simulated: false };
    fake.api.emit('settings.changed', await fake.api['settings.get']({}));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Simulated' })).toBeNull());
  });
});

describe('run', () => {
  it('keeps Run disabled with the reason while the plan has errors; a problem selects its node', async () => {
    useEditor.getState().load(graphWith([seedanceNode('shot1', 'Use [Video 1]')]), '/work/g.seedance.json');
    const user = renderApp();
    const run = await screen.findByRole('button', { name: 'Run' });
    expect((run as HTMLButtonElement).disabled).toBe(true);
    expect(run.getAttribute('aria-describedby')).toBeTruthy();
    const reason = document.getElementById(run.getAttribute('aria-describedby') ?? '');
    expect(reason?.textContent).toMatch(/^Fix \d+ problems? first/);

    const problems = screen.getByRole('list', { name: 'Problems in the graph' });
    const first = within(problems).getAllByRole('button')[0] as HTMLElement;
    expect(first.textContent).toMatch(/^Error: /);
    await user.click(first);
    expect(useCanvasUi.getState().selectedNodes).toEqual(['shot1']);
  });

  it('runs a valid graph: plan first, confirm above the thresholds, then progress and results from run events', async () => {
    useEditor.getState().load(graphWith([seedanceNode('shot1', 'A calm sea at dawn', 'seedance-2.0-t2v')]), '/work/g.seedance.json');
    await fake.api['settings.set']({ confirmTasksOver: 0 });
    fake.api['tasks.list'] = vi.fn(async () => ({
      tasks: [
        {
          taskKey: 'k1',
          runId: 'run-1',
          node: 'shot1',
          model: 'seedance-2.0-t2v',
          state: 'succeeded' as const,
          startedAt: '2025-01-01T00:00:00.000Z',
          outputs: [{ path: '/out/shot1.mp4', mediaId: 'out-1', kind: 'video' as const }],
        },
      ],
    }));
    const user = renderApp();
    const run = await screen.findByRole('button', { name: 'Run' });
    await waitFor(() => expect((run as HTMLButtonElement).disabled).toBe(false));

    await user.click(run);
    let confirm = await screen.findByRole('alertdialog', { name: 'Start this run?' });
    expect(confirm.textContent).toMatch(/1 paid task for about 5 seconds/);
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(fake.api['run.start']).not.toHaveBeenCalled();

    await user.click(run);
    confirm = await screen.findByRole('alertdialog', { name: 'Start this run?' });
    await user.click(within(confirm).getByRole('button', { name: 'Run 1 task' }));
    await waitFor(() => expect(fake.api['run.start']).toHaveBeenCalledWith({ graph: graph(), graphPath: '/work/g.seedance.json' }));
    // Each Run plans first (the run panel's quick estimate, `media: false`, is not one of these).
    const quick = (args: unknown) => (args as { media?: boolean }).media === false;
    expect(fake.api.calls.filter((c) => (c.method === 'plan' && !quick(c.args)) || c.method === 'run.start').map((c) => c.method)).toEqual(['plan', 'plan', 'run.start']);

    fake.api.emit('run.event', { type: 'run.started', runId: 'run-1', at: 1, graph: null, tasks: 1 });
    fake.api.emit('run.event', { type: 'task.status', runId: 'run-1', at: 2, node: 'shot1', taskId: 't1', status: 'processing' });
    const progress = await screen.findByRole('list', { name: 'Progress' });
    expect(progress.textContent).toBe('Seedance node shot1: running');
    const cancel = screen.getByRole('button', { name: 'Cancel run' }) as HTMLButtonElement;
    expect(cancel.disabled).toBe(false);
    await user.click(cancel);
    // Only this window's runs are cancelled.
    expect(fake.api['run.cancel']).toHaveBeenCalledWith({ runId: 'run-1' });
    await waitFor(() => expect(screen.getByRole('status', { name: 'Messages' }).textContent).toBe('Cancelled 1 run.'));

    fake.api.emit('run.event', { type: 'task.succeeded', runId: 'run-1', at: 3, node: 'shot1', taskId: 't1', outputs: ['/out/shot1.mp4'] });
    fake.api.emit('run.event', { type: 'node.done', runId: 'run-1', at: 4, node: 'shot1', ok: true });
    fake.api.emit('run.event', { type: 'run.done', runId: 'run-1', at: 5, ok: true, succeeded: 1, reused: 0, failed: 0, unknown: 0, cancelled: 0, skipped: 0 });
    const results = await screen.findByRole('list', { name: 'Results' });
    const video = within(results).getByLabelText('Result Seedance node shot1: shot1.mp4');
    expect(video.getAttribute('src')).toBe('/media/out-1');
    await waitFor(() => expect(screen.getByRole('status', { name: 'Messages' }).textContent).toBe('Run finished: 1 succeeded.'));
  });

  it("shows a node's results on it, from the ledger, newest first, with older ones a click away", async () => {
    fake.api.files.set('/work/g.seedance.json', JSON.stringify(graphWith([seedanceNode('shot1', 'A calm sea at dawn', 'seedance-2.0-t2v')])));
    const run = (runId: string, graphPath: string) => ({ runId, graphPath, startedAt: '2025-01-01T00:00:00.000Z', outcome: 'succeeded' as const, tasks: 1 });
    fake.api['runs.list'] = vi.fn(async () => ({ runs: [run('r1', '/work/g.seedance.json'), run('r2', '/work/g.seedance.json'), run('r3', '/work/other.seedance.json')] }));
    const view = (runId: string, day: number) => ({
      taskKey: `k-${runId}`,
      runId,
      node: 'shot1',
      model: 'seedance-2.0-t2v',
      state: 'succeeded' as const,
      taskId: `t-${runId}`,
      startedAt: `2025-01-0${day}T00:00:00.000Z`,
      endedAt: `2025-01-0${day}T00:01:00.000Z`,
      outputs: [
        { path: `/out/${runId}/shot1.mp4`, mediaId: `m-${runId}`, kind: 'video' as const },
        { path: `/out/${runId}/shot1-last.png`, mediaId: `f-${runId}`, kind: 'image' as const },
      ],
    });
    fake.api['tasks.list'] = vi.fn(async () => ({ tasks: [view('r1', 1), view('r2', 2), view('r3', 3)] }));
    const reveal = vi.fn(async () => ({ shown: true }));
    fake.api['shell.reveal'] = reveal;
    const user = renderApp();
    // After user-event's setup, which puts a clipboard of its own in place.
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    await user.click(await within(screen.getByRole('main', { name: 'Start' })).findByRole('button', { name: 'Open…' }));
    const open = await screen.findByRole('dialog', { name: 'Open graph' });
    await user.type(within(open).getByRole('textbox', { name: 'File path' }), '/work/g.seedance.json{Enter}');
    const node = await screen.findByRole('group', { name: 'Seedance node shot1' });
    const results = await within(node).findByRole('region', { name: 'Results' });
    expect(results.textContent).toMatch(/Result 1 of 2/);
    expect(within(results).getByLabelText('Result video shot1.mp4').getAttribute('src')).toBe('/media/m-r2');
    expect(within(results).getByRole('img', { name: 'Last frame shot1-last.png' }).getAttribute('src')).toBe('/media/f-r2');
    expect((within(results).getByRole('button', { name: 'Newer result' }) as HTMLButtonElement).disabled).toBe(true);

    await user.click(within(results).getByRole('button', { name: 'Older result' }));
    expect(results.textContent).toMatch(/Result 2 of 2/);
    expect(within(results).getByLabelText('Result video shot1.mp4').getAttribute('src')).toBe('/media/m-r1');
    expect((within(results).getByRole('button', { name: 'Older result' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(within(results).getByRole('button', { name: 'Show in folder' }));
    expect(reveal).toHaveBeenCalledWith({ path: '/out/r1/shot1.mp4' });
    // Browser mode has no file browser to show: the window says where the file is.
    reveal.mockResolvedValueOnce({ shown: false });
    await user.click(within(results).getByRole('button', { name: 'Show in folder' }));
    await waitFor(() => expect(screen.getByRole('status', { name: 'Messages' }).textContent).toMatch(/cannot open a file browser \(browser mode\): the file is \/out\/r1\/shot1\.mp4/));
    // Open: the system's player on the desktop; where the host cannot, the preview in a new tab.
    const openTab = vi.spyOn(window, 'open').mockReturnValue(null);
    await user.click(within(results).getByRole('button', { name: 'Open' }));
    await waitFor(() => expect(openTab).toHaveBeenCalledWith('/media/m-r1', '_blank', 'noopener'));
    fake.api['shell.open'] = vi.fn(async () => ({ opened: true }));
    await user.click(within(results).getByRole('button', { name: 'Open' }));
    await waitFor(() => expect(fake.api['shell.open']).toHaveBeenCalledWith({ path: '/out/r1/shot1.mp4' }));
    expect(openTab).toHaveBeenCalledTimes(1);
    openTab.mockRestore();
    await user.click(within(results).getByRole('button', { name: 'Copy task id' }));
    expect(writeText).toHaveBeenCalledWith('t-r1');
  });

  it('Run again always asks, says it pays again, and sends the run with force; Cancel sends nothing', async () => {
    useEditor.getState().load(graphWith([seedanceNode('shot1', 'A calm sea at dawn', 'seedance-2.0-t2v')]), '/work/g.seedance.json');
    const user = renderApp();
    const again = await screen.findByRole('button', { name: 'Run again' });
    await waitFor(() => expect((again as HTMLButtonElement).disabled).toBe(false));
    await user.click(again);
    let ask = await screen.findByRole('alertdialog', { name: 'Run again and pay again?' });
    expect(ask.textContent).toMatch(/pays for each .* even where an earlier result could be reused/);
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(fake.api['run.start']).not.toHaveBeenCalled();
    await user.click(again);
    ask = await screen.findByRole('alertdialog', { name: 'Run again and pay again?' });
    await user.click(within(ask).getByRole('button', { name: 'Pay for 1 task' }));
    await waitFor(() => expect(fake.api['run.start']).toHaveBeenCalledWith({ graph: graph(), graphPath: '/work/g.seedance.json', force: true }));
  });

  it('a node’s own Run button runs that node (with its target); Run from here on a wired asset runs what it feeds', async () => {
    const clip = assetNode('clip', 'video', '/m/clip.mp4');
    const shot = { id: 'shot1', type: 'seedance' as const, position: { x: 400, y: 0 }, data: { model: 'seedance-2.0-v2v' as const, prompt: 'Restyle [Video 1]', settings: {}, label: 'Restyle' } };
    useEditor.getState().load(graphWith([clip, shot], [edge('e1', 'clip', 'shot1', 'video:1')]), '/work/g.seedance.json');
    const user = renderApp();
    await user.click(await screen.findByRole('button', { name: 'Run Restyle' }));
    await waitFor(() => expect(fake.api['run.start']).toHaveBeenCalledWith({ graph: graph(), graphPath: '/work/g.seedance.json', target: { node: 'shot1', scope: 'node' } }));
    expect(useCanvasUi.getState().selectedNodes).toEqual(['shot1']);
    await user.click(screen.getByRole('button', { name: 'Run from clip.mp4' }));
    await waitFor(() => expect(fake.api['run.start']).toHaveBeenLastCalledWith({ graph: graph(), graphPath: '/work/g.seedance.json', target: { node: 'clip', scope: 'from' } }));
  });

  it('Run several times asks how many, then starts that many runs in one call (asking first above the thresholds)', async () => {
    useEditor.getState().load(graphWith([seedanceNode('shot1', 'A calm sea at dawn', 'seedance-2.0-t2v')]), '/work/g.seedance.json');
    await fake.api['settings.set']({ confirmTasksOver: 3 });
    const user = renderApp();
    await waitFor(() => expect((screen.getByRole('button', { name: 'Run' }) as HTMLButtonElement).disabled).toBe(false));
    await user.keyboard('/');
    const quick = await screen.findByRole('dialog', { name: /quick add/i });
    await user.type(within(quick).getByRole('combobox'), 'several');
    await user.keyboard('{Enter}');
    const ask = await screen.findByRole('dialog', { name: 'Run several times' });
    const runs = within(ask).getByRole('spinbutton', { name: 'Runs' });
    await user.clear(runs);
    await user.type(runs, '4');
    await user.click(within(ask).getByRole('button', { name: 'Run 4 times' }));
    // 4 tasks is above the threshold of 3: asked, with the total.
    const confirm = await screen.findByRole('alertdialog', { name: 'Start this run?' });
    expect(confirm.textContent).toMatch(/4 paid tasks for about 20 seconds/);
    await user.click(within(confirm).getByRole('button', { name: 'Run 4 tasks' }));
    await waitFor(() => expect(fake.api['run.start']).toHaveBeenCalledWith({ graph: graph(), graphPath: '/work/g.seedance.json', runs: 4 }));
  });

  it('ends a run whose events all arrive before run.start answers (every node reused): Reused with its outputs, nothing left running', async () => {
    useEditor.getState().load(graphWith([seedanceNode('shot1', 'A calm sea at dawn', 'seedance-2.0-t2v')]), '/work/g.seedance.json');
    const reusedView = {
      taskKey: 'reused:run-2:shot1',
      runId: 'run-2',
      node: 'shot1',
      model: 'seedance-2.0-t2v',
      state: 'succeeded' as const,
      startedAt: '2025-01-01T00:00:00.000Z',
      outputs: [{ path: '/out/run-1/shot1.mp4', mediaId: 'out-1', kind: 'video' as const }],
      reusedFrom: { taskKey: 'k1', taskId: 't1' },
    };
    fake.api['tasks.list'] = vi.fn(async ({ runId }) => ({ tasks: runId === 'run-2' ? [reusedView] : [] }));
    const emit = (event: Parameters<typeof fake.api.emit<'run.event'>>[1]) => fake.api.emit('run.event', event);
    fake.api['run.start'] = vi.fn(async () => {
      // A run that another window started, still going: it must not show here.
      emit({ type: 'run.started', runId: 'elsewhere', at: 0, graph: null, tasks: 1 });
      emit({ type: 'task.status', runId: 'elsewhere', at: 0, node: 'shot1', taskId: 'x', status: 'processing' });
      // The engine finishes an all-reused run before the call answers.
      emit({ type: 'run.started', runId: 'run-2', at: 1, graph: null, tasks: 1 });
      emit({ type: 'task.queued', runId: 'run-2', at: 2, node: 'shot1', model: 'seedance-2.0-t2v' });
      emit({ type: 'task.reused', runId: 'run-2', at: 3, node: 'shot1', taskId: 't1', outputs: ['/out/run-1/shot1.mp4'], reason: 'same request and fixed seed as task t1; nothing was paid' });
      emit({ type: 'node.done', runId: 'run-2', at: 4, node: 'shot1', ok: true });
      emit({ type: 'run.done', runId: 'run-2', at: 5, ok: true, succeeded: 0, reused: 1, failed: 0, unknown: 0, cancelled: 0, skipped: 0 });
      return { runIds: ['run-2'] };
    });
    const user = renderApp();
    const run = await screen.findByRole('button', { name: 'Run' });
    await waitFor(() => expect((run as HTMLButtonElement).disabled).toBe(false));
    await user.click(run);

    await waitFor(() => expect(screen.getByRole('status', { name: 'Messages' }).textContent).toBe('Run finished: 1 reused.'));
    expect(document.getElementById(run.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Ready to run.');
    expect((screen.getByRole('button', { name: 'Cancel run' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('list', { name: 'Progress' }).textContent).toBe('Seedance node shot1: reused');
    const node = screen.getByRole('group', { name: 'Seedance node shot1' });
    expect(within(node).getByRole('status', { name: 'Run status' }).textContent).toMatch(/^Reused an earlier result: same request/);
    const results = await screen.findByRole('list', { name: 'Results' });
    const video = within(results).getByLabelText('Result Seedance node shot1: shot1.mp4 (reused)');
    expect(video.getAttribute('src')).toBe('/media/out-1');
    expect(fake.api['tasks.list']).toHaveBeenCalledWith({ runId: 'run-2' });
    expect(fake.api['tasks.list']).not.toHaveBeenCalledWith({ runId: 'elsewhere' });

    // The other window's run goes on and ends: this window's state stays as it was.
    emit({ type: 'task.failed', runId: 'elsewhere', at: 6, node: 'shot1', outcome: 'failed', message: 'refused' });
    emit({ type: 'run.done', runId: 'elsewhere', at: 7, ok: false, succeeded: 0, reused: 0, failed: 1, unknown: 0, cancelled: 0, skipped: 0 });
    expect(screen.getByRole('list', { name: 'Progress' }).textContent).toBe('Seedance node shot1: reused');
    expect(screen.getByRole('status', { name: 'Messages' }).textContent).toBe('Run finished: 1 reused.');
  });

  it('shows why the Node side refused the plan', async () => {
    useEditor.getState().load(graphWith([seedanceNode('shot1', 'A calm sea', 'seedance-2.0-t2v')]), null);
    fake.api.plan = vi.fn(async () => ({ ok: false, tasks: [], issues: [], problems: ['/m/clip.mp4 does not exist.'], videoSeconds: 0, summary: { runs: 1, planned: 0, tasks: 0, seconds: 0, lines: [], usd: null, missing: [], simulated: false }, kept: [] }));
    const user = renderApp();
    await user.click(await screen.findByRole('button', { name: 'Run' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('list', { name: 'Why the run did not start' }).textContent).toBe('/m/clip.mp4 does not exist.');
  });
});

describe('settings and menu commands', () => {
  it('shows the key status and asks for plain-text consent only when the OS cannot encrypt', async () => {
    const user = renderApp();
    await user.click(await screen.findByRole('button', { name: 'Settings…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    await waitFor(() => expect(within(dialog).getByRole('status', { name: 'API key status' }).textContent).toBe('No key is set. Kept in a file only your user account can read.'));
    const consent = within(dialog).getByRole('checkbox', { name: /plain-text file/ });
    await user.type(within(dialog).getByLabelText('API key'), 'mx-secret-key-123');
    await user.click(consent);
    await user.click(within(dialog).getByRole('button', { name: 'Set key' }));
    await waitFor(() => expect(fake.api['key.set']).toHaveBeenCalledWith({ key: 'mx-secret-key-123', allowPlainText: true }));
    expect((within(dialog).getByLabelText('API key') as HTMLInputElement).value).toBe('');
    await user.click(within(dialog).getByRole('button', { name: 'Validate key' }));
    expect(await within(dialog).findByText('Modellix accepted the key.')).toBeTruthy();

    const concurrency = within(dialog).getByRole('spinbutton', { name: 'Tasks at once (concurrency)' });
    await user.clear(concurrency);
    await user.type(concurrency, '2');
    await user.click(within(dialog).getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(fake.api['settings.set']).toHaveBeenCalledWith(expect.objectContaining({ concurrency: 2 })));
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));

    cleanup();
    fake.api = createFakeApi({ encryptionAvailable: true });
    const again = renderApp();
    await again.click(await screen.findByRole('button', { name: 'Settings…' }));
    const second = await screen.findByRole('dialog', { name: 'Settings' });
    await within(second).findByText(/No key is set/);
    expect(within(second).queryByRole('checkbox', { name: /plain-text file/ })).toBeNull();
  });

  it('menu commands from the desktop trigger the same actions', async () => {
    useEditor.getState().load(graphWith([seedanceNode('shot1', 'x')]), '/work/g.seedance.json');
    renderApp();
    await screen.findByRole('group', { name: 'Seedance node shot1' });
    fake.api.emit('menu.command', { command: 'shortcuts' });
    expect(await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })).toBeTruthy();
    fake.api.emit('menu.command', { command: 'settings' });
    expect(await screen.findByRole('dialog', { name: 'Settings' })).toBeTruthy();
  });

  it('a menu command the window does not know is reported, not dropped in silence', async () => {
    renderApp();
    await screen.findByRole('button', { name: 'New empty graph' });
    fake.api.emitRaw('menu.command', { command: 'frobnicate' });
    await waitFor(() =>
      expect(screen.getByRole('status', { name: 'Messages' }).textContent).toMatch(
        /The menu sent a command this window does not know \("frobnicate"\), so nothing was done\. Restart Seedance Flow/,
      ),
    );
  });

  it('the toolbar’s buttons carry the registry’s labels, key hints and disabled reasons', async () => {
    renderApp();
    const toolbar = await screen.findByRole('toolbar', { name: 'File and run' });
    const save = within(toolbar).getByRole('button', { name: 'Save' });
    expect(save.getAttribute('aria-keyshortcuts')).toBe('Control+S');
    expect(save.title).toBe('Save (Ctrl+S)');
    const run = within(toolbar).getByRole('button', { name: 'Run' });
    expect(run.hasAttribute('disabled')).toBe(true);
    expect(run.title).toBe('Add a Seedance node to run.');
    expect(within(toolbar).getByRole('button', { name: 'Cancel run' }).title).toBe('Nothing is running.');
  });
});

describe('quitting', () => {
  it('says it waits for submits already sent, so their task ids are kept', async () => {
    renderApp();
    fake.api.emit('app.quitting', { submits: 2, waitMs: 10_000 });
    await waitFor(() =>
      expect(screen.getByRole('status', { name: 'Messages' }).textContent).toMatch(/Quitting: waiting up to 10 s for 2 submits already sent to answer, so their task ids are kept/),
    );
  });
});

describe('after a crash', () => {
  it('offers to resume unfinished runs and says which lost submits are never re-sent', async () => {
    (fake.api['runs.list'] as unknown as { mockResolvedValue: (v: unknown) => void }).mockResolvedValue({
      runs: [{ runId: 'crashed', graphPath: null, startedAt: new Date().toISOString(), outcome: 'running', tasks: 2 }],
    });
    const user = renderApp();
    const resume = await screen.findByRole('button', { name: 'Resume unfinished runs' });
    expect(screen.getByText(/1 run was left unfinished/)).toBeTruthy();
    await user.click(resume);
    expect(fake.api.calls.some((c) => c.method === 'run.resume')).toBe(true);
    await waitFor(() =>
      expect(screen.getByRole('status', { name: 'Messages' }).textContent).toMatch(/Resuming 1 run\. 1 submit lost its answer \(shot1\): it is never re-sent/),
    );
    expect(screen.getByRole('status', { name: 'Messages' }).textContent).toMatch(/1 unfinished run belongs to http:\/\/127\.0\.0\.1:8977: set that Modellix URL in Settings to finish it/);
    expect(screen.queryByRole('button', { name: 'Resume unfinished runs' })).toBeNull();
  });
});

