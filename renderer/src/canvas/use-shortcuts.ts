/**
 * Keyboard shortcuts from the one list in shortcuts.ts. Each caller handles the actions it has
 * handlers for. Single keys never fire while typing; Ctrl/Cmd shortcuts marked `inText` do.
 * Copy, cut and paste come through the clipboard events instead (see useClipboardEvents), so the
 * system clipboard and the Edit menu work as everywhere else.
 */
import { useEffect, useRef } from 'react';
import { isInDialog, isTextTarget, shortcutFor, type ShortcutAction } from './shortcuts';

export type ShortcutHandlers = Partial<Record<ShortcutAction, () => void>>;

export function useShortcuts(handlers: ShortcutHandlers, enabled = true): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    if (!enabled) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.isComposing) return;
      const shortcut = shortcutFor(event);
      if (!shortcut || shortcut.action === 'copy' || shortcut.action === 'cut' || shortcut.action === 'paste') return;
      const handler = ref.current[shortcut.action];
      if (!handler) return;
      if (isInDialog(event.target) || document.querySelector('[aria-modal="true"]')) return;
      if (isTextTarget(event.target) && !shortcut.inText) return;
      event.preventDefault();
      handler();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
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
