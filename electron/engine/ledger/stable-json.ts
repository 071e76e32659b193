/**
 * Canonical JSON: object keys sorted at every depth, so equal values always give equal text and
 * equal hashes. Used for request hashes (task reuse) and anywhere a hash must not depend on the
 * order keys were added in.
 */
import { createHash } from 'node:crypto';

/**
 * `JSON.stringify` with sorted keys. Keys whose value is `undefined` are left out, as JSON does.
 * Values JSON cannot carry faithfully (NaN, Infinity, bigint, functions, symbols, `undefined` in
 * an array, class instances such as Date or Map) throw: a hash over them would lie.
 */
export function stableStringify(value: unknown): string {
  return encode(value, '$');
}

function encode(value: unknown, where: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`stableStringify: ${where} is ${String(value)}, which JSON cannot carry`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((item: unknown, i) => {
          if (item === undefined) throw new TypeError(`stableStringify: ${where}[${i}] is undefined`);
          return encode(item, `${where}[${i}]`);
        }).join(',')}]`;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new TypeError(`stableStringify: ${where} is not a plain object or array`);
      }
      const record = value as Record<string, unknown>;
      const parts: string[] = [];
      for (const key of Object.keys(record).sort()) {
        const item = record[key];
        if (item === undefined) continue;
        parts.push(`${JSON.stringify(key)}:${encode(item, `${where}.${key}`)}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      throw new TypeError(`stableStringify: ${where} is a ${typeof value}, which JSON cannot carry`);
  }
}

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

/** Whether a seed makes the output repeatable: present and not -1 (random). */
export function isFixedSeed(seed: number | null | undefined): seed is number {
  return typeof seed === 'number' && Number.isInteger(seed) && seed >= 0;
}
