/**
 * A pipeline node: a saved graph used as one node. Its inputs are the pipeline's named assets, its
 * outputs the pipeline's outputs, its fields the pipeline's variables (shared/pipeline/ports.ts).
 * It opens in place (double-click the header, or "Open pipeline"), offers the file's newer
 * version when the library has one, and shows how its inner tasks are doing and its result.
 * Loaded on demand: a graph without pipelines never loads it.
 */
import { memo, useEffect, useId, useMemo } from 'react';
import { edgesInto, findNode, type PipelineNode as PipelineGraphNode } from '../../../shared/graph';
import { ungroupPipeline } from '../../../shared/pipeline/group';
import { outputNodePath, pipelineName, portsOf } from '../../../shared/pipeline/ports';
import { useOptionalServices } from '../services/services';
import { useEditor } from '../store/editor';
import { useNodeIssues } from '../store/plan';
import { runStateOf, useRunStatus } from '../store/run-status';
import { NodeResults } from '../nodes/NodeResults';
import { NodeRunActions } from '../nodes/NodeRunActions';
import { Port } from '../nodes/Port';
import { ProblemsBadge, ProblemsList, useProblemsToggle } from '../nodes/Problems';
import { problemsOf } from '../nodes/seedance-view';
import { sourceName } from '../nodes/names';
import { sameNodeProps, type EditorNodeProps } from '../nodes/types';
import { hasUpdate, refreshLibrary, updatePipeline, useLibrary } from './library';
import { useNesting, type NestingLevel } from './hooks';
import { closeLevels, openPipeline, saveBack } from './nesting';
import { installPipelines } from '../../../shared/pipeline/install';
import { replan } from '../store/plan';
import '../nodes/nodes.css';
import './pipelines.css';

// Pipeline nodes are expanded (and wired) by the shared plan once this has run.
installPipelines();

const MEDIA_WORDS = { video: 'video', image: 'image', audio: 'audio' } as const;

/** "2 of 4 tasks done", from the latest events of the inner tasks. */
function useInnerStatus(id: string): string {
  const summary = useRunStatus((s) => {
    let total = 0;
    let done = 0;
    let failed = 0;
    for (const [node, event] of Object.entries(s.byNode)) {
      if (!node.startsWith(`${id}/`)) continue;
      total++;
      const state = runStateOf(event);
      if (state === 'succeeded' || state === 'reused' || state === 'done') done++;
      else if (state === 'failed' || state === 'unknown' || state === 'cancelled' || state === 'skipped') failed++;
    }
    return `${total}|${done}|${failed}`;
  });
  const [total, done, failed] = summary.split('|').map(Number) as [number, number, number];
  if (total === 0) return '';
  return `${done} of ${total} task${total === 1 ? '' : 's'} done${failed > 0 ? `, ${failed} stopped` : ''}`;
}

function InputRow({ nodeId, name, media, label, hasDefault }: { nodeId: string; name: string; media: 'video' | 'image' | 'audio'; label?: string | undefined; hasDefault: boolean }) {
  const id = useId();
  const source = useEditor((s) => {
    const edge = edgesInto(s.graph, nodeId).find((e) => e.targetHandle === `in:${name}`);
    return edge ? sourceName(s.graph, edge) : '';
  });
  return (
    <li className={`sfn-slot${source ? ' sfn-slot--filled' : ''}`}>
      <Port type="target" id={`in:${name}`} label={`Input ${name}`} describedBy={`${id}-state`} />
      <span className="sfn-slot__label">{label ?? name}</span>
      <span id={`${id}-state`} className={source ? 'sfn-slot__source' : 'sfn-slot__empty'}>
        {source || (hasDefault ? `its own ${MEDIA_WORDS[media]}` : `required: wire ${media === 'audio' ? 'audio' : `a ${media}`}`)}
      </span>
    </li>
  );
}

function PipelineBody({ node }: { node: PipelineGraphNode }) {
  const id = node.id;
  const api = useOptionalServices()?.api;
  const ports = portsOf(node);
  const name = pipelineName(node);
  const issues = useNodeIssues(id);
  const { problems, errors, warnings } = useMemo(() => problemsOf(issues), [issues]);
  const toggle = useProblemsToggle();
  const updateNodeData = useEditor((s) => s.updateNodeData);
  const endTyping = useEditor((s) => s.endTyping);
  const loaded = useLibrary((s) => s.loaded);
  const update = useLibrary((s) => hasUpdate(node, s.entries));
  const status = useInnerStatus(id);
  const resultNode = ports.outputs[0] ? outputNodePath(node.data.graph, ports.outputs[0].name) : undefined;
  useEffect(() => {
    if (api && !loaded && node.data.source) void refreshLibrary(api);
  }, [loaded, node.data.source, api]);

  const setVariable = (variable: string, value: string) => {
    const others = Object.entries(node.data.variables ?? {}).filter(([name]) => name !== variable);
    const next = Object.fromEntries(value === '' ? others : [...others, [variable, value]]);
    updateNodeData(id, 'change pipeline variable', { variables: Object.keys(next).length > 0 ? next : undefined }, { coalesce: `pipeline-var:${id}:${variable}` });
  };

  return (
    <div role="group" aria-label={`Pipeline ${name}`} className="sfn-node sfn-node--pipeline">
      <header className="sfn-node__header" onDoubleClick={() => openPipeline(id, name, api)}>
        <span className="sfn-node__icon" aria-hidden="true">
          ▣
        </span>
        <input
          className="sfn-node__title nodrag"
          aria-label="Node name"
          value={node.data.label ?? ''}
          placeholder={node.data.graph.name ?? id}
          maxLength={200}
          onChange={(e) => updateNodeData(id, 'rename', { label: e.currentTarget.value || undefined }, { coalesce: `label:${id}` })}
          onBlur={endTyping}
        />
        <ProblemsBadge errors={errors} warnings={warnings} listId={toggle.listId} open={toggle.open} onToggle={toggle.toggle} />
        <NodeRunActions nodeId={id} name={name} alone />
      </header>
      <p className="sfn-node__kind">Pipeline{node.data.graph.name && node.data.label ? ` · ${node.data.graph.name}` : ''}</p>
      {node.data.graph.description ? <p className="sfn-muted sfn-pipeline__description">{node.data.graph.description}</p> : null}
      <div className="sfn-pipeline__actions">
        <button type="button" className="nodrag" aria-label={`Open pipeline ${name}`} title="Edit the graph inside this node (double-click its header)" onClick={() => openPipeline(id, name, api)}>
          Open pipeline
        </button>
        <button
          type="button"
          className="nodrag"
          aria-label={`Ungroup pipeline ${name}`}
          title="Put the nodes inside back in this graph, keeping the wires"
          onClick={() => {
            const result = ungroupPipeline(useEditor.getState().graph, id);
            if (result.ok) useEditor.getState().apply(`ungroup pipeline "${name}"`, () => result.graph);
            else useEditor.getState().setNotice({ kind: 'warning', text: result.reason, node: id });
          }}
        >
          Ungroup
        </button>
      </div>
      {update ? (
        <div role="status" className="sfn-notice sfn-notice--info">
          <p>The pipeline file {update.name} has changed since this node was placed. Updating replaces what this node holds (edits made inside it too).</p>
          <button type="button" className="nodrag" aria-label={`Update pipeline ${name}`} onClick={() => updatePipeline(id, update)}>
            Update
          </button>
        </div>
      ) : null}
      <section className="sfn-section">
        <h3 className="sfn-section__title">Inputs</h3>
        {ports.inputs.length === 0 ? (
          <p className="sfn-muted">No inputs: name an asset node inside to make one.</p>
        ) : (
          <ul className="sfn-slots" aria-label="Inputs">
            {ports.inputs.map((input) => (
              <InputRow key={input.name} nodeId={id} name={input.name} media={input.media} label={input.label} hasDefault={input.hasDefault} />
            ))}
          </ul>
        )}
      </section>
      {ports.variables.length > 0 ? (
        <section className="sfn-section">
          <h3 className="sfn-section__title">Variables</h3>
          {ports.variables.map((variable) => (
            <VariableField
              key={variable.name}
              name={variable.name}
              placeholder={variable.value}
              description={variable.description}
              value={node.data.variables?.[variable.name] ?? ''}
              onChange={(value) => setVariable(variable.name, value)}
              onBlur={endTyping}
            />
          ))}
        </section>
      ) : null}
      <section className="sfn-section">
        <h3 className="sfn-section__title">Outputs</h3>
        {ports.outputs.length === 0 ? (
          <p className="sfn-muted">No outputs: open the pipeline and mark one (outputs in its file).</p>
        ) : (
          <ul className="sfn-outputs" aria-label="Outputs">
            {ports.outputs.map((output) => (
              <li key={output.name} className="sfn-output">
                <span>
                  {output.name}
                  {output.media ? ` (${MEDIA_WORDS[output.media]})` : ' (names nothing)'}
                </span>
                <Port type="source" id={`out:${output.name}`} label={`${name} ${output.name} output`} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <ProblemsList id={toggle.listId} problems={problems} open={toggle.open} />
      <p role="status" aria-label="Run status" className="sfn-run">
        {status}
      </p>
      {resultNode ? <NodeResults nodeId={`${id}/${resultNode}`} /> : null}
    </div>
  );
}

function VariableField({ name, placeholder, description, value, onChange, onBlur }: { name: string; placeholder: string; description?: string | undefined; value: string; onChange(value: string): void; onBlur(): void }) {
  const id = useId();
  return (
    <div className="sfn-field">
      <label htmlFor={id}>{name}</label>
      <input id={id} className="nodrag" value={value} placeholder={placeholder} title={description ?? `Leave empty for the pipeline's own value, "${placeholder}"`} maxLength={2000} onChange={(e) => onChange(e.currentTarget.value)} onBlur={onBlur} />
    </div>
  );
}

export const PipelineNode = memo(function PipelineNode({ id }: EditorNodeProps) {
  const node = useEditor((s) => findNode(s.graph, id));
  if (!node || node.type !== 'pipeline') {
    return <div className="sfn-node sfn-node--missing">This node is no longer in the graph.</div>;
  }
  return <PipelineBody node={node} />;
}, sameNodeProps);

/** The way back while a pipeline is open in place: the document, then each pipeline on the way in. */
function breadcrumb(levels: readonly NestingLevel[]) {
  return (
    <nav className="sf-breadcrumb" aria-label="Pipeline path">
      <ol>
        <li>
          <button type="button" onClick={() => closeLevels()}>
            Back to the graph
          </button>
        </li>
        {levels.map((level, i) => (
          <li key={`${level.nodeId}-${i}`}>
            {i === levels.length - 1 ? (
              <span aria-current="page">{level.name}</span>
            ) : (
              <button type="button" onClick={() => closeLevels(levels.length - 1 - i)}>
                {level.name}
              </button>
            )}
          </li>
        ))}
      </ol>
      <button type="button" title="Save this pipeline into the library (over the file it came from), so other graphs can take this version" onClick={() => void saveBack()}>
        Save to the library
      </button>
    </nav>
  );
}

export default PipelineNode;

useNesting.setState({ crumb: breadcrumb });
// The plan made before this chunk arrived could not expand pipeline nodes: plan again now.
replan();
