/**
 * The Modellix submit path, built and read in one place: `/api/v1/<provider>/<model>/async`, and
 * the alias without `/async` that newer clients use (docs/modellix-api.md). A model's `path`, the
 * engine's protocol (its router, used by the simulator) and `modelForPath` all use these two.
 */

export const API_PREFIX = '/api/v1';

/** First path segments under /api/v1 that are not providers (so never a submit path). */
const RESERVED_SEGMENTS = new Set(['tasks', 'media', 'apikey', 'team', 'models']);

/** The documented submit path, or its alias without `/async`. */
export function submitPath(provider: string, model: string, options: { alias?: boolean } = {}): string {
  return `${API_PREFIX}/${encodeURIComponent(provider)}/${encodeURIComponent(model)}${options.alias ? '' : '/async'}`;
}

export interface SubmitTarget {
  provider: string;
  model: string;
  /** The path without `/async`. */
  alias: boolean;
}

/** A path segment decoded, or undefined when it is empty or not valid percent-encoding. */
export function decodePathSegment(segment: string): string | undefined {
  try {
    const value = decodeURIComponent(segment);
    return value.length > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The provider and model a path (without query, a trailing slash allowed) submits to, or undefined. */
export function parseSubmitPath(pathname: string): SubmitTarget | undefined {
  const trimmed = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  if (!trimmed.startsWith(`${API_PREFIX}/`)) return undefined;
  const segments = trimmed.slice(API_PREFIX.length + 1).split('/');
  const [first, second, third] = segments;
  if (first === undefined || second === undefined || RESERVED_SEGMENTS.has(first)) return undefined;
  const alias = segments.length === 2;
  if (!alias && !(segments.length === 3 && third === 'async')) return undefined;
  const provider = decodePathSegment(first);
  const model = decodePathSegment(second);
  if (provider === undefined || model === undefined) return undefined;
  return { provider, model, alias };
}
