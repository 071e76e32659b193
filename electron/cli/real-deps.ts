/** The engine the CLI runs on: the real runner, ledger, Modellix client and simulator. */
import { Ledger } from '../engine/ledger';
import { createModellixClient } from '../engine/modellix';
import * as runner from '../engine/runner/index';
import { runSimulatorCli } from '../engine/simulator';
import type { CliDeps } from './context';

export function realDeps(): CliDeps {
  return {
    runner: {
      recipeFor: runner.recipeFor,
      planRecipe: runner.planRecipe,
      preflightRecipe: runner.preflightRecipe,
      startRuns: runner.startRuns,
      resumeRuns: runner.resumeRuns,
      batchRowOutcomes: runner.batchRowOutcomes,
      recoverTask: runner.recoverTask,
    },
    openLedger: (dataDir) => Ledger.open(dataDir),
    createClient: (options) => createModellixClient(options),
    startSimulator: (input) => runSimulatorCli(input),
  };
}
