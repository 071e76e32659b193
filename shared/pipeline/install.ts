/** Installs pipeline support (support.ts): import this once where graphs with pipeline nodes are planned or wired. */
import { expandPipelines } from './expand';
import { installPipelineSupport } from './support';
import { checkPipelineConnection, pipelineOutputMedia } from './wiring';

installPipelineSupport({ expand: expandPipelines, outputMedia: pipelineOutputMedia, checkConnection: checkPipelineConnection });
