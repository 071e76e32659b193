/**
 * Autosave: a few seconds after the graph changes, while it differs from the saved file, the
 * recovery file is written (api autosave.write); when the changes are saved or dropped it is
 * cleared. It starts only after the offer to restore the previous recovery file was answered, so
 * that offer is never overwritten.
 */
import { useEffect } from 'react';
import type { SeedanceApi } from '../../../shared/api';
import { isDirty, useEditor } from '../store/editor';
import { documentNow } from '../pipelines/hooks';

const AUTOSAVE_MS = 2500;

export function useAutosave(api: SeedanceApi, ready: boolean, delayMs = AUTOSAVE_MS): void {
  useEffect(() => {
    if (!ready) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let written = false;
    const flush = async () => {
      timer = undefined;
      // With a pipeline open in place, the whole document (nesting.ts), never the inner graph alone.
      const state = documentNow();
      try {
        if (isDirty(state)) {
          await api['autosave.write']({ graph: state.graph, path: state.path });
          written = true;
          // Saved while the write was on its way: the recovery file is not needed any more.
          if (!isDirty(documentNow())) {
            await api['autosave.clear']({});
            written = false;
          }
        } else if (written) {
          await api['autosave.clear']({});
          written = false;
        }
      } catch {
        // Best effort: the next change tries again.
      }
    };
    const unsubscribe = useEditor.subscribe((state, previous) => {
      if (state.graph === previous.graph && state.savedGraph === previous.savedGraph) return;
      timer ??= setTimeout(() => void flush(), delayMs);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [api, ready, delayMs]);

  // Closing the window with unsaved changes: the browser asks first.
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!isDirty(useEditor.getState())) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);
}
