/** The app toolbar: files, run and settings. The title carries the document name and the unsaved marker. */
import { useEffect, useId, useRef, useState } from 'react';
import { useRunStatus } from '../store/run-status';
import { comboText, SHORTCUTS, type ShortcutAction } from '../canvas/shortcuts';
import { fileNameOf } from '../nodes/names';
import { isDirty, useEditor } from '../store/editor';
import type { AppCommands } from './commands';
import { RUN_REASON_ID, runBlocker } from './RunPanel';
import { useShell } from '../store/shell';

function keys(action: ShortcutAction): string {
  const s = SHORTCUTS.find((x) => x.action === action);
  return s ? ` (${s.combos.map((c) => comboText(c)).join(' or ')})` : '';
}

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
export function documentTitle(name: string, dirty: boolean): string {
  return `${dirty ? '● ' : ''}${name} — Seedance Flow`;
}

export function useDocumentTitle(): { name: string; dirty: boolean } {
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
  const graph = useEditor((s) => s.graph);
  const running = useRunStatus((s) => s.active.length > 0);
  const blocker = runBlocker(graph);
  return (
    <header className="sf-header">
      <div role="toolbar" aria-label="File and run" className="sf-toolbar">
        <button type="button" onClick={() => void commands.newGraph()} title={`New graph${keys('new')}`}>
          New
        </button>
        <button type="button" onClick={() => void commands.open()} title={`Open a graph file${keys('open')}`}>
          Open…
        </button>
        <RecentMenu commands={commands} />
        <button type="button" onClick={() => void commands.save()} title={`Save${keys('save')}`}>
          Save
        </button>
        <button type="button" onClick={() => void commands.saveAs()} title={`Save as${keys('saveAs')}`}>
          Save as…
        </button>
        <span className="sf-sep" aria-hidden="true" />
        <button
          type="button"
          className="sf-primary"
          onClick={() => void commands.run()}
          disabled={blocker !== undefined}
          aria-describedby={RUN_REASON_ID}
          title={blocker ?? `Run${keys('run')}`}
        >
          Run
        </button>
        <button type="button" onClick={() => void commands.cancel()} disabled={!running}>
          Cancel run
        </button>
        <span className="sf-sep" aria-hidden="true" />
        <button type="button" onClick={commands.openSettings} title={`Settings${keys('settings')}`}>
          Settings
        </button>
      </div>
      <p className="sf-doc-name" aria-live="off">
        {dirty ? <span aria-label="Unsaved changes" className="sf-dirty">● </span> : null}
        {name}
      </p>
    </header>
  );
}
