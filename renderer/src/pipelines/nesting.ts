/**
 * Opening a pipeline node in place: the editor shows the graph the node embeds, with a breadcrumb
 * back to the graph using it. The graph using it waits here, untouched, with its file, saved
 * state and undo history; going back writes the edited graph into the node as one undo step of
 * the outer graph. Saving, running and autosave work on the whole document: they compose it
 * first (hooks.ts `documentNow`), so a pipeline open in place is never saved over its parent's
 * file. Loaded with the pipeline node (on demand): opening one is the only way in.
 */
import type { SeedanceApi } from '../../../shared/api';
import { findNode, type GraphDocument } from '../../../shared/graph';
import { refreshLibrary } from './library';
import { deepEqual } from '../../../shared/util/deep-equal';
import { useCanvasUi } from '../store/canvas-ui';
import { useEditor, type EditorState } from '../store/editor';
import { nestingHooks, useNesting, type NestingLevel as Level } from './hooks';

function restartCanvas(focus?: string): void {
  useCanvasUi.setState((s) => ({ selectedNodes: focus ? [focus] : [], selectedEdges: [], dialog: null, focus: focus ? { id: focus, nonce: (s.focus?.nonce ?? 0) + 1 } : null, pastes: 0, docKey: s.docKey + 1 }));
}

/** The contract, for saving back to the pipeline file (given by the node that opened the level). */
let library: Pick<SeedanceApi, 'pipelines.save' | 'pipelines.list'> | undefined;

/** Shows the graph a pipeline node embeds in the editor. */
export function openPipeline(nodeId: string, name: string, api?: Pick<SeedanceApi, 'pipelines.save' | 'pipelines.list'>): boolean {
  if (api) library = api;
  const state = useEditor.getState();
  const node = findNode(state.graph, nodeId);
  if (node?.type !== 'pipeline') return false;
  const level: Level = { nodeId, name, graph: state.graph, path: state.path, savedGraph: state.savedGraph, past: state.past, future: state.future };
  useNesting.setState((s) => ({ levels: [...s.levels, level] }));
  const inner = node.data.graph;
  useEditor.setState({ graph: inner, path: null, savedGraph: inner, past: [], future: [], typing: null, notice: null });
  restartCanvas();
  return true;
}

const withoutViewport = (g: GraphDocument) => ({ ...g, viewport: { x: 0, y: 0, zoom: 1 } });

/** The outer graph with the edited inner one written into its pipeline node (the same object when nothing changed). */
function composed(level: Level, inner: GraphDocument): GraphDocument {
  const node = findNode(level.graph, level.nodeId);
  if (node?.type !== 'pipeline' || deepEqual(withoutViewport(node.data.graph), withoutViewport(inner))) return level.graph;
  return { ...level.graph, nodes: level.graph.nodes.map((n) => (n.id === level.nodeId && n.type === 'pipeline' ? { ...n, data: { ...n.data, graph: inner } } : n)) };
}

/** Goes back `count` levels (all by default), keeping the edits made inside. */
export function closeLevels(count = Infinity): void {
  const levels = [...useNesting.getState().levels];
  if (levels.length === 0) return;
  let inner = useEditor.getState().graph;
  let focus: string | undefined;
  for (let i = 0; i < count && levels.length > 0; i++) {
    const level = levels.pop() as Level;
    const outer = composed(level, inner);
    const changed = outer !== level.graph;
    useEditor.setState({
      graph: outer,
      path: level.path,
      savedGraph: level.savedGraph,
      past: changed ? [...level.past, { graph: level.graph, label: `edit pipeline "${level.name}"` }] : level.past,
      future: changed ? [] : level.future,
      typing: null,
    });
    inner = outer;
    focus = level.nodeId;
  }
  useNesting.setState({ levels });
  restartCanvas(focus);
}

/** The whole document as it would be saved now, with any pipeline open in place written back. */
function composedDocument(): Pick<EditorState, 'graph' | 'path' | 'savedGraph'> {
  const state = useEditor.getState();
  const { levels } = useNesting.getState();
  if (levels.length === 0) return state;
  let inner = state.graph;
  for (let i = levels.length - 1; i >= 0; i--) inner = composed(levels[i] as Level, inner);
  const top = levels[0] as Level;
  return { graph: inner, path: top.path, savedGraph: top.savedGraph };
}

/**
 * Saves the pipeline open in place into the library, over the file it was placed from when that
 * is a library file of the data folder (else as a new one there), and records that version on
 * its node, so the node does not offer it back as an update. Says what it did in a notice.
 */
export async function saveBack(): Promise<void> {
  const levels = useNesting.getState().levels;
  const level = levels.at(-1);
  const node = level ? findNode(level.graph, level.nodeId) : undefined;
  if (!level || node?.type !== 'pipeline' || !library) return;
  const file = node.data.source?.path.split(/[\\/]/).pop()?.replace(/\.seedance\.json$/i, '');
  try {
    const entry = await library['pipelines.save']({ graph: useEditor.getState().graph, name: file ?? level.name, replace: true });
    const graph = { ...level.graph, nodes: level.graph.nodes.map((n) => (n.id === level.nodeId && n.type === 'pipeline' ? { ...n, data: { ...n.data, source: { path: entry.path, hash: entry.hash } } } : n)) };
    useNesting.setState({ levels: [...levels.slice(0, -1), { ...level, graph }] });
    void refreshLibrary(library);
    useEditor.getState().setNotice({ kind: 'info', text: `Saved the pipeline to ${entry.path}.` });
  } catch (error) {
    useEditor.getState().setNotice({ kind: 'error', text: `Could not save the pipeline: ${error instanceof Error ? error.message : String(error)}` });
  }
}

nestingHooks.close = closeLevels;
nestingHooks.document = composedDocument;
