/**
 * What can be added to the canvas (palette, quick-add, drops) and how nodes are named for
 * assistive technology. New nodes hold only what the user would otherwise have to fill in.
 */
import type { AssetSource, GraphNode } from '../../../shared/graph';
import { MODEL_IDS, MODELS, type ModelId } from '../../../shared/models';
import { nodeKindTitle } from '../nodes/names';

export type AddableKind = 'video' | 'image' | 'audio' | 'seedance' | 'note';

const DEFAULT_MODEL: ModelId = 'seedance-2.0-v2v';

export interface AddableEntry {
  /** Stable key for lists and drag data. */
  key: string;
  kind: AddableKind;
  model?: ModelId;
  /** What the palette button or the quick-add option says. */
  label: string;
  /** More words to match in the quick-add search. */
  keywords: string;
}

export const PALETTE: readonly AddableEntry[] = [
  { key: 'video', kind: 'video', label: 'Video', keywords: 'asset clip movie file mp4' },
  { key: 'image', kind: 'image', label: 'Image', keywords: 'asset still picture frame reference png jpg' },
  { key: 'audio', kind: 'audio', label: 'Audio', keywords: 'asset sound music track mp3 wav' },
  { key: 'seedance', kind: 'seedance', label: 'Seedance', keywords: `generate model ${MODELS[DEFAULT_MODEL].name}` },
  { key: 'note', kind: 'note', label: 'Note', keywords: 'comment text sticky' },
];

/** Everything quick-add offers: the palette, then one Seedance entry per model. */
export const ADDABLE: readonly AddableEntry[] = [
  ...PALETTE,
  ...MODEL_IDS.map((model) => ({
    key: `model:${model}`,
    kind: 'seedance' as const,
    model,
    label: MODELS[model].name,
    keywords: `seedance ${model} ${MODELS[model].family} ${MODELS[model].tier}`,
  })),
];

export const DRAG_MIME = 'application/x-seedance-flow-node';

export function entryByKey(key: string): AddableEntry | undefined {
  return ADDABLE.find((e) => e.key === key);
}

/** A new node (without an id: the store gives one) at `position`. */
export function newNode(
  kind: AddableKind,
  position: { x: number; y: number },
  options: { model?: ModelId; source?: AssetSource; label?: string } = {},
): Omit<GraphNode, 'id'> {
  const at = { x: Math.round(position.x), y: Math.round(position.y) };
  switch (kind) {
    case 'seedance':
      return { type: 'seedance', position: at, data: { model: options.model ?? DEFAULT_MODEL, prompt: '', settings: {} } };
    case 'note':
      return { type: 'note', position: at, data: { text: '' } };
    default:
      return {
        type: 'asset',
        position: at,
        data: {
          media: kind,
          ...(options.source ? { source: options.source } : {}),
          ...(options.label ? { label: options.label.slice(0, 200) } : {}),
        },
      };
  }
}

/**
 * The accessible name of the canvas's wrapper around a node (the focusable element that selects
 * and moves it). It differs from the node component's own group name on purpose:
 * "Seedance node shot1 on the canvas, 2 problems".
 */
export function nodeAriaLabel(node: GraphNode, problems = 0): string {
  const base = `${nodeKindTitle(node)} on the canvas`;
  return problems > 0 ? `${base}, ${problems} problem${problems > 1 ? 's' : ''}` : base;
}
