/**
 * Above this many nodes the canvas draws only those in view (React Flow's
 * `onlyRenderVisibleElements`): culling costs mounts while panning, worth it only for big graphs.
 * The canvas benchmark reads it too, to know what the app must have drawn.
 */
export const CULL_ABOVE_NODES = 150;
