/** The canvas's node components, registered as `nodeTypes = { asset: AssetNode, seedance: SeedanceNode, note: NoteNode }`. */
export { AssetNode } from './AssetNode';
export { SeedanceNode, slotRows, type SlotRow } from './SeedanceNode';
export { NoteNode } from './NoteNode';
export { SettingsPanel, randomSeed, type SettingsPanelProps } from './Settings';
export { fileNameOf, nodeName, sourceName } from './names';
export type { EditorNodeProps } from './types';
export { PromptEditor, type PromptEditorHandle, type PromptEditorProps } from '../prompt';
