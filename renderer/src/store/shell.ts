/**
 * The app shell's own state: what the Node side told us (mode, recent files), the question a
 * dialog is asking, and the last run started from this window. The document itself lives in
 * the editor store.
 */
import { create } from 'zustand';
import type { ResultOf, TaskView } from '../../../shared/api';
import type { GraphDocument } from '../../../shared/graph';

export type RecentFile = ResultOf<'graph.recent'>['files'][number];
export type RunSummary = ResultOf<'plan'>['summary'];
export type Recovery = { graph: GraphDocument; path: string | null; savedAt: string };

export type Question =
  | { kind: 'unsaved'; action: string; resolve: (answer: 'save' | 'discard' | 'cancel') => void }
  | { kind: 'path'; purpose: 'open' | 'save' | 'csv'; initial: string; resolve: (path: string | null) => void }
  | { kind: 'runTimes'; initial: number; resolve: (times: number | null) => void }
  | { kind: 'restore'; recovery: Recovery; resolve: (answer: 'restore' | 'discard') => void }
  | {
      kind: 'confirmRun';
      /** What the runs will cost (the `plan` method's summary): tasks, seconds per model and resolution, the estimate. */
      summary: RunSummary;
      /** Run again: every task is paid again, nothing reused. */
      again?: boolean;
      resolve: (ok: boolean) => void;
    };

type Answer<K extends Question['kind']> = Parameters<Extract<Question, { kind: K }>['resolve']>[0];

export interface ShellState {
  mode: 'desktop' | 'browser' | null;
  dataDir: string | null;
  /** The app version the Node side reported. */
  version: string | null;
  recent: RecentFile[];
  question: Question | null;
  /** The start screen was left (New empty graph, a template, a file). */
  startDismissed: boolean;
  settingsOpen: boolean;
  historyOpen?: boolean;
  /** The runs started last from this window. */
  runIds: string[];
  /** Why the last Run did not start (plan errors, local media problems, a refusal). */
  runProblems: string[];
  /** Tasks of the last runs, with their outputs, newest first. */
  results: TaskView[];
  running: boolean;
  /** Runs a crash or a killed process left unfinished (the ledger says so); offered for resuming. */
  unfinishedRuns: number;
}

export const useShell = create<ShellState>()(() => ({
  mode: null,
  dataDir: null,
  version: null,
  recent: [],
  question: null,
  startDismissed: false,
  settingsOpen: false,
  runIds: [],
  runProblems: [],
  results: [],
  running: false,
  unfinishedRuns: 0,
}));

/** Shows a question dialog and waits for its answer (one question at a time). */
export function ask<K extends Question['kind']>(kind: K, details: Omit<Extract<Question, { kind: K }>, 'kind' | 'resolve'>): Promise<Answer<K>> {
  return new Promise((resolve) => {
    const question = {
      ...details,
      kind,
      resolve: (answer: Answer<K>) => {
        if (useShell.getState().question === question) useShell.setState({ question: null });
        resolve(answer);
      },
    } as unknown as Question;
    useShell.setState({ question });
  });
}
