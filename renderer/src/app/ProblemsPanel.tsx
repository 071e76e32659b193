/** Everything the shared plan finds wrong, by node; choosing one selects the node and brings it into view. */
import { findNode } from '../../../shared/graph';
import { useCanvasUi } from '../store/canvas-ui';
import { nodeKindTitle } from '../nodes/names';
import { usePlan } from '../store/plan';

export function ProblemsPanel() {
  // The plan follows typing after a pause, so the panel is not redrawn on every keystroke.
  const { graph, plan } = usePlan();
  const errors = plan.issues.filter((i) => i.severity === 'error').length;
  const warnings = plan.issues.length - errors;
  return (
    <section className="sf-panel sf-problems" aria-labelledby="sf-problems-title">
      <h2 id="sf-problems-title" className="sf-panel-title">
        Problems
        <span className="sf-count">
          {errors} error{errors === 1 ? '' : 's'}, {warnings} warning{warnings === 1 ? '' : 's'}
        </span>
      </h2>
      {plan.issues.length === 0 ? (
        <p className="sf-hint">{graph.nodes.some((n) => n.type === 'seedance' || n.type === 'pipeline') ? 'None: the graph is ready to run.' : 'Add a Seedance node to make something to run.'}</p>
      ) : (
        <ul className="sf-problem-list" aria-label="Problems in the graph">
          {plan.issues.map((issue, i) => {
            const node = issue.node ? findNode(graph, issue.node) : undefined;
            const text = `${issue.severity === 'error' ? 'Error' : 'Warning'}: ${issue.message}`;
            return (
              <li key={`${issue.node ?? ''}-${issue.field ?? ''}-${i}`} className={`sf-problem sf-problem-${issue.severity}`}>
                {node ? (
                  <button type="button" onClick={() => useCanvasUi.getState().focusNode(node.id)} title={`Show ${nodeKindTitle(node)}`}>
                    {text}
                  </button>
                ) : (
                  <span>{text}</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
