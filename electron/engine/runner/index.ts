export * from './types';
export * from './polling';
export { recipeFor, planRecipe, preflightRecipe, secondsOf, runFolder, outputNames, graphHashOf, graphFileStem, type Preflight, type RecipeInput } from './recipe';
export { startRuns, resumeRuns, batchRowOutcomes } from './runs';
export { downloadFile, DownloadError } from './downloads';
export { recoverTask, RecoverError, type Recovered } from './recover';
export { QUIT_WAIT_MS, SubmitsInFlight } from './submits-in-flight';
export type { ResumeResult, RunElsewhere } from './runs';
