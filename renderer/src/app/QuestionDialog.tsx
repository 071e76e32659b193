/** The dialog for the shell's current question: unsaved changes, a file path, restore, confirm a run (ConfirmRunDialog, on demand). */
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { Dialog, SubmitOrCancel } from '../ui/Dialog';
import { fileNameOf } from '../nodes/names';
import { useEditor } from '../store/editor';
import { useShell, type Question } from '../store/shell';

// The run summary and the balance: loaded when a run first asks.
const ConfirmRunDialog = lazy(() => import('./ConfirmRunDialog').then((m) => ({ default: m.ConfirmRunDialog })));

function documentName(): string {
  const { path, graph } = useEditor.getState();
  return path ? fileNameOf(path) : (graph.name ?? 'Untitled');
}

function UnsavedDialog({ q }: { q: Extract<Question, { kind: 'unsaved' }> }) {
  return (
    <Dialog
      role="alertdialog"
      title="Unsaved changes"
      description={`${documentName()} has changes that are not saved. Save them before you ${q.action}?`}
      onClose={() => q.resolve('cancel')}
    >
      <div className="sf-dialog-buttons">
        <button type="button" onClick={() => q.resolve('save')} data-autofocus>
          Save
        </button>
        <button type="button" onClick={() => q.resolve('discard')}>
          Discard
        </button>
        <button type="button" onClick={() => q.resolve('cancel')}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}

const PATH_TEXTS = {
  save: {
    title: 'Save graph as',
    description:
      'This window has no file dialog: type the full path to save the graph to, on the machine running Seedance Flow (.seedance.json is added if you leave it out).',
    placeholder: '/home/me/pipelines/my-pipeline.seedance.json',
    submit: 'Save',
  },
  open: {
    title: 'Open graph',
    description: 'This window has no file dialog: type the full path of a .seedance.json file on the machine running Seedance Flow.',
    placeholder: '/home/me/pipelines/my-pipeline.seedance.json',
    submit: 'Open',
  },
  csv: {
    title: 'Import batch CSV',
    description: 'This window has no file dialog: type the full path of a .csv file on the machine running Seedance Flow.',
    placeholder: '/home/me/pipelines/rows.csv',
    submit: 'Import',
  },
} as const;

function PathDialog({ q }: { q: Extract<Question, { kind: 'path' }> }) {
  const [path, setPath] = useState(q.initial);
  const texts = PATH_TEXTS[q.purpose];
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (path.trim()) q.resolve(path.trim());
  }
  return (
    <Dialog title={texts.title} description={texts.description} onClose={() => q.resolve(null)}>
      <form className="sf-form" onSubmit={onSubmit}>
        <label className="sf-field">
          <span>File path</span>
          <input
            type="text"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            placeholder={texts.placeholder}
            spellCheck={false}
            autoComplete="off"
            data-autofocus
          />
        </label>
        <SubmitOrCancel label={texts.submit} disabled={path.trim() === ''} onCancel={() => q.resolve(null)} />
      </form>
    </Dialog>
  );
}

function RestoreDialog({ q }: { q: Extract<Question, { kind: 'restore' }> }) {
  const { recovery } = q;
  const when = new Date(recovery.savedAt);
  const name = recovery.path ? fileNameOf(recovery.path) : (recovery.graph.name ?? 'an unsaved graph');
  return (
    <Dialog
      role="alertdialog"
      title="Restore unsaved work?"
      description={`Seedance Flow kept changes to ${name} that were not saved (last kept ${Number.isNaN(when.getTime()) ? recovery.savedAt : when.toLocaleString()}, ${recovery.graph.nodes.length} node${recovery.graph.nodes.length === 1 ? '' : 's'}).`}
    >
      <div className="sf-dialog-buttons">
        <button type="button" onClick={() => q.resolve('restore')} data-autofocus>
          Restore
        </button>
        <button type="button" onClick={() => q.resolve('discard')}>
          Discard
        </button>
      </div>
    </Dialog>
  );
}

/** The most runs one "Run several times" starts (the service takes up to 1,000). */
const MAX_RUN_TIMES = 100;

function RunTimesDialog({ q }: { q: Extract<Question, { kind: 'runTimes' }> }) {
  const [times, setTimes] = useState(String(q.initial));
  const n = Number(times);
  const valid = Number.isInteger(n) && n >= 1 && n <= MAX_RUN_TIMES;
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (valid) q.resolve(n);
  }
  return (
    <Dialog
      title="Run several times"
      description="Each run is a new take of every node whose seed is random (-1). A node with a fixed seed makes the same video each time, so it is sent once and the runs share it."
      onClose={() => q.resolve(null)}
    >
      <form className="sf-form" onSubmit={onSubmit}>
        <label className="sf-field">
          <span>Runs</span>
          <input type="number" min={1} max={MAX_RUN_TIMES} step={1} value={times} onChange={(e) => setTimes(e.target.value)} data-autofocus />
        </label>
        <SubmitOrCancel label={`Run ${valid ? `${n} time${n === 1 ? '' : 's'}` : ''}`} disabled={!valid} onCancel={() => q.resolve(null)} />
      </form>
    </Dialog>
  );
}

export function QuestionDialog() {
  const q = useShell((s) => s.question);
  if (!q) return null;
  switch (q.kind) {
    case 'unsaved':
      return <UnsavedDialog q={q} />;
    case 'path':
      return <PathDialog q={q} />;
    case 'restore':
      return <RestoreDialog q={q} />;
    case 'confirmRun':
      return (
        <Suspense fallback={null}>
          <ConfirmRunDialog q={q} />
        </Suspense>
      );
    case 'runTimes':
      return <RunTimesDialog q={q} />;
  }
}
