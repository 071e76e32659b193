/**
 * How "fit view" frames the graph: clear of what floats over the canvas, the palette (top left,
 * about 170 px wide), the zoom controls (bottom left) and the mini map (bottom right, about
 * 165 px high), so no node starts under them. Shares of the canvas, so a small canvas still
 * leaves room for the graph: on a 1,200 x 900 canvas 180 px left and 162 px below.
 */
import type { FitViewOptions } from '@xyflow/react';

export const FIT_VIEW_OPTIONS = {
  padding: { top: '5%', right: '4%', bottom: '18%', left: '15%' },
  maxZoom: 1.25,
} satisfies FitViewOptions;
