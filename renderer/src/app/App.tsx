/**
 * The app shell: toolbar, start screen or canvas, problems and run panels, dialogs, and the
 * notice live region. It binds the command registry (renderer/src/commands) for everything below
 * it, and wires the Node side's events (run progress, menu commands) and the file shortcuts to
 * the same commands the buttons use.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Canvas, useCanvasActions } from '../canvas';
import { createBindings, type CommandBindings } from '../commands/bindings';
import { CommandsProvider } from '../commands/context';
import { useCommandKeys } from '../commands/use-command-keys';
import { ServicesProvider, useServices, type Services } from '../services/services';
import { useEditor } from '../store/editor';
import { createCommands, type AppCommands } from './commands';
import { NoticeRegion } from './NoticeRegion';
import { ProblemsPanel } from './ProblemsPanel';
import { RunPanel } from './RunPanel';
import { useShell } from '../store/shell';
import { Toolbar } from './Toolbar';
import { useAutosave } from './use-autosave';

// Settings loads when first opened, and the start screen (with the templates it lists) when first
// shown: a window that opens a document starts without them (docs/performance.md, bundle).
const SettingsDialog = lazy(() => import('./SettingsDialog').then((m) => ({ default: m.SettingsDialog })));
const StartScreen = lazy(() => import('./StartScreen').then((m) => ({ default: m.StartScreen })));
// Questions (unsaved changes, a path, confirm a run) load with the first one asked.
const QuestionDialog = lazy(() => import('./QuestionDialog').then((m) => ({ default: m.QuestionDialog })));

export interface AppProps {
  services: Services;
  /** Autosave delay (tests shorten it). */
  autosaveMs?: number;
}

export function App({ services, autosaveMs }: AppProps) {
  return (
    <ServicesProvider services={services}>
      <ReactFlowProvider>
        <Shell {...(autosaveMs !== undefined ? { autosaveMs } : {})} />
      </ReactFlowProvider>
    </ServicesProvider>
  );
}

/** What the window says about a menu command it does not know (a menu from another version). */
function unknownCommandText(payload: unknown): string {
  const command = typeof payload === 'object' && payload !== null ? (payload as { command?: unknown }).command : undefined;
  const name = typeof command === 'string' ? `"${command.slice(0, 60)}"` : 'without a name';
  return `The menu sent a command this window does not know (${name}), so nothing was done. Restart Seedance Flow so the menu and the window are the same version.`;
}

function useNodeSideEvents(commands: AppCommands, bindings: CommandBindings) {
  const { api } = useServices();
  useEffect(() => {
    const offRun = api.on('run.event', commands.runEvent);
    const offMenu = api.on(
      'menu.command',
      (payload) => {
        // The desktop app may name a file to open (a path given on the command line).
        if (payload.command === 'open' && payload.path) return void commands.open(payload.path);
        bindings[payload.command].run();
      },
      (payload) => useEditor.getState().setNotice({ kind: 'error', text: unknownCommandText(payload) }),
    );
    const offQuit = api.on('app.quitting', ({ submits, waitMs }) =>
      useEditor.getState().setNotice({
        kind: 'warning',
        text: `Quitting: waiting up to ${Math.round(waitMs / 1000)} s for ${submits} submit${submits === 1 ? '' : 's'} already sent to answer, so their task ids are kept.`,
      }),
    );
    return () => {
      offRun();
      offMenu();
      offQuit();
    };
  }, [api, commands, bindings]);
}

function Shell({ autosaveMs }: { autosaveMs?: number }) {
  const services = useServices();
  const { api } = services;
  const commands = useMemo(() => createCommands({ api }), [api]);
  const canvas = useCanvasActions();
  const isEmpty = useEditor((s) => s.graph.nodes.length === 0 && s.path === null);
  const startDismissed = useShell((s) => s.startDismissed);
  const settingsOpen = useShell((s) => s.settingsOpen);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let live = true;
    api['app.info']({}).then(
      (info) => live && useShell.setState({ mode: info.mode, dataDir: info.dataDir, version: info.version }),
      () => undefined,
    );
    void commands.refreshRecent();
    void commands.checkUnfinished();
    void commands.offerRecovery().finally(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [api, commands]);

  useAutosave(api, ready, autosaveMs);

  const bindings = useMemo(() => createBindings({ canvas, app: commands }), [commands, canvas]);
  useNodeSideEvents(commands, bindings);

  const showStart = isEmpty && !startDismissed;
  return (
    <CommandsProvider bindings={bindings}>
      <ShellView commands={commands} showStart={showStart} settingsOpen={settingsOpen} />
    </CommandsProvider>
  );
}

/** The shell's layout, inside the command bindings; the file and run keys work everywhere in it. */
function ShellView({ commands, showStart, settingsOpen }: { commands: AppCommands; showStart: boolean; settingsOpen: boolean }) {
  useCommandKeys('app');
  const asking = useShell((s) => s.question !== null);
  return (
    <div className="sf-app">
      <Toolbar commands={commands} />
      <div className="sf-body">
        <main className="sf-main" aria-label={showStart ? 'Start' : 'Graph editor'}>
          {showStart ? (
            <Suspense fallback={null}>
              <StartScreen commands={commands} />
            </Suspense>
          ) : (
            <Canvas />
          )}
        </main>
        <aside className="sf-side" aria-label="Problems and run">
          <ProblemsPanel />
          <RunPanel onResume={() => void commands.resume()} />
        </aside>
      </div>
      <NoticeRegion />
      {asking ? (
        <Suspense fallback={null}>
          <QuestionDialog />
        </Suspense>
      ) : null}
      {settingsOpen ? (
        <Suspense fallback={null}>
          <SettingsDialog onClose={() => useShell.setState({ settingsOpen: false })} />
        </Suspense>
      ) : null}
    </div>
  );
}
