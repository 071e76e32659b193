/**
 * Where and how the CLI talks to Modellix: the key (only ever from MODELLIX_API_KEY), the base
 * URL (`resolveBaseUrl`: --base-url, MODELLIX_BASE_URL, or the real service) and the polling policy
 * (fast for the simulator on loopback, Modellix's advice otherwise).
 */
import { BaseUrlError, resolveBaseUrl } from '../engine/modellix/base-url';
import { FAST_POLLING, isLoopbackUrl, MODELLIX_POLLING, type PollingPolicy } from '../engine/runner/polling';
import type { CliIo } from './context';
import { CliError } from './exit-codes';

export type PollName = 'fast' | 'modellix';

export interface Connection {
  baseUrl: string;
  /** Absent only when not needed (a dry run). */
  apiKey?: string;
  pollName: PollName;
  polling: PollingPolicy;
}

const MISSING_KEY_MESSAGE =
  'MODELLIX_API_KEY is not set, so nothing can be sent to Modellix.\n' +
  '  Create a key in your Modellix dashboard and set it for this shell: export MODELLIX_API_KEY=<your key>\n' +
  '  (the key is read only from the environment: it is never stored in a graph file, a log or the ledger).\n' +
  '  To try a pipeline without a key, start the simulator (`seedance-flow simulate`) and pass --base-url with the URL it prints\n' +
  '  and any MODELLIX_API_KEY, or add --dry-run to see the requests without sending them.';

const BASE_URL_ADVICE = 'Give an origin such as https://api.modellix.ai (plain http only on this machine, e.g. the simulator), or leave it out for the real service.';

export function resolveConnection(
  io: Pick<CliIo, 'env'>,
  options: { baseUrl?: string; poll?: PollName; requireKey: boolean },
): Connection {
  let baseUrl: string;
  try {
    ({ baseUrl } = resolveBaseUrl({ flag: options.baseUrl, env: io.env }));
  } catch (error) {
    if (error instanceof BaseUrlError) throw new CliError(`error: ${error.message}\n${BASE_URL_ADVICE}`);
    throw error;
  }
  const apiKey = io.env.MODELLIX_API_KEY?.trim();
  if (options.requireKey && !apiKey) throw new CliError(MISSING_KEY_MESSAGE);
  const pollName: PollName = options.poll ?? (isLoopbackUrl(baseUrl) ? 'fast' : 'modellix');
  return {
    baseUrl,
    ...(apiKey ? { apiKey } : {}),
    pollName,
    polling: pollName === 'fast' ? FAST_POLLING : MODELLIX_POLLING,
  };
}
