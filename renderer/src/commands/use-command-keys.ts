/**
 * Keyboard shortcuts from the command registry. The canvas handles its commands' keys while it is
 * shown, the app shell the rest. Single keys never fire while typing; Ctrl/Cmd shortcuts marked
 * `inText` do. Copy, cut and paste come through the clipboard events instead (see
 * useClipboardEvents), so the system clipboard and the Edit menu work as everywhere else.
 */
import { useEffect, useRef } from 'react';
import type { CommandDescriptor } from '../../../shared/commands';
import { useCommands } from './context';
import { commandForKey, isInDialog, isTextTarget } from './keys';

export function useCommandKeys(scope: CommandDescriptor['scope']): void {
  const bindings = useCommands();
  const ref = useRef(bindings);
  useEffect(() => {
    ref.current = bindings;
  });
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.isComposing) return;
      const command = commandForKey(event);
      if (!command || command.scope !== scope) return;
      if (isInDialog(event.target) || document.querySelector('[aria-modal="true"]')) return;
      if (isTextTarget(event.target) && !command.inText) return;
      event.preventDefault();
      ref.current[command.id].run();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [scope]);
}

/** The document's copy/cut/paste events, when they are not meant for a text field. */
export function useClipboardEvents(handlers: {
  copyText(): string | undefined;
  cut(): void;
  pasteText(text: string): boolean;
}): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    const ours = (event: ClipboardEvent) => {
      const target = event.target;
      return !(isTextTarget(target) || isInDialog(target) || document.querySelector('[aria-modal="true"]'));
    };
    const onCopy = (event: ClipboardEvent) => {
      if (!ours(event)) return;
      // Selected nodes win; with none selected, selected page text copies as usual.
      const text = ref.current.copyText();
      if (!text || !event.clipboardData) return;
      event.clipboardData.setData('text/plain', text);
      event.preventDefault();
      if (event.type === 'cut') ref.current.cut();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (!ours(event)) return;
      const text = event.clipboardData?.getData('text/plain') ?? '';
      if (text && ref.current.pasteText(text)) event.preventDefault();
    };
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, []);
}
