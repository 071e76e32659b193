export { startSimulator, type SimulatorHandle } from './server';
export { runSimulatorCli, simulatorCliSchema, SimulatorConfigError, type SimulatorCliInput, type SimulatorCliHooks } from './cli';
export {
  faultsSchema,
  simulatorOptionsSchema,
  DEFAULT_FAILURE_REASON,
  FAULT_ROUTES,
  type Faults,
  type FaultsInput,
  type FaultRoute,
  type SimulatorOptions,
} from './options';
export { submitBodyHash, type SimulatorStats } from './stats';
export { RESULT_VIDEO_FACTS, RESULT_VIDEO_FIXTURE } from './media';
