/**
 * Handle ids: how an edge names the output it leaves and the input slot it enters. The same
 * strings are React Flow handle ids on the canvas and `sourceHandle`/`targetHandle` in the file.
 */
import type { MediaKind, SlotKind } from '../models/fields';
import { tokenText, type NumberedKind } from '../prompt/tokens';

/** Outputs: an asset node has one (`media`); a Seedance node has its video and its last frame. */
export const OUTPUT_HANDLES = ['media', 'video', 'lastFrame'] as const;
/** A pipeline node's outputs are `out:<name>`, one per output its pipeline exposes. */
export type PipelineOutputHandle = `out:${string}`;
export type OutputHandle = (typeof OUTPUT_HANDLES)[number] | PipelineOutputHandle;
/** `out:<name>`: an output a pipeline node exposes (shared/pipeline). */
export const PIPELINE_OUTPUT_PATTERN = /^out:([A-Za-z_][A-Za-z0-9_]{0,63})$/;
/** `in:<name>`: an input of a pipeline node, one per named asset node inside it (shared/pipeline). */
export const PIPELINE_INPUT_PATTERN = /^in:([A-Za-z_][A-Za-z0-9_]{0,63})$/;

export type TargetSlot = { kind: NumberedKind; index: number } | { kind: 'firstFrame' | 'lastFrame' };

export const TARGET_HANDLE_PATTERN = /^(?:(video|image|audio):([1-9][0-9]?)|(firstFrame|lastFrame))$/;

export function isNumbered(kind: SlotKind): kind is NumberedKind {
  return kind === 'video' || kind === 'image' || kind === 'audio';
}

export function slotHandle(slot: TargetSlot): string {
  return 'index' in slot ? `${slot.kind}:${slot.index}` : slot.kind;
}

export function parseSlotHandle(handle: string): TargetSlot | undefined {
  const m = TARGET_HANDLE_PATTERN.exec(handle);
  if (!m) return undefined;
  if (m[3]) return { kind: m[3] as 'firstFrame' | 'lastFrame' };
  return { kind: m[1] as NumberedKind, index: Number(m[2]) };
}

/** What the slot is called on the node: `[Video 2]` for numbered slots, `First frame` otherwise. */
export function slotLabel(slot: TargetSlot): string {
  if ('index' in slot) return tokenText(slot.kind, slot.index);
  return slot.kind === 'firstFrame' ? 'First frame' : 'Last frame';
}

/** The media an output carries, for the node type it belongs to. */
export function outputMedia(nodeType: 'asset' | 'seedance', handle: string, assetMedia?: MediaKind): MediaKind | undefined {
  if (nodeType === 'asset') return handle === 'media' ? assetMedia : undefined;
  if (handle === 'video') return 'video';
  if (handle === 'lastFrame') return 'image';
  return undefined;
}
