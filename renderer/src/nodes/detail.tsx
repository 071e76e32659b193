/**
 * Level of detail: below `FAR_ZOOM` a node's fields are a few pixels high and cannot be read or
 * used, so each node draws as its far form (FarNode: a box, its name, its run state, the ports its
 * wires use) instead of dozens of controls. A big graph then opens, pans and zooms about as
 * lightly as a bare React Flow page; zooming in brings every control back.
 *
 * The canvas says which form to draw (`DetailContext`, switched only when the zoom crosses the
 * line, so a pan or a zoom does not re-render the nodes); `withDetail` wraps a node component.
 */
import { createContext, memo, useContext, type ComponentType } from 'react';
import { FarNode } from './FarNode';
import { sameNodeProps, type EditorNodeProps } from './types';

/** Below this zoom nodes draw in their far form (12 px text would be under 6 px on screen). */
export const FAR_ZOOM = 0.5;

/**
 * Below this zoom even the far form's names are under 9 px on screen: the canvas hides them
 * (class `sf-canvas--tiny`, CSS only), leaving coloured boxes, run states and problem counts.
 */
export const TINY_ZOOM = 0.25;

/** Whether far nodes' names are hidden at this zoom. */
export function isTiny(zoom: number): boolean {
  return zoom < TINY_ZOOM;
}

/** True while the canvas is zoomed out below `FAR_ZOOM`. */
export const DetailContext = createContext(false);

/** Whether nodes draw in their far form at this zoom. */
export function isFar(zoom: number): boolean {
  return zoom < FAR_ZOOM;
}

/** The node component drawn as `Full` near, and as FarNode when zoomed out. */
export function withDetail(Full: ComponentType<EditorNodeProps>) {
  const Detailed = memo(function Detailed(props: EditorNodeProps) {
    return useContext(DetailContext) ? <FarNode {...props} /> : <Full {...props} />;
  }, sameNodeProps);
  Detailed.displayName = `withDetail(${Full.displayName ?? Full.name})`;
  return Detailed;
}
