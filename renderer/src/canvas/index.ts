export { Canvas, GRID, type CanvasProps } from './Canvas';
export { useCanvasActions, addNodes, deleteElements, addImported, type CanvasActions } from './actions';
export { CLIPBOARD_FORMAT, makePayload, parsePayload, pasteInto, payloadText, type ClipboardPayload } from './clipboard';
