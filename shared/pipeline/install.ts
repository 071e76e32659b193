/**
 * Installs pipeline support (support.ts): called once where graphs with pipeline nodes are planned
 * or wired (the runner's recipes, the window's pipeline node). A call, not an import for its side
 * effect: bundlers may leave out a module whose exports go unused (the window's build does).
 */
import { expandPipelines } from './expand';
import { installPipelineSupport } from './support';
import { checkPipelineConnection, pipelineOutputMedia } from './wiring';

export function installPipelines(): void {
  installPipelineSupport({ expand: expandPipelines, outputMedia: pipelineOutputMedia, checkConnection: checkPipelineConnection });
}
