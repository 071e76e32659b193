/**
 * Simulated mode: the window's runs go to a Modellix simulator started inside the app (the Node
 * side, on 127.0.0.1), with a key of its own. The user's key never goes there and nothing is
 * paid, so a new user can run a whole template at once. On by default until the user has a key
 * or has chosen a service (MODELLIX_BASE_URL, or an address saved in Settings); the Settings
 * switch (`settings.simulated`) says otherwise either way.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator, type SimulatorHandle } from '../engine/simulator';

/** The key the built-in simulator accepts: not a Modellix key, never the user's. */
export const SIMULATED_KEY = 'seedance-flow-simulated-mode';
/** Why an unfinished simulated run of an earlier session was closed (recorded on its open tasks). */
export const SIMULATED_GONE =
  'Closed: this simulated run was left unfinished by an earlier session, and the simulator inside the app keeps no tasks across restarts. Nothing was paid; run the graph again.';
/** How long a simulated task takes: long enough to watch it work, short enough to iterate. */
const SIMULATED_PROCESSING_MS = 4000;

export interface SimulatedFacts {
  /** `settings.simulated`: the user's choice, if they made one. */
  setting: boolean | undefined;
  /** A key is stored (or in MODELLIX_API_KEY). */
  keyPresent: boolean;
  /** The user chose a service: MODELLIX_BASE_URL, or a saved address other than the default. */
  serviceChosen: boolean;
}

/** Whether runs go to the built-in simulator now. */
export function isSimulated({ setting, keyPresent, serviceChosen }: SimulatedFacts): boolean {
  return setting ?? (!keyPresent && !serviceChosen);
}

export interface BuiltInSimulator {
  /** Its base URL, starting it on first use. */
  url(): Promise<string>;
  /** Its base URL if it was started in this session; none otherwise (an earlier session's is gone). */
  current(): Promise<string | undefined>;
  close(): Promise<void>;
}

/**
 * The video the built-in simulator answers with: the example clip that ships with the app (an
 * installed app has no test fixtures), else the simulator's own fixture (a checkout).
 */
export function simulatedResultVideo(examplesDir: string | null | undefined): string | undefined {
  const clip = examplesDir ? join(examplesDir, 'media', 'clip.mp4') : undefined;
  return clip && existsSync(clip) ? clip : undefined;
}

export function createBuiltInSimulator(examplesDir?: string | null): BuiltInSimulator {
  let handle: Promise<SimulatorHandle> | undefined;
  return {
    async url() {
      const resultVideoPath = simulatedResultVideo(examplesDir);
      handle ??= startSimulator({ apiKeys: [SIMULATED_KEY], processingMs: SIMULATED_PROCESSING_MS, ...(resultVideoPath ? { resultVideoPath } : {}) });
      return (await handle).url;
    },
    async current() {
      return handle ? (await handle).url : undefined;
    },
    async close() {
      const started = handle;
      handle = undefined;
      if (started) await (await started).close();
    },
  };
}
