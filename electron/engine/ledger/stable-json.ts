/** Hashes over canonical JSON (shared/util/stable-json.ts): request identity and seeds. */
import { createHash } from 'node:crypto';
import { stableStringify } from '../../../shared/util/stable-json';

export { stableStringify };
export { isFixedSeed } from '../../../shared/models/seed';

/** Hex sha256 of the canonical JSON of a value. */
export function stableHash(value: unknown): string {
  return createHash('sha256').update(stableStringify(value)).digest('hex');
}

/**
 * The identity of a paid request: the model and the full body. Two tasks with the same request
 * hash (and a fixed seed) produce the same video, so the later one may reuse the earlier output.
 */
export function requestHash(model: string, body: Readonly<Record<string, unknown>>): string {
  return stableHash({ model, body });
}

/** The seed a request body asks for: a number, or `undefined` when absent or not an integer. */
export function seedOfBody(body: Readonly<Record<string, unknown>>): number | undefined {
  const seed = body['seed'];
  return typeof seed === 'number' && Number.isInteger(seed) ? seed : undefined;
}

