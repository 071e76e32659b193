/**
 * The app shell: toolbar, start screen or canvas, problems and run panels, dialogs, and the
 * notice live region. It wires the Node side's events (run progress, menu commands) and the
 * file shortcuts to the same commands the buttons use.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import { Canvas, useCanvasActions, useShortcuts } from '../canvas';
import { ServicesProvider, useServices, type Services } from '../services/services';
import { useCanvasUi } from '../store/canvas-ui';
import { useEditor } from '../store/editor';
import { createCommands, type AppCommands } from './commands';
import { NoticeRegion } from './NoticeRegion';
import { ProblemsPanel } from './ProblemsPanel';
import { QuestionDialog } from './QuestionDialog';
import { RunPanel } from './RunPanel';
import { SettingsDialog } from './SettingsDialog';
import { useShell } from '../store/shell';
import { StartScreen } from './StartScreen';
import { Toolbar } from './Toolbar';
import { useAutosave } from './use-autosave';

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

function useNodeSideEvents(commands: AppCommands, menu: Record<string, () => void>) {
  const { api } = useServices();
  useEffect(() => {
    const offRun = api.on('run.event', commands.runEvent);
    const offMenu = api.on('menu.command', (payload) => {
      // The desktop app may name a file to open (a path given on the command line).
      const path = (payload as { path?: unknown }).path;
      if (payload.command === 'open' && typeof path === 'string' && path) return void commands.open(path);
      menu[payload.command]?.();
    });
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
  }, [api, commands, menu]);
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

  const menu = useMemo<Record<string, () => void>>(
    () => ({
      new: () => void commands.newGraph(),
      open: () => void commands.open(),
      save: () => void commands.save(),
      saveAs: () => void commands.saveAs(),
      undo: canvas.undo,
      redo: canvas.redo,
      fitView: canvas.fitView,
      autoLayout: canvas.autoLayout,
      shortcuts: () => useCanvasUi.getState().openDialog('shortcuts'),
      run: () => void commands.run(),
      settings: commands.openSettings,
    }),
    [commands, canvas],
  );
  useNodeSideEvents(commands, menu);
  useShortcuts({
    new: menu.new,
    open: menu.open,
    save: menu.save,
    saveAs: menu.saveAs,
    run: menu.run,
    settings: menu.settings,
  });

  const showStart = isEmpty && !startDismissed;
  return (
    <div className="sf-app">
      <Toolbar commands={commands} />
      <div className="sf-body">
        <main className="sf-main" aria-label={showStart ? 'Start' : 'Graph editor'}>
          {showStart ? <StartScreen commands={commands} /> : <Canvas />}
        </main>
        <aside className="sf-side" aria-label="Problems and run">
          <ProblemsPanel />
          <RunPanel onResume={() => void commands.resume()} />
        </aside>
      </div>
      <NoticeRegion />
      <QuestionDialog />
      {settingsOpen ? <SettingsDialog onClose={() => useShell.setState({ settingsOpen: false })} /> : null}
    </div>
  );
}
