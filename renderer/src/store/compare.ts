/**
 * Which runs the compare grid shows (CompareDialog, loaded on demand). Any feature may open it:
 * `openCompare(runIds, title?)` (the run panel for the takes of the last start or runs the user
 * picks, the batch rows table for its rows); no runs: the grid first asks which.
 */
import { create } from 'zustand';

export interface CompareRequest {
  /** The runs, one row each, in this order; none: the user picks them first. */
  runIds: readonly string[];
  /** The dialog's title; none: "Compare 3 takes", or "Compare runs" while the user picks them. */
  title?: string | undefined;
}

export const useCompare = create<{ open: CompareRequest | null }>()(() => ({ open: null }));

export function openCompare(runIds: readonly string[], title?: string): void {
  useCompare.setState({ open: { runIds: [...runIds], title } });
}

export function closeCompare(): void {
  useCompare.setState({ open: null });
}
