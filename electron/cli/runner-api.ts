/**
 * The runner functions the CLI uses (electron/engine/runner), as one injectable object. The real
 * one is bound in real-deps.ts; tests hand in fakes (or the real planning functions with a fake
 * `startRuns`) and assert that nothing was started.
 */
import type * as runner from '../engine/runner/index';

export type { Preflight, RecipeInput } from '../engine/runner/index';

export interface RunnerApi {
  recipeFor: typeof runner.recipeFor;
  planRecipe: typeof runner.planRecipe;
  preflightRecipe: typeof runner.preflightRecipe;
  startRuns: typeof runner.startRuns;
  resumeRuns: typeof runner.resumeRuns;
  batchRowOutcomes: typeof runner.batchRowOutcomes;
  recoverTask: typeof runner.recoverTask;
}
