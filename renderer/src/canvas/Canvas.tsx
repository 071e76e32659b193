/**
 * The canvas: React Flow drawn from the editor store. The store's graph is the truth; React Flow
 * only reports what the user did (moved, selected, connected, deleted) and each report becomes
 * one store edit, so every change can be undone. Selection and sizes are kept beside the graph.
 */
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  NodeToolbar,
  Position,
  ReactFlow,
  useReactFlow,
  useStoreApi,
  useUpdateNodeInternals,
  type Connection,
  type Edge,
  type EdgeChange,
  type EdgeTypes,
  type FinalConnectionState,
  type Node,
  type NodeChange,
  type NodeTypes,
  type OnDelete,
  type Viewport,
} from '@xyflow/react';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { checkConnection, findNode, type ConnectionRequest, type GraphEdge, type GraphNode, type OutputHandle } from '../../../shared/graph';
import type { PlanIssue } from '../../../shared/plan';
import { useClipboardEvents, useCommandKeys } from '../commands/use-command-keys';
import { useEditor } from '../store/editor';
import { issuesByNode, usePlan } from '../store/plan';
import { deleteElements, useCanvasActions } from './actions';
import { DRAG_MIME, entryByKey, nodeAriaLabel } from './node-factory';
import { motionMs } from '../ui/motion';
import { CULL_ABOVE_NODES } from './culling';
import { FIT_VIEW_OPTIONS } from './fit';
import { NODE_TYPES } from './node-types';
import { DetailContext, isFar, isTiny } from '../nodes';
import { Palette } from './Palette';
import { CanvasToolbar } from './CanvasToolbar';
import { PipelineBreadcrumb } from '../pipelines/hooks';
import { useCanvasUi } from '../store/canvas-ui';
import { WireEdge, type WireEdgeType } from './WireEdge';
import { wireLabel } from './wires';

export const GRID: [number, number] = [20, 20];

// Dialogs load when first opened: the window starts without them (docs/performance.md, bundle).
const QuickAdd = lazy(() => import('./QuickAdd').then((m) => ({ default: m.QuickAdd })));
const ShortcutSheet = lazy(() => import('../commands/ShortcutSheet').then((m) => ({ default: m.ShortcutSheet })));
const ConnectionsDialog = lazy(() => import('./ConnectionsDialog').then((m) => ({ default: m.ConnectionsDialog })));
const ImportPathDialog = lazy(() => import('./ImportPathDialog').then((m) => ({ default: m.ImportPathDialog })));

const EDGE_TYPES: EdgeTypes = { wire: WireEdge };

type Size = { width: number; height: number };

function toRequest(c: { source: string; target: string; sourceHandle?: string | null; targetHandle?: string | null }): ConnectionRequest | undefined {
  if (!c.sourceHandle || !c.targetHandle) return undefined;
  return { source: c.source, sourceHandle: c.sourceHandle as OutputHandle, target: c.target, targetHandle: c.targetHandle };
}

/**
 * React Flow's node for a graph node, the same object as last time when nothing it shows changed:
 * React Flow then skips it, so a drag or a keystroke costs one node, not the whole canvas.
 */
const flowNodes = new WeakMap<GraphNode, { key: string; node: Node }>();
function flowNode(n: GraphNode, selected: boolean, issues: readonly PlanIssue[] | undefined, moving: { x: number; y: number } | undefined, size: Size | undefined): Node {
  const errors = issues?.filter((i) => i.severity === 'error').length ?? 0;
  const warnings = (issues?.length ?? 0) - errors;
  const key = `${selected ? 1 : 0}|${errors}|${warnings}|${moving ? `${moving.x},${moving.y}` : ''}|${size ? `${size.width}x${size.height}` : ''}`;
  const cached = flowNodes.get(n);
  if (cached?.key === key) return cached.node;
  const node: Node = {
    id: n.id,
    type: n.type,
    position: moving ?? n.position,
    data: n.data as Record<string, unknown>,
    selected,
    ...(size ? { measured: size } : {}),
    ...(moving ? { dragging: true } : {}),
    ariaLabel: nodeAriaLabel(n, errors + warnings),
    className: errors ? 'sf-has-errors' : warnings ? 'sf-has-warnings' : '',
  };
  flowNodes.set(n, { key, node });
  return node;
}

/** React Flow's edge for a wire, the same object while its label and selection stay. */
const flowEdges = new WeakMap<GraphEdge, { key: string; edge: WireEdgeType }>();
function flowEdge(e: GraphEdge, label: string, selected: boolean): WireEdgeType {
  const key = `${selected ? 1 : 0}|${label}`;
  const cached = flowEdges.get(e);
  if (cached?.key === key) return cached.edge;
  const edge: WireEdgeType = {
    id: e.id,
    type: 'wire' as const,
    source: e.source,
    sourceHandle: e.sourceHandle,
    target: e.target,
    targetHandle: e.targetHandle,
    selected,
    ariaLabel: `Wire ${label}`,
    data: { label },
  };
  flowEdges.set(e, { key, edge });
  return edge;
}


export interface CanvasProps {
  /** Node components by graph node type (defaults to the app's). */
  nodeTypes?: NodeTypes;
}

export function Canvas({ nodeTypes = NODE_TYPES }: CanvasProps) {
  const docKey = useCanvasUi((s) => s.docKey);
  // A new document starts a new flow: its viewport, no stale sizes or drags.
  return <CanvasFlow key={docKey} nodeTypes={nodeTypes} />;
}

function CanvasFlow({ nodeTypes }: { nodeTypes: NodeTypes }) {
  const graph = useEditor((s) => s.graph);
  const notice = useEditor((s) => s.notice);
  const selectedNodes = useCanvasUi((s) => s.selectedNodes);
  const selectedEdges = useCanvasUi((s) => s.selectedEdges);
  const snapToGrid = useCanvasUi((s) => s.snapToGrid);
  const dialog = useCanvasUi((s) => s.dialog);
  const focus = useCanvasUi((s) => s.focus);
  const flow = useReactFlow();
  const actions = useCanvasActions();
  const [sizes, setSizes] = useState<Record<string, Size>>({});
  const [dragging, setDragging] = useState<Record<string, { x: number; y: number }>>({});
  const [initialViewport] = useState<Viewport>(() => useEditor.getState().graph.viewport);
  const [fitOnInit] = useState(() => {
    const g = useEditor.getState().graph;
    return g.nodes.length > 0 && g.viewport.x === 0 && g.viewport.y === 0 && g.viewport.zoom === 1;
  });
  const wrapper = useRef<HTMLDivElement>(null);
  // Nodes start in the form the opening zoom calls for: none is mounted only to be swapped at once.
  const { far, tiny } = useZoomDetail(fitOnInit ? undefined : initialViewport.zoom);

  const plan = usePlan((s) => s.plan);
  const nodes = useMemo<Node[]>(() => {
    const selected = new Set(selectedNodes);
    const issues = issuesByNode(plan);
    return graph.nodes.map((n) => flowNode(n, selected.has(n.id), issues.get(n.id), dragging[n.id], sizes[n.id]));
  }, [graph.nodes, selectedNodes, plan, dragging, sizes]);

  const edges = useMemo<WireEdgeType[]>(() => {
    const selected = new Set(selectedEdges);
    return graph.edges.map((e) => flowEdge(e, wireLabel(graph, e), selected.has(e.id)));
  }, [graph, selectedEdges]);

  const onNodesChange = useCallback((changes: NodeChange[]) => {
    const commit: Record<string, { x: number; y: number }> = {};
    const moving: Record<string, { x: number; y: number }> = {};
    const ended: string[] = [];
    const sized: Record<string, Size> = {};
    let selection: Map<string, boolean> | undefined;
    for (const change of changes) {
      if (change.type === 'dimensions' && change.dimensions) sized[change.id] = change.dimensions;
      else if (change.type === 'position') {
        if (change.dragging && change.position) moving[change.id] = change.position;
        else {
          ended.push(change.id);
          if (change.position) commit[change.id] = change.position;
        }
      } else if (change.type === 'select') (selection ??= new Map()).set(change.id, change.selected);
      // 'remove' comes through onDelete, as one undo step with the wires.
    }
    if (Object.keys(sized).length > 0) {
      setSizes((old) => {
        const changed = Object.entries(sized).some(([id, s]) => old[id]?.width !== s.width || old[id]?.height !== s.height);
        return changed ? { ...old, ...sized } : old;
      });
    }
    if (selection) {
      const ui = useCanvasUi.getState();
      const next = new Set(ui.selectedNodes);
      for (const [id, on] of selection) {
        if (on) next.add(id);
        else next.delete(id);
      }
      ui.select([...next], ui.selectedEdges);
    }
    const graphNow = useEditor.getState().graph;
    const moved = Object.fromEntries(
      Object.entries(commit).filter(([id, p]) => {
        const node = findNode(graphNow, id);
        return node && (node.position.x !== p.x || node.position.y !== p.y);
      }),
    );
    if (Object.keys(moved).length > 0) useEditor.getState().moveNodes(moved);
    if (Object.keys(moving).length > 0 || ended.length > 0) {
      setDragging((old) => Object.fromEntries(Object.entries({ ...old, ...moving }).filter(([id]) => !ended.includes(id))));
    }
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<Edge>[]) => {
    let selection: Map<string, boolean> | undefined;
    for (const change of changes) if (change.type === 'select') (selection ??= new Map()).set(change.id, change.selected);
    if (!selection) return;
    const ui = useCanvasUi.getState();
    const next = new Set(ui.selectedEdges);
    for (const [id, on] of selection) {
      if (on) next.add(id);
      else next.delete(id);
    }
    ui.select(ui.selectedNodes, [...next]);
  }, []);

  const onDelete = useCallback<OnDelete>(({ nodes: gone, edges: cut }) => {
    deleteElements(
      gone.map((n) => n.id),
      cut.map((e) => e.id),
    );
  }, []);

  const isValidConnection = useCallback((c: Edge | Connection) => {
    const request = toRequest(c);
    return request ? checkConnection(useEditor.getState().graph, request).ok : false;
  }, []);

  const onConnect = useCallback((c: Connection) => {
    const request = toRequest(c);
    if (request) useEditor.getState().connect(request);
  }, []);

  // A wire dropped on a handle that refuses it: say why (the store's notice, near the node).
  const onConnectEnd = useCallback((_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (state.isValid || !state.fromHandle || !state.toHandle || state.fromHandle.type === state.toHandle.type) return;
    const [from, to] = state.fromHandle.type === 'source' ? [state.fromHandle, state.toHandle] : [state.toHandle, state.fromHandle];
    const request = toRequest({ source: from.nodeId, sourceHandle: from.id ?? null, target: to.nodeId, targetHandle: to.id ?? null });
    if (request) useEditor.getState().connect(request);
  }, []);

  const onMoveEnd = useCallback((_event: unknown, viewport: Viewport) => {
    const current = useEditor.getState().graph.viewport;
    const next = { x: Math.round(viewport.x), y: Math.round(viewport.y), zoom: Math.round(viewport.zoom * 1000) / 1000 };
    if (current.x !== next.x || current.y !== next.y || current.zoom !== next.zoom) useEditor.getState().setViewport(next);
  }, []);

  const onPaneClick = useCallback(() => {
    if (useEditor.getState().notice) useEditor.getState().setNotice(null);
  }, []);

  // Bring a node into view when asked (problems panel, quick add): the whole node, at most 100 %.
  // A node added a moment ago is measured first (a few frames), or the fit has nothing to fit.
  useEffect(() => {
    if (!focus) return;
    let frames = 0;
    let handle = 0;
    const attempt = () => {
      const node = flow.getNode(focus.id);
      if (!node) return;
      if (!node.measured?.width && frames++ < 30) {
        handle = requestAnimationFrame(attempt);
        return;
      }
      if (node.measured?.width) void flow.fitView({ ...FIT_VIEW_OPTIONS, nodes: [{ id: focus.id }], maxZoom: 1, minZoom: 0.1, duration: motionMs(250) });
      const element = wrapper.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(focus.id)}"]`);
      element?.focus({ preventScroll: true });
    };
    attempt();
    return () => cancelAnimationFrame(handle);
  }, [focus, flow]);

  useCommandKeys('canvas');
  useClipboardEvents({
    copyText: actions.copyText,
    cut: () => deleteElements(useCanvasUi.getState().selectedNodes, []),
    pasteText: actions.pasteText,
  });

  function onDragOver(event: DragEvent) {
    const types = [...event.dataTransfer.types];
    if (types.includes(DRAG_MIME) || types.includes('Files')) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  }

  function onDrop(event: DragEvent) {
    const dropped = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    const at = Number.isFinite(dropped.x) && Number.isFinite(dropped.y) ? dropped : actions.viewportCentre();
    const key = event.dataTransfer.getData(DRAG_MIME);
    if (key) {
      event.preventDefault();
      const entry = entryByKey(key);
      if (entry) actions.add(entry, { x: at.x - 140, y: at.y - 40 });
      return;
    }
    const files = [...event.dataTransfer.files];
    if (files.length > 0) {
      event.preventDefault();
      // On an asset node: its file, or several (a folder too) as its batch items.
      const onto = event.target instanceof Element ? event.target.closest('.react-flow__node')?.getAttribute('data-id') : undefined;
      if (onto && findNode(useEditor.getState().graph, onto)?.type === 'asset') void actions.dropOnAsset(onto, files);
      else void actions.dropFiles(files, at);
    }
  }

  const close = () => useCanvasUi.getState().openDialog(null);
  // A Seedance node shows its own notices (a refused wire, a model switch); others get a bubble.
  const noticeNode = notice?.node && graph.nodes.some((n) => n.id === notice.node && n.type !== 'seedance') ? notice.node : undefined;

  return (
    <DetailContext.Provider value={far}>
      <div className={tiny ? 'sf-canvas sf-canvas--tiny' : 'sf-canvas'} ref={wrapper} onDragOver={onDragOver} onDrop={onDrop}>
        <CanvasToolbar />
        <PipelineBreadcrumb />
        <Palette actions={actions} />
        <ReactFlow
          aria-label="Canvas"
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={EDGE_TYPES}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onDelete={onDelete}
          onConnect={onConnect}
          onConnectEnd={onConnectEnd}
          isValidConnection={isValidConnection}
          onMoveEnd={onMoveEnd}
          onPaneClick={onPaneClick}
          defaultViewport={initialViewport}
          fitView={fitOnInit}
          fitViewOptions={FIT_VIEW_OPTIONS}
          onlyRenderVisibleElements={!far && graph.nodes.length > CULL_ABOVE_NODES}
          snapToGrid={snapToGrid}
          snapGrid={GRID}
          deleteKeyCode={['Delete', 'Backspace']}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
          minZoom={0.1}
          maxZoom={2.5}
          colorMode="dark"
          attributionPosition="top-right"
          ariaLabelConfig={{
            'node.a11yDescription.default': 'Press Enter or Space to select the node. Arrow keys move it; Delete removes it.',
            'edge.a11yDescription.default': 'Press Enter or Space to select the wire; Delete removes it.',
          }}
        >
          <Background variant={BackgroundVariant.Dots} gap={GRID} size={1.5} />
          {/* Zoomed out the canvas is its own overview; the mini map, which repaints every node on each frame of a pan, steps aside. */}
          {far ? null : <MiniMap pannable zoomable ariaLabel="Mini map" nodeStrokeWidth={3} />}
          <Controls aria-label="Zoom and view" showInteractive={false} fitViewOptions={FIT_VIEW_OPTIONS} />
          {noticeNode && notice ? (
            <NodeToolbar nodeId={noticeNode} isVisible position={Position.Top}>
              <div className={`sf-node-notice sf-node-notice-${notice.kind}`} aria-hidden="true">
                {notice.text}
              </div>
            </NodeToolbar>
          ) : null}
        </ReactFlow>
        {graph.nodes.length === 0 ? (
          <p className="sf-canvas-empty">Add a node from the palette, press / to search for one, or drop media files here.</p>
        ) : null}
        <Suspense fallback={null}>
          {dialog === 'quickAdd' ? (
            <QuickAdd
              onClose={close}
              onAdd={(entry) => {
                const id = actions.add(entry);
                if (id) useCanvasUi.getState().focusNode(id);
              }}
              centre={actions.viewportCentre}
              onPlaced={(id) => useCanvasUi.getState().focusNode(id)}
            />
          ) : null}
          {dialog === 'shortcuts' ? <ShortcutSheet onClose={close} /> : null}
          {dialog === 'connections' ? <ConnectionsDialog onClose={close} /> : null}
          {dialog === 'importPath' ? <ImportPathDialog onClose={close} onImport={(paths) => actions.importPaths(paths)} /> : null}
        </Suspense>
      </div>
    </DetailContext.Provider>
  );
}

/** How long the zoom must rest past FAR_ZOOM before the nodes' controls come back. */
const DETAIL_SETTLE_MS = 200;

/**
 * How much the nodes show at this zoom. `far`: the nodes draw in their far form (zoomed out,
 * nodes/detail.tsx); zooming out past the line switches at once, zooming in switches once the
 * zoom rests, so a wheel or pinch gesture never mounts every control halfway through. Only a
 * switch re-renders the nodes; then every node's ports are measured again, as its form has new
 * ones. `tiny`: further out, the far form's names are hidden too (CSS only).
 */
function useZoomDetail(initialZoom: number | undefined): { far: boolean; tiny: boolean } {
  const store = useStoreApi();
  const [far, setFar] = useState(() => isFar(initialZoom ?? store.getState().transform[2]));
  const [tiny, setTiny] = useState(() => isTiny(initialZoom ?? store.getState().transform[2]));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const follow = (zoom: number) => {
      setTiny(isTiny(zoom));
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      if (isFar(zoom)) setFar(true);
      else timer = setTimeout(() => setFar(false), DETAIL_SETTLE_MS);
    };
    follow(store.getState().transform[2]);
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.transform[2] !== previous.transform[2]) follow(state.transform[2]);
    });
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [store]);
  const updateNodeInternals = useUpdateNodeInternals();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    updateNodeInternals(useEditor.getState().graph.nodes.map((n) => n.id));
  }, [far, updateNodeInternals]);
  return { far, tiny };
}
