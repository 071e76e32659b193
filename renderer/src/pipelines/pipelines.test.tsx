// @vitest-environment happy-dom
/**
 * Pipeline nodes through the UI, by role and name: ports and variable fields, placing from the
 * library, the update notice, opening in place with the breadcrumb back (edits kept, one undo
 * step), saving as a pipeline, and group / ungroup.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GraphDocument, GraphNode, PipelineNode } from '../../../shared/graph';
import { App } from '../app/App';
import { assetNode, createFakeApi, edge, graphWith, pipelineEntryOf, resetStores, seedanceNode, servicesOf, type FakeApi } from '../app/test-support';
import { installLayoutStubs } from '../canvas/test-dom';
import { useCanvasUi } from '../store/canvas-ui';
import { useEditor } from '../store/editor';
import { useShell } from '../store/shell';
import { useLibrary } from './library';
import { restyle } from '../../../test/support/pipelines';
import { useNesting } from './hooks';

const fake = vi.hoisted(() => ({ api: undefined as unknown as FakeApi }));
vi.mock('../transport', () => ({
  get api() {
    return fake.api;
  },
  mediaUrl: (id: string) => `/media/${id}`,
}));

installLayoutStubs();

/** Input `clip` (video); one Seedance node; output `result`; variable `mood`. */
function extendPipeline(prompt = 'Extend [Video 1], {{mood}}'): GraphDocument {
  const clip: GraphNode = { id: 'clip', type: 'asset', position: { x: 0, y: 0 }, data: { media: 'video', name: 'clip' } };
  const g = graphWith([clip, seedanceNode('ext', prompt)], [edge('e1', 'clip', 'ext', 'video:1')], 'Extend');
  return { ...g, variables: [{ name: 'mood', value: 'calm' }], outputs: [{ name: 'result', node: 'ext', output: 'video' }] };
}

const LIB = '/data/pipelines/Extend.seedance.json';

beforeEach(() => {
  fake.api = createFakeApi();
  useLibrary.setState({ entries: [], problems: [], loaded: false, error: null });
  useNesting.setState({ levels: [] });
});
afterEach(cleanup);

async function renderWith(graph: GraphDocument) {
  resetStores(graph);
  useShell.setState({ startDismissed: true });
  const user = userEvent.setup();
  render(<App services={servicesOf(fake.api)} />);
  await screen.findByRole('application', { name: 'Canvas' });
  return user;
}

const graph = () => useEditor.getState().graph;
const pipelineOf = (id: string) => graph().nodes.find((n): n is PipelineNode => n.id === id && n.type === 'pipeline');

describe('pipeline nodes on the canvas', () => {
  it('shows typed ports and variable fields, and sets a variable on the node', async () => {
    const entry = pipelineEntryOf(extendPipeline(), LIB);
    fake.api.pipelines = [entry];
    const user = await renderWith(
      graphWith(
        [assetNode('src', 'video', '/clips/a.mp4'), { id: 'p', type: 'pipeline', position: { x: 400, y: 0 }, data: { graph: extendPipeline(), source: { path: LIB, hash: entry.hash } } }],
        [edge('w1', 'src', 'p', 'in:clip')],
      ),
    );
    const node = await screen.findByRole('group', { name: 'Pipeline Extend' });
    expect(within(node).getByRole('button', { name: 'Input clip' })).toBeTruthy();
    expect(within(node).getByText('a.mp4')).toBeTruthy();
    expect(within(node).getByRole('button', { name: 'Extend result output' })).toBeTruthy();
    const mood = within(node).getByRole('textbox', { name: 'mood' });
    expect(mood.getAttribute('placeholder')).toBe('calm');
    await user.type(mood, 'bold');
    expect(pipelineOf('p')?.data.variables).toEqual({ mood: 'bold' });
    // The file is the version placed: no update offered.
    await waitFor(() => expect(useLibrary.getState().loaded).toBe(true));
    expect(within(node).queryByRole('button', { name: 'Update pipeline Extend' })).toBeNull();
  });

  it('offers the newer version of a changed pipeline file, and Update takes it', async () => {
    const old = pipelineEntryOf(extendPipeline(), LIB);
    const changed = pipelineEntryOf(extendPipeline('Extend [Video 1] slowly, {{mood}}'), LIB);
    fake.api.pipelines = [changed];
    const user = await renderWith(graphWith([{ id: 'p', type: 'pipeline', position: { x: 400, y: 0 }, data: { graph: old.graph, source: { path: LIB, hash: old.hash }, variables: { mood: 'bold' } } }]));
    const node = await screen.findByRole('group', { name: 'Pipeline Extend' });
    await user.click(await within(node).findByRole('button', { name: 'Update pipeline Extend' }));
    const updated = pipelineOf('p');
    expect(updated?.data.source?.hash).toBe(changed.hash);
    expect(updated?.data.variables).toEqual({ mood: 'bold' });
    const inner = updated?.data.graph.nodes.find((n) => n.id === 'ext');
    expect(inner?.type === 'seedance' && inner.data.prompt).toBe('Extend [Video 1] slowly, {{mood}}');
    expect(within(node).queryByRole('button', { name: 'Update pipeline Extend' })).toBeNull();
  });

  it('wires pipeline ports from the keyboard in the Connections dialog, with the same typing rules', async () => {
    const user = await renderWith(
      graphWith([assetNode('src', 'video', '/clips/a.mp4'), assetNode('still', 'image', '/clips/s.png', 0, 300), { id: 'p', type: 'pipeline', position: { x: 400, y: 0 }, data: { graph: extendPipeline() } }, seedanceNode('after', 'Slow [Video 1]', 'seedance-2.0-v2v', 900)]),
    );
    await screen.findByRole('group', { name: 'Pipeline Extend' });
    await user.click(screen.getByRole('button', { name: 'Connections…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Connections' });
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'From' }), 'Image asset s.png');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'To' }), 'Pipeline Extend: input clip');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('Input "clip" takes a video, not an image.');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'From' }), 'Video asset a.mp4');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'From' }), 'Pipeline Extend: result');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'To' }), 'Seedance node after: [Video 1]');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    expect(graph().edges.map((e) => `${e.source}.${e.sourceHandle}->${e.target}.${e.targetHandle}`).sort()).toEqual(['p.out:result->after.video:1', 'src.media->p.in:clip']);
  });

  it('places a pipeline from the library in the palette', async () => {
    fake.api.pipelines = [pipelineEntryOf(extendPipeline(), LIB)];
    const user = await renderWith(graphWith([]));
    await user.click(await screen.findByRole('button', { name: 'Pipelines' }));
    await user.click(await screen.findByRole('button', { name: 'Add pipeline Extend' }));
    expect(await screen.findByRole('group', { name: 'Pipeline Extend' })).toBeTruthy();
    expect(pipelineOf('extend')?.data.source).toEqual({ path: LIB, hash: fake.api.pipelines[0]?.hash });
  });

  it('refuses to place a pipeline inside the file it comes from', async () => {
    fake.api.pipelines = [pipelineEntryOf(extendPipeline(), LIB)];
    resetStores(extendPipeline(), LIB);
    useShell.setState({ startDismissed: true });
    const user = userEvent.setup();
    render(<App services={servicesOf(fake.api)} />);
    await user.click(await screen.findByRole('button', { name: 'Pipelines' }));
    await user.click(await screen.findByRole('button', { name: 'Add pipeline Extend' }));
    expect(graph().nodes.some((n) => n.type === 'pipeline')).toBe(false);
    expect(useEditor.getState().notice?.text).toBe('"Extend" is the graph open here: a pipeline cannot be used inside itself.');
  });

  it('opens in place with a breadcrumb back; edits inside become one undo step of the graph', async () => {
    const user = await renderWith(graphWith([{ id: 'p', type: 'pipeline', position: { x: 400, y: 0 }, data: { graph: extendPipeline() } }]));
    const node = await screen.findByRole('group', { name: 'Pipeline Extend' });
    await user.click(within(node).getByRole('button', { name: 'Open pipeline Extend' }));
    const crumbs = await screen.findByRole('navigation', { name: 'Pipeline path' });
    expect(within(crumbs).getByText('Extend').getAttribute('aria-current')).toBe('page');
    const inner = await screen.findByRole('group', { name: 'Seedance node ext' });
    await user.clear(within(inner).getByRole('textbox', { name: 'Node name' }));
    await user.type(within(inner).getByRole('textbox', { name: 'Node name' }), 'Extension');
    await user.click(within(crumbs).getByRole('button', { name: 'Back to the graph' }));
    expect(await screen.findByRole('group', { name: 'Pipeline Extend' })).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Pipeline path' })).toBeNull();
    const ext = pipelineOf('p')?.data.graph.nodes.find((n) => n.id === 'ext');
    expect(ext?.type === 'seedance' && ext.data.label).toBe('Extension');
    expect(useEditor.getState().past.at(-1)?.label).toBe('edit pipeline "Extend"');
    useEditor.getState().undo();
    const undone = pipelineOf('p')?.data.graph.nodes.find((n) => n.id === 'ext');
    expect(undone?.type === 'seedance' && undone.data.label).toBeUndefined();
  });

  it('opens a pipeline inside a pipeline, and the breadcrumb goes back one level or all the way', async () => {
    const user = await renderWith(graphWith([{ id: 'outer', type: 'pipeline', position: { x: 400, y: 0 }, data: { graph: restyle() } }]));
    await user.click(within(await screen.findByRole('group', { name: 'Pipeline Restyle' })).getByRole('button', { name: 'Open pipeline Restyle' }));
    await user.click(within(await screen.findByRole('group', { name: 'Pipeline Extend twice' })).getByRole('button', { name: 'Open pipeline Extend twice' }));
    const crumbs = await screen.findByRole('navigation', { name: 'Pipeline path' });
    await within(crumbs).findByText('Extend twice');
    expect(useNesting.getState().levels.map((l) => l.name)).toEqual(['Restyle', 'Extend twice']);
    await screen.findByRole('group', { name: 'Seedance node ext2' });
    await user.click(within(crumbs).getByRole('button', { name: 'Restyle' }));
    await screen.findByRole('group', { name: 'Pipeline Extend twice' });
    expect(useNesting.getState().levels.map((l) => l.name)).toEqual(['Restyle']);
    await user.click(screen.getByRole('button', { name: 'Back to the graph' }));
    await screen.findByRole('group', { name: 'Pipeline Restyle' });
    expect(useNesting.getState().levels).toEqual([]);
    // Nothing was edited: no undo step was made.
    expect(useEditor.getState().past).toEqual([]);
  });

  it('saves a pipeline open in place back into the library, and its node takes that version', async () => {
    const entry = pipelineEntryOf(extendPipeline(), LIB);
    fake.api.pipelines = [entry];
    const user = await renderWith(graphWith([{ id: 'p', type: 'pipeline', position: { x: 400, y: 0 }, data: { graph: entry.graph, source: { path: LIB, hash: entry.hash } } }]));
    const node = await screen.findByRole('group', { name: 'Pipeline Extend' });
    await user.click(within(node).getByRole('button', { name: 'Open pipeline Extend' }));
    const inner = await screen.findByRole('group', { name: 'Seedance node ext' });
    await user.type(within(inner).getByRole('textbox', { name: 'Node name' }), 'Extension');
    await user.click(within(screen.getByRole('navigation', { name: 'Pipeline path' })).getByRole('button', { name: 'Save to the library' }));
    await waitFor(() => expect(useEditor.getState().notice?.text).toBe(`Saved the pipeline to ${LIB}.`));
    const saved = fake.api.calls.find((c) => c.method === 'pipelines.save')?.args as { name: string; replace: boolean };
    expect(saved).toMatchObject({ name: 'Extend', replace: true });
    await user.click(screen.getByRole('button', { name: 'Back to the graph' }));
    const placed = pipelineOf('p');
    expect(placed?.data.source?.hash).toBe(fake.api.pipelines[0]?.hash);
    expect(placed?.data.source?.hash).not.toBe(entry.hash);
    // The node holds the version it was saved as: no update is offered.
    const back = await screen.findByRole('group', { name: 'Pipeline Extend' });
    await waitFor(() => expect(useLibrary.getState().entries[0]?.hash).toBe(placed?.data.source?.hash));
    expect(within(back).queryByRole('button', { name: 'Update pipeline Extend' })).toBeNull();
  });

  it('saves the graph as a pipeline with the outputs chosen', async () => {
    const user = await renderWith(extendPipeline());
    await user.click(await screen.findByRole('button', { name: 'Pipelines' }));
    const form = await screen.findByRole('form', { name: 'Save as pipeline' });
    expect(within(form).getByRole('checkbox', { name: 'ext · result video' })).toHaveProperty('checked', true);
    await user.type(within(form).getByRole('textbox', { name: 'Pipeline name' }), 'Extend it');
    await user.click(within(form).getByRole('button', { name: 'Save as pipeline' }));
    expect(await screen.findByText(/Saved the pipeline "Extend" to \/data\/pipelines\/Extend it\.seedance\.json/)).toBeTruthy();
    const saved = fake.api.calls.find((c) => c.method === 'pipelines.save')?.args as { graph: GraphDocument; name: string };
    expect(saved.name).toBe('Extend it');
    expect(saved.graph.outputs).toEqual([{ name: 'ext', node: 'ext', output: 'video' }]);
    expect(await screen.findByRole('button', { name: 'Add pipeline Extend' })).toBeTruthy();
  });

  it('groups the selected nodes into a pipeline node and ungroups it, keeping the wires', async () => {
    const start = graphWith(
      [assetNode('src', 'video', '/clips/a.mp4'), seedanceNode('shot1', 'Restyle [Video 1]'), seedanceNode('shot2', 'Extend [Video 1]', 'seedance-2.0-fast-v2v', 800)],
      [edge('e1', 'src', 'shot1', 'video:1'), edge('e2', 'shot1', 'shot2', 'video:1', 'video')],
    );
    const user = await renderWith(start);
    useCanvasUi.getState().select(['shot1']);
    await user.click(await screen.findByRole('button', { name: 'Pipelines' }));
    await user.type(screen.getByRole('textbox', { name: 'Group name' }), 'Restyle');
    await user.click(screen.getByRole('button', { name: 'Group selected into a pipeline' }));
    const node = await screen.findByRole('group', { name: 'Pipeline Restyle' });
    expect(graph().edges.map((e) => `${e.source}.${e.sourceHandle}->${e.target}.${e.targetHandle}`).sort()).toEqual(['restyle.out:shot1->shot2.video:1', 'src.media->restyle.in:src']);
    await user.click(within(node).getByRole('button', { name: 'Ungroup pipeline Restyle' }));
    await screen.findByRole('group', { name: 'Seedance node shot1' });
    expect(graph().edges.map((e) => `${e.source}.${e.sourceHandle}->${e.target}.${e.targetHandle}`).sort()).toEqual(['shot1.video->shot2.video:1', 'src.media->shot1.video:1']);
  });
});
