/** Event builders for the ledger's tests and the kill-test child. */
import type { NewLedgerEvent } from '../events';
import { taskIntent, type TaskIntent } from '../intent';

/** The service the test tasks and uploads belong to. */
export const SERVICE = 'https://api.modellix.ai';

export function runStarted(runId: string, extra: { batchRow?: number | null } = {}): NewLedgerEvent {
  return { type: 'run.started', runId, graphFile: '/graphs/chain.json', graphHash: 'g'.repeat(64), batchRow: extra.batchRow ?? null };
}

export function intent(runId: string, taskKey: string, body: Record<string, unknown> = { prompt: 'a red fox', seed: 7 }, nodeId = 'n1'): TaskIntent {
  return taskIntent({
    runId,
    nodeId,
    taskKey,
    model: 'seedance-2.0-t2v',
    submitPath: '/api/v1/bytedance/seedance-2.0-t2v/async',
    body: body as TaskIntent['body'],
    service: SERVICE,
  });
}

export const sha = (c: string) => c.repeat(64).slice(0, 64);
