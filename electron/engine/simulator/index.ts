export { startSimulator, type SimulatorHandle } from './server';
export { runSimulatorCli, SimulatorConfigError, type SimulatorCliInput, type SimulatorCliHooks } from './cli';
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
export { RESULT_VIDEO_FACTS } from './media';
