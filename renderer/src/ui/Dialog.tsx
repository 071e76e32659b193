/**
 * A modal dialog: role="dialog" named by its title, focus moved in on open and back on close,
 * Tab kept inside, Escape closes. Shared by the canvas and the app shell.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  title: string;
  /** Escape and the backdrop call this; leave it out for a dialog that needs an answer. */
  onClose?: () => void;
  children: ReactNode;
  /** alertdialog for questions that interrupt (unsaved changes, confirm a run). */
  role?: 'dialog' | 'alertdialog';
  className?: string;
  /** A sentence under the title that describes the dialog. */
  description?: ReactNode;
}

export function Dialog({ title, onClose, children, role = 'dialog', className, description }: DialogProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const box = ref.current;
    if (box && !box.contains(document.activeElement)) {
      const auto = box.querySelector<HTMLElement>('[data-autofocus]') ?? box.querySelector<HTMLElement>(FOCUSABLE);
      (auto ?? box).focus();
    }
    return () => {
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  // Escape still closes the dialog when focus fell out of it (the focused button was removed).
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  });
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.key !== 'Escape' || event.defaultPrevented || !closeRef.current) return;
      const open = document.querySelectorAll('[aria-modal="true"]');
      if (open[open.length - 1] !== ref.current || ref.current?.contains(document.activeElement)) return;
      event.preventDefault();
      closeRef.current();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  function onKeyDown(event: React.KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape' && onClose) {
      event.stopPropagation();
      event.preventDefault();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (items.length === 0) return;
    const first = items[0] as HTMLElement;
    const last = items.at(-1) as HTMLElement;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    <div className="sf-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose?.()}>
      <div
        ref={ref}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        tabIndex={-1}
        className={`sf-dialog${className ? ` ${className}` : ''}`}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="sf-dialog-title">
          {title}
        </h2>
        {description ? (
          <p id={descriptionId} className="sf-dialog-description">
            {description}
          </p>
        ) : null}
        {children}
      </div>
    </div>
  );
}

/** A form dialog's buttons: submit (`label`; disabled while there is nothing to send) and Cancel. */
export function SubmitOrCancel({ label, disabled, onCancel }: { label: ReactNode; disabled: boolean; onCancel: () => void }) {
  return (
    <div className="sf-dialog-buttons">
      <button type="submit" disabled={disabled}>
        {label}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
