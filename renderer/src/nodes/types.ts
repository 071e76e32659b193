/**
 * What the canvas passes to a node component. The nodes read their data from the editor store by
 * id (the graph document is the one source of truth), so they need only React Flow's id and
 * selection; a component taking these props fits React Flow's `nodeTypes`.
 */
export interface EditorNodeProps {
  /** The graph node's id (React Flow's node id is the same). */
  id: string;
  selected?: boolean;
}

/**
 * Re-render a node only when its id or selection changes: React Flow passes new positions on every
 * drag frame, and the nodes read everything else from the store.
 */
export function sameNodeProps(a: EditorNodeProps, b: EditorNodeProps): boolean {
  return a.id === b.id && a.selected === b.selected;
}
