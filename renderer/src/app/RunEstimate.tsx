/**
 * The run's summary before pressing Run, without a dialog: "3 tasks · 15 s · ≈ $1.20". Asked of the
 * service's `plan` (which knows the price table and where runs go; `media: false` skips reading
 * the files), a pause after the plan changes, and again when the settings or the key change.
 */
import { useEffect, useState } from 'react';
import { shortSummary } from '../../../shared/plan/estimate';
import { useServices } from '../services/services';
import { useEditor } from '../store/editor';
import { usePlan } from '../store/plan';

/** How long the plan must stay the same before the service is asked. */
const ESTIMATE_DELAY_MS = 300;

export function RunEstimate() {
  const { api } = useServices();
  const graph = usePlan((s) => s.graph);
  const runnable = usePlan((s) => s.plan.ok && s.plan.tasks.length > 0);
  const path = useEditor((s) => s.path);
  const [text, setText] = useState<string | null>(null);
  const [changes, setChanges] = useState(0);

  useEffect(() => {
    const again = () => setChanges((n) => n + 1);
    const offs = [api.on('settings.changed', again), api.on('key.changed', again)];
    return () => {
      for (const off of offs) off();
    };
  }, [api]);

  useEffect(() => {
    if (!runnable) return;
    let live = true;
    const timer = setTimeout(() => {
      api.plan({ graph, graphPath: path, media: false }).then(
        (plan) => live && setText(plan.summary.tasks > 0 ? shortSummary(plan.summary) : null),
        () => live && setText(null),
      );
    }, ESTIMATE_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, graph, path, runnable, changes]);

  // While the next answer is on its way the last one stays (a pause, not a flicker on every edit).
  return runnable && text ? (
    <p className="sf-hint sf-estimate" role="note" aria-label="Before you run">
      {text}
    </p>
  ) : null;
}
