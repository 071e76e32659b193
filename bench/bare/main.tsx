/**
 * The canvas benchmark's yardstick: @xyflow/react with its default nodes and edges and nothing
 * else, drawing the same nodes and wires at the same positions and viewport as the app. "Open"
 * fetches the graph file (`?n=<nodes>`) and mounts the flow, as opening a file does in the app.
 * `?w=&h=` size the flow like the app's canvas, so both paint the same area.
 */
import { ReactFlow, useEdgesState, useNodesState, type Edge, type Node, type Viewport } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';

interface GraphFile {
  nodes: { id: string; position: { x: number; y: number } }[];
  edges: { id: string; source: string; target: string }[];
  viewport: Viewport;
}

const params = new URLSearchParams(location.search);
const size = { width: Number(params.get('w') ?? 1600), height: Number(params.get('h') ?? 1000) };

function Bare() {
  const [nodes, setNodes, onNodesChange] = useNodesState<Node>([]);
  const [edges, setEdges, onEdgesChange] = useEdgesState<Edge>([]);
  const [viewport, setViewport] = useState<Viewport | null>(null);

  async function open() {
    const graph = (await (await fetch(`graphs/${params.get('n') ?? '0'}.json`)).json()) as GraphFile;
    setNodes(graph.nodes.map((n) => ({ id: n.id, position: n.position, data: { label: n.id } })));
    setEdges(graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })));
    setViewport(graph.viewport);
  }

  return (
    <>
      <button type="button" onClick={() => void open()} style={{ position: 'fixed', right: 0, bottom: 0, zIndex: 10 }}>
        Open
      </button>
      <div style={size}>
        {viewport ? (
          <ReactFlow nodes={nodes} edges={edges} onNodesChange={onNodesChange} onEdgesChange={onEdgesChange} defaultViewport={viewport} minZoom={0.1} maxZoom={2.5} />
        ) : null}
      </div>
    </>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<Bare />);
