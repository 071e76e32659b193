/** The app toolbar: files, run and settings. The title carries the document name and the unsaved marker. */
import { useEffect, useId, useRef, useState } from 'react';
import { CommandButton } from '../commands/CommandButton';
import { fileNameOf } from '../nodes/names';
import { isDirty, useEditor } from '../store/editor';
import { useShell } from '../store/shell';
import type { AppCommands } from './commands';
import { RUN_REASON_ID } from './RunPanel';

function RecentMenu({ commands }: { commands: AppCommands }) {
  const recent = useShell((s) => s.recent);
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (open) menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open]);

  function close(refocus = true) {
    setOpen(false);
    if (refocus) button.current?.focus();
  }

  function onMenuKey(event: React.KeyboardEvent<HTMLUListElement>) {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      items[(at + 1) % items.length]?.focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      items[(at - 1 + items.length) % items.length]?.focus();
    } else if (event.key === 'Home') {
      event.preventDefault();
      items[0]?.focus();
    } else if (event.key === 'End') {
      event.preventDefault();
      items.at(-1)?.focus();
    } else if (event.key === 'Tab') {
      close(false);
    }
  }

  return (
    <div className="sf-menu-wrap">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => {
          if (!open) void commands.refreshRecent();
          setOpen(!open);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        Open recent
      </button>
      {open ? (
        <ul ref={menu} id={menuId} role="menu" aria-label="Recent files" className="sf-menu" onKeyDown={onMenuKey} onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null) && e.relatedTarget !== button.current) setOpen(false);
        }}>
          {recent.length === 0 ? (
            <li role="menuitem" aria-disabled="true" tabIndex={-1}>
              No recent files
            </li>
          ) : (
            recent.map((file) => (
              <li
                key={file.path}
                role="menuitem"
                tabIndex={-1}
                title={file.path}
                onClick={() => {
                  close();
                  void commands.open(file.path);
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    close();
                    void commands.open(file.path);
                  }
                }}
              >
                {file.name}
              </li>
            ))
          )}
        </ul>
      ) : null}
    </div>
  );
}

/** "● name — Seedance Flow" while there are unsaved changes. */
function documentTitle(name: string, dirty: boolean): string {
  return `${dirty ? '● ' : ''}${name} — Seedance Flow`;
}

function useDocumentTitle(): { name: string; dirty: boolean } {
  const path = useEditor((s) => s.path);
  const graphName = useEditor((s) => s.graph.name);
  const dirty = useEditor(isDirty);
  const name = path ? fileNameOf(path) : (graphName ?? 'Untitled');
  useEffect(() => {
    document.title = documentTitle(name, dirty);
  }, [name, dirty]);
  return { name, dirty };
}

export function Toolbar({ commands }: { commands: AppCommands }) {
  const { name, dirty } = useDocumentTitle();
  return (
    <header className="sf-header">
      <div role="toolbar" aria-label="File and run" className="sf-toolbar">
        <CommandButton id="new" />
        <CommandButton id="open" />
        <RecentMenu commands={commands} />
        <CommandButton id="save" />
        <CommandButton id="saveAs" />
        <span className="sf-sep" aria-hidden="true" />
        <CommandButton id="run" className="sf-primary" aria-describedby={RUN_REASON_ID} />
        <CommandButton id="cancelRun" />
        <span className="sf-sep" aria-hidden="true" />
        <CommandButton id="settings" />
      </div>
      <p className="sf-doc-name" aria-live="off">
        {dirty ? <span aria-label="Unsaved changes" className="sf-dirty">● </span> : null}
        {name}
      </p>
    </header>
  );
}
