/** About how big a node is before React Flow has measured it (placement and auto-layout). */
export const DEFAULT_NODE_SIZE = { width: 280, height: 180 };
