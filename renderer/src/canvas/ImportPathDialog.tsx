/** Browser mode has no file picker that reveals a path: the user types the path of a media file. */
import { useState, type FormEvent } from 'react';
import { Dialog, SubmitOrCancel } from '../ui/Dialog';

export function ImportPathDialog({ onImport, onClose }: { onImport: (paths: string[]) => Promise<unknown>; onClose: () => void }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const paths = text
      .split(/\n/)
      .map((p) => p.trim())
      .filter(Boolean);
    if (paths.length === 0) return;
    setBusy(true);
    try {
      await onImport(paths);
    } finally {
      setBusy(false);
    }
    onClose();
  }
  return (
    <Dialog
      title="Import media file"
      onClose={onClose}
      description="Type the full path of a video, image or audio file on the machine running Seedance Flow. One path per line for several files."
    >
      <form className="sf-form" onSubmit={onSubmit}>
        <label className="sf-field">
          <span>File path</span>
          <textarea
            rows={2}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
            data-autofocus
            spellCheck={false}
          />
        </label>
        <SubmitOrCancel label="Import" disabled={busy || text.trim() === ''} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
