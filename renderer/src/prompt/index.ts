export { PromptEditor, wiredInputs, type PromptEditorHandle, type PromptEditorProps, type WiredInput } from './PromptEditor';
