/** The canvas's node components, registered as `nodeTypes = { asset: AssetNode, seedance: SeedanceNode, note: NoteNode }`. */
export { AssetNode } from './AssetNode';
export { SeedanceNode } from './SeedanceNode';
export { NoteNode } from './NoteNode';
export { DetailContext, isFar, isTiny, withDetail } from './detail';
