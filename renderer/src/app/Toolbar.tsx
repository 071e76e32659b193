/** The app toolbar: files, run and settings. The title carries the document name and the unsaved marker. */
import { useEffect, useMemo, useState } from 'react';
import { CommandButton } from '../commands/CommandButton';
import { fileNameOf } from '../nodes/names';
import { isDirty, useEditor } from '../store/editor';
import { useShell } from '../store/shell';
import type { AppCommands } from './commands';
import { useConnectionInfo } from '../services/use-connection';
import { MenuButton } from '../ui/MenuButton';
import { RUN_REASON_ID } from './RunPanel';
import type { Template } from './templates';

function RecentMenu({ commands }: { commands: AppCommands }) {
  const recent = useShell((s) => s.recent);
  const items = useMemo(() => recent.map((file) => ({ key: file.path, label: file.name, title: file.path, choose: () => void commands.open(file.path) })), [recent, commands]);
  return <MenuButton label="Open recent" menuLabel="Recent files" items={items} empty="No recent files" onOpen={() => void commands.refreshRecent()} />;
}

/** The example pipelines, from anywhere (not only the start screen); loaded when the menu first opens. */
function TemplatesMenu({ commands }: { commands: AppCommands }) {
  const [templates, setTemplates] = useState<readonly Template[] | null>(null);
  const items = useMemo(
    () => (templates ?? []).map((template) => ({ key: template.file, label: template.name, title: template.description, choose: () => void commands.openTemplate(template) })),
    [templates, commands],
  );
  const load = () => {
    if (templates === null) void import('./templates').then((m) => setTemplates(m.TEMPLATES));
  };
  return <MenuButton label="Templates" menuLabel="Templates" items={items} empty={templates === null ? 'Loading templates…' : 'No templates'} onOpen={load} />;
}

/** Says, on the toolbar, that runs are simulated; a click opens Settings, where the switch is. */
function SimulatedBadge({ commands }: { commands: AppCommands }) {
  const { connection } = useConnectionInfo();
  if (!connection?.simulated) return null;
  return (
    <button type="button" className="sf-simulated" onClick={commands.openSettings} title="Runs go to a simulator inside the app: no key, nothing paid. Open Settings to turn it off.">
      Simulated
    </button>
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
        <TemplatesMenu commands={commands} />
        <CommandButton id="save" />
        <CommandButton id="saveAs" />
        <span className="sf-sep" aria-hidden="true" />
        <CommandButton id="run" className="sf-primary" aria-describedby={RUN_REASON_ID} />
        <CommandButton id="runAgain" aria-describedby={RUN_REASON_ID} />
        <CommandButton id="cancelRun" />
        <CommandButton id="importBatchCsv" />
        <span className="sf-sep" aria-hidden="true" />
        <CommandButton id="history" />
        <CommandButton id="settings" />
        <SimulatedBadge commands={commands} />
      </div>
      <p className="sf-doc-name" aria-live="off">
        {dirty ? <span aria-label="Unsaved changes" className="sf-dirty">● </span> : null}
        {name}
      </p>
    </header>
  );
}
