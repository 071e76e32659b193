/**
 * What the canvas knows that is not part of the document: the selection, the snap toggle, which
 * canvas dialog is open, how many pastes were made, and a key that changes when a new document is
 * loaded (the canvas then starts over at that document's viewport). Edits never go here: they go through the editor store.
 */
import { create } from 'zustand';
import type { GraphDocument } from '../../../shared/graph';
import { useEditor } from './editor';

export type CanvasDialog = 'quickAdd' | 'shortcuts' | 'connections' | 'importPath' | null;

export interface CanvasUiState {
  selectedNodes: readonly string[];
  selectedEdges: readonly string[];
  snapToGrid: boolean;
  dialog: CanvasDialog;
  /** Changes with every loaded document, so the canvas re-reads its viewport. */
  docKey: number;
  /** A node to bring into view (problems panel, quick-add), with a nonce so the same id repeats. */
  focus: { id: string; nonce: number } | null;
  /** Pastes into this document so far: each lands a step further from the copied nodes. */
  pastes: number;

  select(nodes: readonly string[], edges?: readonly string[]): void;
  setSnapToGrid(on: boolean): void;
  openDialog(dialog: CanvasDialog): void;
  focusNode(id: string): void;
  /** Counts one more paste; returns the count. */
  countPaste(): number;
}

export const useCanvasUi = create<CanvasUiState>()((set, get) => ({
  selectedNodes: [],
  selectedEdges: [],
  snapToGrid: true,
  dialog: null,
  docKey: 0,
  focus: null,
  pastes: 0,

  select(nodes, edges = []) {
    set({ selectedNodes: [...nodes], selectedEdges: [...edges] });
  },
  setSnapToGrid(on) {
    set({ snapToGrid: on });
  },
  openDialog(dialog) {
    set({ dialog });
  },
  focusNode(id) {
    set({ selectedNodes: [id], selectedEdges: [], focus: { id, nonce: (get().focus?.nonce ?? 0) + 1 } });
  },
  countPaste() {
    const pastes = get().pastes + 1;
    set({ pastes });
    return pastes;
  },
}));

/**
 * Loads a document into the editor (new, open, template, restore) and starts the canvas over:
 * selection cleared, viewport taken from the document.
 */
export function openDocument(graph: GraphDocument, path: string | null, options: { dirty?: boolean } = {}): void {
  useEditor.getState().load(graph, path, options);
  useCanvasUi.setState((s) => ({ selectedNodes: [], selectedEdges: [], dialog: null, focus: null, pastes: 0, docKey: s.docKey + 1 }));
}
