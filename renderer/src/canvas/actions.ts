/**
 * The canvas's editing actions, for the toolbar, the shortcuts, the menu and the dialogs alike.
 * Every graph change goes through the editor store, one undo step per user action.
 */
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useMemo } from 'react';
import type { MediaInfo } from '../../../shared/api';
import { disconnect as disconnectEdge, findNode, nextId, removeNodes as removeGraphNodes, withArticle, type GraphDocument, type GraphNode } from '../../../shared/graph';
import { mediaKindOfFileName, type ModelId } from '../../../shared/models';
import { useEditor } from '../store/editor';
import { makePayload, parsePayload, pasteInto, payloadText } from './clipboard';
import { motionMs } from '../ui/motion';
import { FIT_VIEW_OPTIONS } from './fit';
import { DEFAULT_NODE_SIZE } from './node-size';
import { nearestFreeSpot, shiftToShow, type Point, type Sizes } from './placement';
import { mediaUrlKind } from './media-url';
import { newNode, type AddableEntry, type AddableKind } from './node-factory';
import { fileNameOf, urlNameOf } from '../nodes/names';
import { useServices, type Services } from '../services/services';
import { useCanvasUi } from '../store/canvas-ui';
import { setAssetItems } from '../store/batch';
import { errorText } from '../ui/error-text';

const PASTE_OFFSET = 40;
/** About how big a new node is, to place it clear of the others. */
const NEW_NODE_SIZE: Record<AddableKind, { width: number; height: number }> = {
  video: { width: 260, height: 320 },
  image: { width: 260, height: 320 },
  audio: { width: 260, height: 220 },
  seedance: { width: 340, height: 680 },
  note: { width: 220, height: 140 },
};
const STACK_OFFSET = 30;

function prefixOf(node: Omit<GraphNode, 'id'>): string {
  return node.type === 'seedance' ? 'shot' : node.type === 'note' ? 'note' : 'asset';
}

/** Adds several nodes as one undo step; returns their ids. */
function addNodes(nodes: readonly Omit<GraphNode, 'id'>[], label: string): string[] {
  const ids: string[] = [];
  useEditor.getState().apply(label, (g) => {
    const used = g.nodes.map((n) => n.id);
    const added = nodes.map((node) => {
      const id = nextId(prefixOf(node), used);
      used.push(id);
      ids.push(id);
      return { ...node, id } as GraphNode;
    });
    return { ...g, nodes: [...g.nodes, ...added] };
  });
  return ids;
}

/** Deletes nodes and wires as one undo step; wires go first so the prompts renumber. */
export function deleteElements(nodeIds: readonly string[], edgeIds: readonly string[]): void {
  if (nodeIds.length === 0 && edgeIds.length === 0) return;
  const doomed = new Set(nodeIds);
  const what =
    nodeIds.length === 0
      ? edgeIds.length === 1
        ? 'remove wire'
        : `remove ${edgeIds.length} wires`
      : nodeIds.length === 1
        ? 'delete node'
        : `delete ${nodeIds.length} nodes`;
  useEditor.getState().apply(what, (g) => {
    let next: GraphDocument = g;
    for (const id of edgeIds) {
      const edge = next.edges.find((e) => e.id === id);
      if (edge && !doomed.has(edge.source) && !doomed.has(edge.target)) next = disconnectEdge(next, id);
    }
    return nodeIds.length > 0 ? removeGraphNodes(next, nodeIds) : next;
  });
  const ui = useCanvasUi.getState();
  ui.select(
    ui.selectedNodes.filter((id) => !doomed.has(id)),
    ui.selectedEdges.filter((id) => !edgeIds.includes(id)),
  );
}

/** Imports local files by path and adds one asset node per file, stacked from `at`. */
const BROWSER_DROP = 'In browser mode the page cannot see where a dropped file lives. Use "Import file…" (or the node\'s path field) and type its path.';

async function importPaths(services: Services, paths: readonly string[], at: { x: number; y: number }, sizes: Sizes = {}): Promise<string[]> {
  const editor = useEditor.getState();
  let result: Awaited<ReturnType<Services['api']['media.import']>>;
  try {
    result = await services.api['media.import']({ paths: [...paths] });
  } catch (error) {
    editor.setNotice({ kind: 'error', text: `Could not import: ${errorText(error)}` });
    return [];
  }
  return addImported(result.files, at, result.errors.map((e) => `${fileNameOf(e.path)}: ${e.message}`), sizes);
}

/** Adds asset nodes for files the service has already read (picked or imported), clear of the nodes there (`sizes`: as drawn). */
function addImported(files: readonly MediaInfo[], at: { x: number; y: number }, errors: readonly string[] = [], sizes: Sizes = {}): string[] {
  const editor = useEditor.getState();
  editor.rememberMedia(files);
  const start = nearestFreeSpot(editor.graph, at, sizes, DEFAULT_NODE_SIZE);
  const nodes = files.map((file, i) =>
    newNode(file.kind, { x: start.x + i * STACK_OFFSET, y: start.y + i * (STACK_OFFSET * 4) }, { source: { kind: 'file', path: file.path } }),
  );
  const ids = nodes.length > 0 ? addNodes(nodes, nodes.length === 1 ? `add ${files[0]?.kind ?? 'asset'}` : `add ${nodes.length} assets`) : [];
  if (ids.length > 0) useCanvasUi.getState().select(ids);
  const problems = files.flatMap((f) => f.problems.map((p) => `${f.fileName}: ${p}`));
  if (errors.length > 0) {
    useEditor.getState().setNotice({ kind: 'error', text: `Not imported: ${errors.join(' ')}` });
  } else if (problems.length > 0) {
    useEditor.getState().setNotice({ kind: 'warning', text: problems.join(' '), ...(ids[0] ? { node: ids[0] } : {}) });
  } else if (ids.length > 0) {
    useEditor.getState().setNotice({ kind: 'info', text: `Added ${files.map((f) => f.fileName).join(', ')}.` });
  }
  return ids;
}

export interface CanvasActions {
  /** The centre of the visible canvas, in graph coordinates. */
  viewportCentre(): { x: number; y: number };
  add(entry: Pick<AddableEntry, 'kind' | 'model'>, at?: { x: number; y: number }): string;
  addKind(kind: AddableKind, at?: { x: number; y: number }, model?: ModelId): string;
  deleteSelection(): void;
  selectAll(): void;
  /** The selection as clipboard text, or undefined when nothing is selected. */
  copyText(): string | undefined;
  /** Pastes clipboard text: a Seedance Flow selection, or a media URL. Returns whether it was used. */
  pasteText(text: string): boolean;
  copy(): Promise<void>;
  cut(): Promise<void>;
  paste(): Promise<void>;
  duplicate(): void;
  autoLayout(): void;
  fitView(): void;
  undo(): void;
  redo(): void;
  toggleSnap(): void;
  /** Picks files (desktop) or asks for a path (browser mode), then adds asset nodes. */
  importMedia(): Promise<void>;
  importPaths(paths: readonly string[], at?: { x: number; y: number }): Promise<string[]>;
  /** Files dropped from the desktop. */
  dropFiles(files: readonly File[], at: { x: number; y: number }): Promise<void>;
  /** Files or a folder dropped on an asset node: its file, or (several) its batch items. */
  dropOnAsset(nodeId: string, files: readonly File[]): Promise<void>;
}

export function useCanvasActions(): CanvasActions {
  const flow = useReactFlow();
  const flowStore = useStoreApi();
  const services = useServices();

  return useMemo<CanvasActions>(() => {
    const editor = () => useEditor.getState();
    const ui = () => useCanvasUi.getState();

    const viewportCentre = () => {
      const { width, height, transform } = flowStore.getState();
      const [tx, ty, zoom] = transform;
      const w = width || 800;
      const h = height || 600;
      return { x: (w / 2 - tx) / zoom - 140, y: (h / 2 - ty) / zoom - 90 };
    };

    /**
     * Pans (keeping the zoom, by as little as it takes) so a new node's head shows (its name and
     * first inputs), when it does not: the view does not jump to show all of a tall node.
     */
    const reveal = (spot: Point, size: { width: number; height: number }) => {
      const { width, height, transform } = flowStore.getState();
      const [tx, ty, zoom] = transform;
      if (!width || !height) return;
      const head = { ...spot, width: Math.min(size.width, 300), height: Math.min(size.height, 200) };
      const shift = shiftToShow(head, { x: -tx / zoom, y: -ty / zoom, width: width / zoom, height: height / zoom }, 60);
      if (shift.x !== 0 || shift.y !== 0) void flow.setViewport({ x: tx - shift.x * zoom, y: ty - shift.y * zoom, zoom }, { duration: motionMs(250) });
    };

    const sizes = (): Sizes => Object.fromEntries(flow.getNodes().map((n) => [n.id, n.measured]));

    const addKind = (kind: AddableKind, at?: { x: number; y: number }, model?: ModelId) => {
      const spot = at ? { x: Math.round(at.x), y: Math.round(at.y) } : nearestFreeSpot(editor().graph, viewportCentre(), sizes(), NEW_NODE_SIZE[kind]);
      const node = newNode(kind, spot, model ? { model } : {});
      const [id] = addNodes([node], `add ${node.type === 'seedance' ? 'Seedance node' : node.type === 'asset' ? `${kind} asset` : 'note'}`);
      if (id) ui().select([id]);
      if (!at) reveal(spot, NEW_NODE_SIZE[kind]);
      return id ?? '';
    };

    const selectedIds = () => {
      const present = new Set(editor().graph.nodes.map((n) => n.id));
      return ui().selectedNodes.filter((id) => present.has(id));
    };

    const copyText = () => {
      const ids = selectedIds();
      if (ids.length === 0) return undefined;
      return payloadText(makePayload(editor().graph, ids));
    };

    const pasteText = (text: string) => {
      const payload = parsePayload(text);
      if (payload) {
        if (payload.nodes.length === 0) return true;
        const pastes = ui().countPaste();
        const offset = { x: PASTE_OFFSET * pastes, y: PASTE_OFFSET * pastes };
        let result: ReturnType<typeof pasteInto> | undefined;
        editor().apply(payload.nodes.length === 1 ? 'paste node' : `paste ${payload.nodes.length} nodes`, (g) => {
          result = pasteInto(g, payload, offset);
          return result.graph;
        });
        if (result) {
          ui().select(result.ids);
          editor().setNotice(
            result.refused.length > 0
              ? { kind: 'warning', text: `Pasted; some wires were not made: ${result.refused.join(' ')}` }
              : { kind: 'info', text: `Pasted ${result.ids.length} node${result.ids.length > 1 ? 's' : ''}.` },
          );
        }
        return true;
      }
      const media = mediaUrlKind(text);
      if (media) {
        const spot = nearestFreeSpot(editor().graph, viewportCentre(), sizes(), DEFAULT_NODE_SIZE);
        const [id] = addNodes([newNode(media.kind, spot, { source: { kind: 'url', url: media.url } })], `add ${media.kind} from URL`);
        if (id) ui().select([id]);
        editor().setNotice({ kind: 'info', text: `Added ${media.kind} from ${urlNameOf(media.url)}.` });
        return true;
      }
      return false;
    };

    const writeClipboard = async (text: string) => {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch {
        editor().setNotice({ kind: 'error', text: 'The clipboard is not available here; use the keyboard shortcut instead.' });
        return false;
      }
    };

    const deleteSelection = () => {
      const present = new Set(editor().graph.edges.map((e) => e.id));
      deleteElements(selectedIds(), ui().selectedEdges.filter((id) => present.has(id)));
    };

    const fitView = () => {
      void flow.fitView({ ...FIT_VIEW_OPTIONS, duration: motionMs(200) });
    };

    return {
      viewportCentre,
      addKind,
      add: (entry, at) => addKind(entry.kind, at, entry.model),
      deleteSelection,
      selectAll: () => ui().select(editor().graph.nodes.map((n) => n.id), editor().graph.edges.map((e) => e.id)),
      copyText,
      pasteText,
      async copy() {
        const text = copyText();
        if (!text) return void editor().setNotice({ kind: 'info', text: 'Select nodes to copy first.' });
        if (await writeClipboard(text)) editor().setNotice({ kind: 'info', text: 'Copied to the clipboard.' });
      },
      async cut() {
        const text = copyText();
        if (!text) return void editor().setNotice({ kind: 'info', text: 'Select nodes to cut first.' });
        if (await writeClipboard(text)) deleteElements(selectedIds(), []);
      },
      async paste() {
        let text: string;
        try {
          text = await navigator.clipboard.readText();
        } catch {
          return void editor().setNotice({ kind: 'error', text: 'The clipboard could not be read here; use the keyboard shortcut instead.' });
        }
        if (!pasteText(text)) editor().setNotice({ kind: 'info', text: 'The clipboard holds no nodes and no media URL.' });
      },
      duplicate() {
        const ids = selectedIds();
        if (ids.length === 0) return void editor().setNotice({ kind: 'info', text: 'Select nodes to duplicate first.' });
        const payload = makePayload(editor().graph, ids);
        let result: ReturnType<typeof pasteInto> | undefined;
        editor().apply(ids.length === 1 ? 'duplicate node' : `duplicate ${ids.length} nodes`, (g) => {
          result = pasteInto(g, payload, { x: PASTE_OFFSET, y: PASTE_OFFSET });
          return result.graph;
        });
        if (result) ui().select(result.ids);
      },
      autoLayout() {
        if (editor().graph.nodes.length === 0) return;
        // dagre is loaded on first use: the window opens without it.
        import('./layout').then(
          ({ layoutPositions }) => {
            const graph = editor().graph;
            const sizes: Record<string, { width?: number; height?: number }> = {};
            for (const node of flow.getNodes()) sizes[node.id] = node.measured ?? {};
            const positions = layoutPositions(graph, sizes);
            editor().apply('auto-layout', (g) => ({
              ...g,
              nodes: g.nodes.map((n) => (positions[n.id] ? { ...n, position: positions[n.id] as { x: number; y: number } } : n)),
            }));
            window.setTimeout(fitView, 0);
          },
          (error: unknown) => editor().setNotice({ kind: 'error', text: `Auto-layout could not be loaded: ${errorText(error)}` }),
        );
      },
      fitView,
      undo: () => editor().undo(),
      redo: () => editor().redo(),
      toggleSnap: () => ui().setSnapToGrid(!ui().snapToGrid),
      async importMedia() {
        try {
          const picked = await services.api['media.pick']({ kinds: ['video', 'image', 'audio'], multiple: true });
          if (picked.canceled) return;
          if (picked.unsupported) return ui().openDialog('importPath');
          addImported(picked.files, viewportCentre(), [], sizes());
        } catch (error) {
          editor().setNotice({ kind: 'error', text: `Could not pick files: ${errorText(error)}` });
        }
      },
      importPaths: (paths, at) => importPaths(services, paths, at ?? viewportCentre(), sizes()),
      async dropFiles(files, at) {
        const known = files.filter((f) => mediaKindOfFileName(f.name));
        const unknown = files.filter((f) => !mediaKindOfFileName(f.name));
        if (known.length === 0) {
          editor().setNotice({ kind: 'warning', text: `${unknown.map((f) => f.name).join(', ')}: not a video, image or audio file Seedance takes.` });
          return;
        }
        const paths = known.map((f) => services.pathForFile?.(f));
        if (paths.some((p) => !p)) {
          editor().setNotice({
            kind: 'warning',
            text: BROWSER_DROP,
          });
          return;
        }
        await importPaths(services, paths as string[], at, sizes());
        if (unknown.length > 0) {
          editor().setNotice({ kind: 'warning', text: `Skipped ${unknown.map((f) => f.name).join(', ')}: not a video, image or audio file.` });
        }
      },
      async dropOnAsset(nodeId, files) {
        const paths = files.map((f) => services.pathForFile?.(f));
        if (paths.some((p) => !p)) {
          editor().setNotice({ kind: 'warning', node: nodeId, text: BROWSER_DROP });
          return;
        }
        try {
          // A folder comes back as its media files, in name order (the Node side reads it).
          const { files: read, errors } = await services.api['media.import']({ paths: paths as string[] });
          const node = findNode(editor().graph, nodeId);
          if (!node || node.type !== 'asset') return;
          const fitting = read.filter((f) => f.kind === node.data.media);
          const left = [...errors.map((e) => `${fileNameOf(e.path)}: ${e.message}`), ...read.filter((f) => f.kind !== node.data.media).map((f) => `${f.fileName} is not ${withArticle(node.data.media)}`)];
          editor().rememberMedia(fitting);
          setAssetItems(nodeId, fitting.map((f) => ({ kind: 'file', path: f.path })));
          const took = fitting.length === 1 ? `Loaded ${fitting[0]?.fileName}.` : fitting.length > 1 ? `Loaded ${fitting.length} files, one batch row each.` : 'Nothing was loaded.';
          editor().setNotice({ kind: left.length > 0 ? 'warning' : 'info', node: nodeId, text: left.length > 0 ? `${took} Left out: ${left.join('; ')}.` : took });
        } catch (error) {
          editor().setNotice({ kind: 'error', node: nodeId, text: `Could not import: ${errorText(error)}` });
        }
      },
    };
  }, [flow, flowStore, services]);
}
