/** Builds a task intent with its derived fields (request hash, seed, a fresh task key). */
import { randomUUID } from 'node:crypto';
import type { EventOf } from './events';
import { requestHash, seedOfBody } from './stable-json';

export interface IntentInput {
  runId: string;
  nodeId: string;
  model: string;
  submitPath: string;
  body: EventOf<'task.intent'>['body'];
  inputHashes?: Record<string, string>;
  /** The service (API origin) the submit goes to. */
  service: string;
  /** The run's output folder and the node's name for the user. */
  folder?: string;
  label?: string;
  /** Defaults to a random UUID. */
  taskKey?: string;
}

export type TaskIntent = Omit<EventOf<'task.intent'>, 'v' | 'at'>;

export function taskIntent(input: IntentInput): TaskIntent {
  return {
    type: 'task.intent',
    taskKey: input.taskKey ?? randomUUID(),
    runId: input.runId,
    nodeId: input.nodeId,
    model: input.model,
    submitPath: input.submitPath,
    body: input.body,
    requestHash: requestHash(input.model, input.body),
    seed: seedOfBody(input.body) ?? null,
    ...(input.inputHashes !== undefined ? { inputHashes: input.inputHashes } : {}),
    service: input.service,
    ...(input.folder !== undefined ? { folder: input.folder } : {}),
    ...(input.label !== undefined ? { label: input.label } : {}),
  };
}
