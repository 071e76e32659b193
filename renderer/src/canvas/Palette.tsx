/** The palette: click a button to add at the centre of the view, or drag it onto the canvas; or import files. */
import { lazy, Suspense } from 'react';
import { CommandButton } from '../commands/CommandButton';
import type { CanvasActions } from './actions';
import { DRAG_MIME, PALETTE } from './node-factory';

// The pipelines section (library, save as pipeline, group) loads on its own, after the window.
const PipelineLibrary = lazy(() => import('../pipelines/PipelineLibrary').then((m) => ({ default: m.PipelineLibrary })));

export function Palette({ actions }: { actions: CanvasActions }) {
  return (
    <section className="sf-palette" aria-label="Add nodes">
      <h2 className="sf-panel-title">Add</h2>
      {PALETTE.map((entry) => (
        <button
          key={entry.key}
          type="button"
          draggable
          className={`sf-palette-item sf-palette-${entry.key}`}
          aria-label={`Add ${entry.label} node`}
          title={`Add a ${entry.label} node (click, or drag onto the canvas)`}
          onClick={() => actions.add(entry)}
          onDragStart={(event) => {
            event.dataTransfer.setData(DRAG_MIME, entry.key);
            event.dataTransfer.effectAllowed = 'copy';
          }}
        >
          {entry.label}
        </button>
      ))}
      <CommandButton id="importMedia" className="sf-palette-item sf-palette-import" />
      <Suspense fallback={null}>
        <PipelineLibrary centre={actions.viewportCentre} />
      </Suspense>
    </section>
  );
}
