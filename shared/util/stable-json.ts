/**
 * Canonical JSON: object keys sorted at every depth, so equal values always give equal text and
 * equal hashes. Used for request hashes (task reuse), graph hashes and the simulator's duplicate
 * count.
 */

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
