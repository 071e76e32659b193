/** The canvas: the React Flow editor of the graph, and its editing actions. */
export { Canvas, type CanvasProps } from './Canvas';
export { useCanvasActions, type CanvasActions } from './actions';
