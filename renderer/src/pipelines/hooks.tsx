/**
 * What the rest of the window needs to know about a pipeline open in place, kept tiny for the
 * start-up bundle: the levels (a store), and the ways back, which nesting.ts (loaded with the
 * pipeline node, the only way in) installs. With no level open, every function here is a no-op.
 */
import type { ReactNode } from 'react';
import { create } from 'zustand';
import type { GraphDocument } from '../../../shared/graph';
import { useEditor, type EditorState } from '../store/editor';

export interface NestingLevel {
  /** The pipeline node open below this level. */
  nodeId: string;
  name: string;
  graph: GraphDocument;
  path: string | null;
  savedGraph: GraphDocument;
  past: EditorState['past'];
  future: EditorState['future'];
}

/** Outermost first; empty when the document itself is open. `crumb` draws the breadcrumb (set by the node's chunk). */
export const useNesting = create<{ levels: readonly NestingLevel[]; crumb?: (levels: readonly NestingLevel[]) => ReactNode }>()(() => ({ levels: [] }));

/** The breadcrumb above the canvas while a pipeline is open in place. */
export function PipelineBreadcrumb() {
  const levels = useNesting((s) => s.levels);
  const crumb = useNesting((s) => s.crumb);
  return levels.length > 0 && crumb ? crumb(levels) : null;
}

export const nestingHooks: {
  close?: (count?: number) => void;
  document?: () => Pick<EditorState, 'graph' | 'path' | 'savedGraph'>;
} = {};

/** Back to the document, keeping the edits made inside (before save and run). */
export function closePipelines(): void {
  if (useNesting.getState().levels.length > 0) nestingHooks.close?.();
}

/** The whole document as it would be saved now, with any pipeline open in place written back. */
export function documentNow(): Pick<EditorState, 'graph' | 'path' | 'savedGraph'> {
  return (useNesting.getState().levels.length > 0 ? nestingHooks.document?.() : undefined) ?? useEditor.getState();
}

/** Forgets the levels without writing back (a new document was loaded over them). */
export function resetNesting(): void {
  if (useNesting.getState().levels.length > 0) useNesting.setState({ levels: [] });
}
