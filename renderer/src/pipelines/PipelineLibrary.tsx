/**
 * The palette's pipelines: the library (click to place one as a node), saving the graph as a
 * pipeline (choosing which results it gives), and grouping the selected nodes into a pipeline
 * node. Loaded on demand with the palette's first paint, outside the start-up chunk.
 */
import { useReactFlow } from '@xyflow/react';
import { useEffect, useId, useMemo, useState } from 'react';
import type { Sizes } from '../canvas/placement';
import { edgesFrom, type GraphDocument, type GraphOutput } from '../../../shared/graph';
import { groupIntoPipeline } from '../../../shared/pipeline/group';
import { pipelinePorts } from '../../../shared/pipeline/ports';
import { useOptionalServices } from '../services/services';
import { useCanvasUi } from '../store/canvas-ui';
import { useEditor } from '../store/editor';
import { pipelineSummary, placePipeline, refreshLibrary, useLibrary } from './library';
import { documentNow, useNesting } from './hooks';
import './pipelines.css';

interface Candidate {
  key: string;
  output: GraphOutput;
  label: string;
}

/** Every result a graph could give: each Seedance node's video and last frame. The ends of the graph come first, chosen. */
function candidates(graph: GraphDocument): { all: Candidate[]; chosen: string[] } {
  const all: Candidate[] = [];
  const chosen: string[] = [];
  const used = new Set<string>();
  for (const node of graph.nodes) {
    if (node.type !== 'seedance') continue;
    const label = node.data.label ?? node.id;
    for (const output of ['video', 'lastFrame'] as const) {
      let name = `${label}${output === 'lastFrame' ? '_last_frame' : ''}`.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || node.id;
      if (!/^[A-Za-z_]/.test(name)) name = `_${name}`;
      name = name.slice(0, 60);
      while (used.has(name)) name = `${name}_2`;
      used.add(name);
      const key = `${node.id}:${output}`;
      all.push({ key, output: { name, node: node.id, output }, label: `${label} · ${output === 'video' ? 'result video' : 'last frame'}` });
      if (output === 'video' && edgesFrom(graph, node.id).every((e) => e.sourceHandle !== 'video')) chosen.push(key);
    }
  }
  const declared = graph.outputs?.map((o) => `${o.node}:${o.output}`);
  return { all, chosen: declared && declared.length > 0 ? declared : chosen };
}

function SavePipeline({ onSaved }: { onSaved(message: string): void }) {
  const api = useOptionalServices()?.api;
  const graph = useEditor((s) => s.graph);
  const nested = useNesting((s) => s.levels.at(-1)?.name);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { all, chosen: initial } = useMemo(() => candidates(graph), [graph]);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const picked = chosen ?? initial;
  const nameId = useId();
  const inputs = pipelinePorts(graph).inputs;

  async function save(replace: boolean) {
    if (!api) return;
    const outputs = all.filter((c) => picked.includes(c.key)).map((c) => c.output);
    const fileName = name.trim() || graph.name || nested || 'Pipeline';
    // Inside a pipeline open in place, the inner graph is what is saved; otherwise the document.
    const source = nested ? graph : documentNow().graph;
    const toSave: GraphDocument = { ...source, name: source.name ?? fileName, ...(outputs.length > 0 ? { outputs } : {}) };
    if (outputs.length === 0) delete toSave.outputs;
    setBusy(true);
    setError(null);
    try {
      const entry = await api['pipelines.save']({ graph: toSave, name: fileName, replace });
      await refreshLibrary(api);
      onSaved(`Saved the pipeline "${entry.name}" to ${entry.path}.`);
      setName('');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      aria-label="Save as pipeline"
      onSubmit={(e) => {
        e.preventDefault();
        void save(false);
      }}
    >
      <label htmlFor={nameId}>Pipeline name</label>
      <input id={nameId} value={name} placeholder={graph.name ?? nested ?? 'My pipeline'} maxLength={120} onChange={(e) => setName(e.currentTarget.value)} />
      <p className="sf-pipeline-ports">
        Inputs: {inputs.length > 0 ? inputs.map((i) => `${i.name} (${i.media})`).join(', ') : 'none (give an asset node a name to make it an input)'}
      </p>
      <fieldset>
        <legend>Outputs</legend>
        {all.length === 0 ? <p className="sf-pipeline-ports">Add a Seedance node: its results are what a pipeline gives.</p> : null}
        {all.map((c) => (
          <label key={c.key} className="sf-pipeline-ports">
            <input
              type="checkbox"
              checked={picked.includes(c.key)}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setChosen(on ? [...picked, c.key] : picked.filter((k) => k !== c.key));
              }}
            />{' '}
            {c.label}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={busy || !api}>
        Save as pipeline
      </button>
      {error ? (
        <div role="alert">
          <p>{error}</p>
          {/already in/.test(error) ? (
            <button type="button" onClick={() => void save(true)}>
              Replace it
            </button>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}

export function PipelineLibrary({ centre }: { /** The middle of the view, where a placed pipeline lands. */ centre(): { x: number; y: number } }) {
  const flow = useReactFlow();
  const sizes = (): Sizes => Object.fromEntries(flow.getNodes().map((n) => [n.id, n.measured]));
  const api = useOptionalServices()?.api;
  const entries = useLibrary((s) => s.entries);
  const problems = useLibrary((s) => s.problems);
  const error = useLibrary((s) => s.error);
  const selected = useCanvasUi((s) => s.selectedNodes);
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [groupName, setGroupName] = useState('');
  const panelId = useId();
  const groupId = useId();
  useEffect(() => {
    if (api && open) void refreshLibrary(api);
  }, [api, open]);

  function place(index: number) {
    const entry = entries[index];
    if (!entry) return;
    const id = placePipeline(entry, centre(), sizes());
    if (id) useCanvasUi.getState().focusNode(id);
  }

  function group() {
    const name = groupName.trim() || 'Pipeline';
    const result = groupIntoPipeline(useEditor.getState().graph, useCanvasUi.getState().selectedNodes, name);
    if (!result.ok) {
      useEditor.getState().setNotice({ kind: 'warning', text: result.reason });
      return;
    }
    useEditor.getState().apply(`group into pipeline "${name}"`, () => result.graph);
    setGroupName('');
    useCanvasUi.getState().focusNode(result.node);
  }

  return (
    <section className="sf-pipeline-library" aria-label="Pipelines">
      <button type="button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
        Pipelines
      </button>
      {open ? (
        <div id={panelId}>
          {entries.length === 0 ? <p className="sf-pipeline-ports">No pipelines yet: save a graph as one below.</p> : null}
          <ul aria-label="Pipeline library">
            {entries.map((entry, i) => (
              <li key={entry.path}>
                <button type="button" aria-label={`Add pipeline ${entry.name}`} title={`${entry.graph.description ?? entry.name}\n${entry.path}`} onClick={() => place(i)}>
                  {entry.name}
                  <span className="sf-pipeline-ports">{pipelineSummary(entry)}</span>
                </button>
              </li>
            ))}
          </ul>
          {error ? <p role="alert">The library could not be read: {error}</p> : null}
          {problems.map((p) => (
            <p key={p.path} className="sf-pipeline-ports" title={p.message}>
              Not listed: {p.path.split(/[\\/]/).pop()}
            </p>
          ))}
          <label htmlFor={groupId}>Group name</label>
          <input id={groupId} value={groupName} placeholder="Pipeline" maxLength={200} onChange={(e) => setGroupName(e.currentTarget.value)} />
          <button type="button" disabled={selected.length === 0} title="Turn the selected nodes into one pipeline node, keeping their wires" onClick={group}>
            Group selected into a pipeline
          </button>
          <SavePipeline onSaved={setMessage} />
          {message ? <p role="status">{message}</p> : null}
        </div>
      ) : null}
    </section>
  );
}
