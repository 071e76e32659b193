/**
 * Which runs the compare grid shows (CompareDialog, loaded on demand). Any feature may open it:
 * `useCompare.getState().openCompare(runIds, title)` (the run panel for the takes of the last
 * start, the batch rows table for its rows).
 */
import { create } from 'zustand';

export interface CompareRequest {
  /** The runs, one row each, in this order. */
  runIds: readonly string[];
  /** The dialog's title, e.g. "Compare 3 takes". */
  title: string;
}

export interface CompareState {
  open: CompareRequest | null;
  openCompare(runIds: readonly string[], title: string): void;
  closeCompare(): void;
}

export const useCompare = create<CompareState>()((set) => ({
  open: null,
  openCompare: (runIds, title) => set({ open: { runIds: [...runIds], title } }),
  closeCompare: () => set({ open: null }),
}));
